// Every remediation document, checked offline: SSM Automation structure, Python that compiles, the
// safety contract (DryRun, exemption tag, outputs), metadata that matches the document, least-
// privilege policies, and cfn-lint on CloudFormation templates that deploy them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { remediationConfigurationProps } from '../../../infra/remediation-configuration.js';
import { type DocumentLink, loadRemediationDocument } from '../../../infra/remediation-documents.js';
import type { AnyRule, PermissionStatement, RemediationLink } from '../../../rules/core/engine/rule.js';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { addNlbTlsListener } from '../../../rules/core/remediation/add-nlb-tls-listener/link.js';
import { associateWebAcl } from '../../../rules/core/remediation/associate-web-acl/link.js';
import { dropInvalidHeaderFields } from '../../../rules/core/remediation/aws-drop-invalid-headers-for-alb/link.js';
import { enableConnectionDraining } from '../../../rules/core/remediation/aws-enable-clb-connection-draining/link.js';
import { enableClbCrossZone } from '../../../rules/core/remediation/aws-enable-clb-cross-zone-load-balancing/link.js';
import { enableDeletionProtection } from '../../../rules/core/remediation/aws-enable-elb-deletion-protection/link.js';
import { enableAccessLogging } from '../../../rules/core/remediation/aws-enable-logging-for-alb-and-clb/link.js';
import { enforceAlbHttps } from '../../../rules/core/remediation/enforce-alb-https/link.js';
import { REMEDIATION_EXEMPT_TAG } from '../../../rules/core/remediation/permissions.js';
import {
  revokeTargetsWorldIngress,
  revokeWorldIngress,
} from '../../../rules/core/remediation/revoke-world-ingress/link.js';
import { setClassicSslPolicy } from '../../../rules/core/remediation/set-classic-ssl-policy/link.js';
import { setElbv2SslPolicy } from '../../../rules/core/remediation/set-elbv2-ssl-policy/link.js';
import { RULES } from '../../../rules/index.js';
import { policyProblems } from '../../support/iam-policy.js';
import { loadDocument, SUPPORTED_ACTIONS } from '../../support/ssm-runner/index.js';
import { coerceParameter } from '../../support/ssm-runner/values.js';

/** Every document link, with a rule that uses it. */
const DOCUMENTS: [ruleId: string, link: DocumentLink][] = [
  ['alb-https-only', enforceAlbHttps],
  ['nlb-tls-only', addNlbTlsListener],
  ['elbv2-tls-policy', setElbv2SslPolicy],
  ['clb-tls-policy', setClassicSslPolicy],
  ['lb-sg-world-ingress', revokeWorldIngress],
  ['lb-target-sg-restricted', revokeTargetsWorldIngress],
  ['alb-waf-enabled', associateWebAcl],
];
/** Every link to AWS's own runbooks, by the attribute it fixes. */
const AWS_MANAGED_REMEDIATIONS = {
  dropInvalidHeaderFields,
  enableDeletionProtection,
  enableAccessLogging,
  enableClbCrossZone,
  enableConnectionDraining,
};
/** The remediation home: one folder per document or AWS runbook. */
const REMEDIATION_HOME = fileURLToPath(new URL('../../../rules/core/remediation/', import.meta.url));
/** SSM's limit on a document's content. */
const MAX_DOCUMENT_BYTES = 64 * 1024;

