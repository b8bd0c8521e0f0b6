// `npm run synth` as a newcomer runs it: the script from package.json through the real cdk CLI,
// with no AWS credentials or profile and an empty HOME. It must succeed, print nothing but CDK's
// progress lines (no notices, telemetry, version-check or feature-flag warnings), and write every
// template, the code zips and the conformance packs.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSynthScript } from '../support/synth.js';

const ALLOWED_OUTPUT = [
  /^$/,
  /^Bundling asset \S+\.\.\.$/,
  /^Successfully synthesized to /,
  /^Supply a stack id /,
];

describe('npm run synth', () => {
  it('synthesizes offline and quietly, writing templates, code and conformance packs', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'elb-synth-')), 'cdk.out');
    const run = runSynthScript(`-c rules=clb-https-ssl-only -c memberAccounts=111111111111 -o ${outdir}`);
    const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trim());
    expect(run.status, lines.join('\n')).toBe(0);
    expect(lines.filter((l) => !ALLOWED_OUTPUT.some((p) => p.test(l)))).toEqual([]);

    for (const stack of [
      'ElbConfigRulesStack',
      'ElbConfigRulesMemberAccount',
      'ElbConfigRulesEvaluationRole',
      'ElbConfigRulesCentralAccount',
    ]) {
      expect(existsSync(join(outdir, `${stack}.template.json`)), stack).toBe(true);
    }
    expect(readdirSync(join(outdir, 'conformance-pack')).sort()).toEqual([
      'elb-config-rules-fsbp.yaml',
      'elb-config-rules.yaml',
    ]);
    expect(readdirSync(join(outdir, 'member-account-code'))).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}\.zip$/),
    ]);
    expect(readFileSync(join(outdir, 'conformance-pack', 'elb-config-rules.yaml'), 'utf8')).toContain(
      'ConfigRuleName: clb-https-ssl-only',
    );
  });
});
