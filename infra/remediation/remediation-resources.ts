// What a rule's remediation needs in the account where it runs: our SSM Automation document (for
// kind 'document') and the role the automation assumes, built from the rule's declared permissions.
// The role trusts SSM only for automation executions of this account and region (confused deputy).
import { Aws, Fn, Stack } from 'aws-cdk-lib';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDocument } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { AnyRule, PermissionStatement } from '../../rules/core/engine/rule.js';
import { acknowledgeWildcards } from '../nag.js';
import { PROJECT, remediationRoleBaseName } from '../naming.js';
import { type DocumentLink, loadRemediationDocument } from '../remediation-documents.js';

export class RemediationResources extends Construct {
  readonly role: Role;
  readonly document?: CfnDocument;

  constructor(scope: Construct, id: string, rule: AnyRule) {
    super(scope, id);
    const link = rule.remediation;
    if (!link) throw new Error(`Rule ${rule.id} has no remediation`);
    if (link.kind === 'document') this.document = sharedDocument(this, rule, link);
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

/** Documents already in a stack, by name: two rules may share one document, deployed once. */
const documentsByStack = new WeakMap<Stack, Map<string, { path: string; document: CfnDocument }>>();

function sharedDocument(scope: Construct, rule: AnyRule, link: DocumentLink): CfnDocument {
  const { file: path, documentName: name } = link;
  const stack = Stack.of(scope);
  const known = documentsByStack.get(stack) ?? new Map<string, { path: string; document: CfnDocument }>();
  documentsByStack.set(stack, known);
  const seen = known.get(name);
  if (seen) {
    if (seen.path !== path)
      throw new Error(`Two different files are deployed as SSM document ${name}: ${seen.path} and ${path}`);
    return seen.document;
  }
  // Read, parsed and checked (schemaVersion '0.3') by the one loader the generators also use.
  const { content } = loadRemediationDocument(rule.id, link);
  const document = new CfnDocument(stack, `Document${pascalName(name)}`, {
    name,
    documentType: 'Automation',
    documentFormat: 'YAML',
    content,
    // A named document cannot be replaced in place; publish a new version instead.
    updateMethod: 'NewVersion',
  });
  known.set(name, { path, document });
  return document;
}

function pascalName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}