describe.each(DOCUMENTS)('remediation document of %s', (_ruleId, link) => {
  const doc = loadDocument(link.file);

  it('is a valid Automation document the runner can execute', () => {
    expect(doc.schemaVersion).toBe('0.3');
    expect(doc.assumeRole).toBe('{{ AutomationAssumeRole }}');
    const unsupported = doc.mainSteps.filter(
      (s) => !(SUPPORTED_ACTIONS as readonly string[]).includes(s.action),
    );
    expect(unsupported.map((s) => s.action)).toEqual([]);
    expect(doc.mainSteps.filter((s) => !s.description).map((s) => s.name)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThan(MAX_DOCUMENT_BYTES);
  });

  it('has the safety contract: DryRun, the exemption tag, prior state and a verification step', () => {
    expect(doc.parameters.DryRun).toMatchObject({ type: 'Boolean', default: false });
    expect(doc.description).toContain(REMEDIATION_EXEMPT_TAG);
    expect(doc.description).toMatch(/\*\*Does not\*\*/);
    const outputs = doc.outputs ?? [];
    expect(outputs.some((o) => o.endsWith('.PriorState'))).toBe(true);
    expect(outputs.some((o) => o.endsWith('.Action'))).toBe(true);
    expect(outputs.some((o) => o.endsWith('.RollbackCommands'))).toBe(true);
    expect(doc.mainSteps.at(-1)?.name).toMatch(/^Verify/);
    for (const step of doc.mainSteps.filter((s) => s.action === 'aws:executeScript')) {
      expect(String(step.inputs.Script), step.name).toMatch(
        new RegExp(`^def ${step.inputs.Handler}\\(events, context\\):`, 'm'),
      );
    }
  });

  it('matches its link: resource parameter, static parameters and their defaults', () => {
    const params = doc.parameters;
    expect(params[link.resourceIdParameter]).toMatchObject({ type: 'String' });
    expect(params[link.resourceIdParameter]?.default).toBeUndefined();
    for (const [name, spec] of Object.entries(link.staticParameters)) {
      expect(params[name], `${name} is a document parameter`).toBeDefined();
      const param = params[name];
      if (!param) continue;
      if (spec.default === '') expect(param.default, `${name} has no default`).toBeUndefined();
      else expect(() => coerceParameter(name, param, spec.default), `${name} default`).not.toThrow();
    }
    const covered = new Set([
      'AutomationAssumeRole',
      link.resourceIdParameter,
      ...Object.keys(link.staticParameters),
    ]);
    expect(Object.keys(params).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('has a least-privilege policy: no wildcard actions, no mutation on every resource', () => {
    expect(policyProblems(link.permissions)).toEqual([]);
  });
});

describe('remediation metadata', () => {
  it("links the registry's rules to documents that load", () => {
    const linked = RULES.filter((rule) => rule.remediation).map((rule) => [rule.id, rule.remediation?.kind]);
    expect(linked).toEqual(
      expect.arrayContaining([
        ['alb-https-only', 'document'],
        ['nlb-tls-only', 'document'],
      ]),
    );
    for (const rule of RULES) {
      if (rule.remediation?.kind === 'document')
        expect(loadRemediationDocument(rule.id, rule.remediation).content).toBeTruthy();
    }
  });

  it("names AWS's own runbooks with least-privilege policies", () => {
    for (const [name, link] of Object.entries(AWS_MANAGED_REMEDIATIONS)) {
      expect(link.documentName, name).toMatch(/^(AWSConfigRemediation|AWS)-[A-Za-z]+$/);
      expect(policyProblems(link.permissions), name).toEqual([]);
    }
  });

  it('live in one home: each folder holds its link, and our documents sit beside theirs', async () => {
    const folders = readdirSync(REMEDIATION_HOME, { withFileTypes: true }).filter((e) => e.isDirectory());
    const links: RemediationLink[] = [];
    for (const folder of folders) {
      const dir = join(REMEDIATION_HOME, folder.name);
      const module: Record<string, unknown> = await import(join(dir, 'link.ts'));
      const own = Object.values(module).filter(
        (value): value is RemediationLink =>
          typeof value === 'object' && value !== null && 'documentName' in value && 'permissions' in value,
      );
      expect(own.length, folder.name).toBeGreaterThan(0);
      const documents = own.filter((link) => link.kind === 'document');
      expect(readdirSync(dir).sort(), folder.name).toEqual(
        documents.length ? ['document.yaml', 'link.ts'] : ['link.ts'],
      );
      for (const link of documents) expect(link.file, folder.name).toBe(join(dir, 'document.yaml'));
      links.push(...own);
    }
    // The lists the other checks walk hold every link in the home, so a new one cannot go unchecked.
    expect(new Set(links)).toEqual(
      new Set([...DOCUMENTS.map(([, link]) => link), ...Object.values(AWS_MANAGED_REMEDIATIONS)]),
    );
  });

  it('are all described in docs/remediation.md, with every IAM action they are granted', () => {
    const text = readFileSync(new URL('../../../docs/remediation.md', import.meta.url), 'utf8');
    const links: RemediationLink[] = [
      ...DOCUMENTS.map(([, link]) => link),
      ...Object.values(AWS_MANAGED_REMEDIATIONS),
    ];
    for (const link of links) {
      expect(text, link.documentName).toContain(link.documentName.replace('ElbConfigRules-', ''));
      for (const action of link.permissions.flatMap((s) => s.actions)) {
        expect(text, `${link.documentName}: ${action}`).toContain(action.split(':')[1]);
      }
    }
    expect(text).toContain(REMEDIATION_EXEMPT_TAG);
  });

  it('compiles every Python script with python3', () => {
    const scripts = DOCUMENTS.flatMap(([, link]) =>
      loadDocument(link.file)
        .mainSteps.filter((s) => s.action === 'aws:executeScript')
        .map((s) => ({ name: `${link.documentName}.${s.name}`, source: String(s.inputs.Script) })),
    );
    const check = spawnSync(
      'python3',
      [
        '-c',
        'import json,sys\nfor s in json.load(sys.stdin):\n  try: compile(s["source"], s["name"], "exec")\n  except SyntaxError as e: print(s["name"], e)',
      ],
      { input: JSON.stringify(scripts), encoding: 'utf8' },
    );
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toBe('');
    expect(scripts.length).toBeGreaterThanOrEqual(14);
  });
});

/** CloudFormation for one remediation: its role, its document (when ours) and its configuration. */
function template(link: RemediationLink, content?: Record<string, unknown>): Record<string, unknown> {
  const rule = {
    ...RULES[0],
    id: 'rule-under-test',
    resourceTypes: [ELBV2_LOAD_BALANCER],
    remediation: link,
  } as AnyRule;
  const required = Object.entries(link.staticParameters).filter(([, spec]) => spec.default === '');
  const resources: Record<string, unknown> = {
    RemediationRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ssm.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
        Policies: [{ PolicyName: 'remediation', PolicyDocument: policyDocument(link.permissions) }],
      },
    },
    Remediation: {
      Type: 'AWS::Config::RemediationConfiguration',
      Properties: remediationConfigurationProps(rule, {
        assumeRoleArn: { 'Fn::GetAtt': ['RemediationRole', 'Arn'] },
        configRuleName: { Ref: 'ConfigRuleName' },
        staticValues: Object.fromEntries(required.map(([name]) => [name, { Ref: name }])),
        ...(content ? { documentName: { Ref: 'Document' } } : {}),
        automatic: true,
      }),
    },
  };
  if (content) {
    resources.Document = {
      Type: 'AWS::SSM::Document',
      Properties: {
        DocumentType: 'Automation',
        DocumentFormat: 'YAML',
        Content: content,
        UpdateMethod: 'NewVersion',
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: {
      ConfigRuleName: { Type: 'String' },
      ...Object.fromEntries(required.map(([name]) => [name, { Type: 'String' }])),
    },
    Resources: resources,
  };
}

function policyDocument(statements: readonly PermissionStatement[]) {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: s.resources.map((r) => (r.includes('${') ? { 'Fn::Sub': r } : r)),
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  };
}

describe('cfn-lint on templates that deploy the remediations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'elb-remediation-cfn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });

  it.runIf(cfnLint.status === 0)('passes with no findings', () => {
    const files: string[] = [];
    for (const [ruleId, link] of DOCUMENTS) {
      const file = join(dir, `${ruleId}.json`);
      writeFileSync(
        file,
        JSON.stringify(template(link, loadRemediationDocument(ruleId, link).content), null, 1),
      );
      files.push(file);
    }
    for (const [name, link] of Object.entries(AWS_MANAGED_REMEDIATIONS)) {
      const file = join(dir, `aws-managed-${name}.json`);
      writeFileSync(file, JSON.stringify(template(link), null, 1));
      files.push(file);
    }
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });
});
