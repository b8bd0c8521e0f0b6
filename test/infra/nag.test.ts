// The synthesized output must pass cdk-nag's AwsSolutions pack (every remaining finding carries a
// written acknowledgement) and cfn-lint, for every template and conformance pack. One app covers
// everything that can appear: all registered rules, remediation fixtures, alerts, central mode, the
// CloudFormation template hook.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeArtefacts } from '../../infra/build-app.js';
import { PACK_FILES } from '../../infra/conformance-pack/write.js';
import { REPO_ROOT } from '../../infra/paths.js';
import { RULES } from '../../rules/index.js';
import { REMEDIATED_FIXTURES } from '../fixtures/deploy/index.js';
import { synthApp } from '../support/synth.js';

const { app, built } = synthApp({
  rules: [...RULES.map((r) => r.id), ...REMEDIATED_FIXTURES],
  notifications: { enabled: true, emails: ['secops@example.com'] },
  memberAccounts: ['111111111111', '222222222222'],
  organizationId: 'o-abcdef1234',
  templateHook: { failureMode: 'FAIL', failOnUnknown: true },
});

let outdir: string;
beforeAll(() => {
  outdir = app.synth().directory;
  // Bundling is skipped here, so there is no code to zip; the bundle test covers the code.
  writeArtefacts(outdir, built, { code: false });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in any stack', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map(
        (r) => `${v.ruleName} ${r.resourceLogicalId} (${r.templatePath}): ${v.description}`,
      ),
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('still reports a real finding (the check is live)', () => {
    const { app: bare } = synthApp({ rules: ['nlb-tls-only'] });
    // Without the stacks' acknowledgements' reasons being used, a plain wildcard role must be flagged.
    const { Role, ServicePrincipal, PolicyStatement } =
      require('aws-cdk-lib/aws-iam') as typeof import('aws-cdk-lib/aws-iam');
    const role = new Role(bare.node.findChild('ElbConfigRulesStack'), 'Unacknowledged', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const report = new AwsSolutionsChecks().validateScope(bare);
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM5[Resource::*]');
  });
});

describe('cfn-lint', () => {
  it('passes every synthesized template and every conformance pack, committed and generated', () => {
    const templates = readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => join(outdir, f));
    expect(templates.length).toBe(4);
    expect(built.rules.templateHook).toBeDefined();
    const packs = [
      ...Object.values(PACK_FILES).map((f) => join(REPO_ROOT, 'conformance-pack', f)),
      ...Object.values(PACK_FILES).map((f) => join(outdir, 'conformance-pack', f)),
    ];
    // W3005 flags the DependsOn that aws-cdk-lib's Function always adds on its own role beside the
    // GetAtt: redundant, harmless, and not ours to remove. The packs have no GetAtt at all.
    const run = spawnSync(
      'cfn-lint',
      ['--format', 'parseable', '--ignore-checks', 'W3005', '--', ...templates, ...packs],
      { encoding: 'utf8' },
    );
    if (run.error) throw new Error(`cfn-lint could not run (pip install cfn-lint): ${run.error.message}`);
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
