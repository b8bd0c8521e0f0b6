// What a rule's remediation needs in the account where it runs: our SSM Automation document (for
// kind 'document') and the role the automation assumes, built from the rule's declared permissions.
// The role trusts SSM only for automation executions of this account and region (confused deputy).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, Fn } from 'aws-cdk-lib';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDocument } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import type { AnyRule, PermissionStatement } from '../../rules/engine/rule.js';
import { acknowledgeWildcards } from '../nag.js';
import { PROJECT, remediationRoleBaseName } from '../naming.js';

export class RemediationResources extends Construct {
  readonly role: Role;
  readonly document?: CfnDocument;

  constructor(scope: Construct, id: string, rule: AnyRule, folder: string) {
    super(scope, id);
    const link = rule.remediation;
    if (!link) throw new Error(`Rule ${rule.id} has no remediation`);
    if (link.kind === 'document') {
      const path = join(folder, link.file);
      let content: unknown;
      try {
        content = parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(
          `Rule ${rule.id}: cannot read remediation document ${path}: ${(error as Error).message}`,
        );
      }
      this.document = new CfnDocument(this, 'Document', {
        name: link.documentName,
        documentType: 'Automation',
        documentFormat: 'YAML',
        content,
        // A named document cannot be replaced in place; publish a new version instead.
        updateMethod: 'NewVersion',
      });
    }
    const statements = link.permissions.map((p, i) => toStatement(p, i));
    this.role = new Role(this, 'AutomationRole', {
      roleName: Fn.join('-', [remediationRoleBaseName(rule), Aws.REGION]),
      description: `Assumed by SSM Automation to remediate ${rule.id} (${PROJECT}).`,
      assumedBy: new ServicePrincipal('ssm.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:automation-execution/*`,
          },
        },
      }),
      inlinePolicies: { Remediate: new PolicyDocument({ statements }) },
    });
    acknowledgeWildcards(
      this.role,
      link.permissions,
      (s, resource) =>
        `The ${rule.id} remediation changes whichever load balancer Config found non-compliant; ${s.actions.join(', ')} are limited to ${resource}.`,
    );
  }
}

function toStatement(p: PermissionStatement, index: number): PolicyStatement {
  return new PolicyStatement({
    sid: `Remediate${index}`,
    effect: Effect.ALLOW,
    actions: [...p.actions],
    resources: p.resources.map((r) => (r.includes('${') ? Fn.sub(r) : r)),
    ...(p.conditions ? { conditions: p.conditions as Record<string, unknown> } : {}),
  });
}
