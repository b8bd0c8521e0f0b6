// The CLI as a newcomer meets it: the sample estate, usage errors, exit codes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const SAMPLE = 'rules/core/resources/sample-estate';

describe('cli', () => {
  it('audits the sample estate as a table a person can read at a glance', async () => {
    const result = await runCli(['audit', '--snapshot', SAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      // Grouped per account, region and rule (issue 7): the rule heading is indented and tallied.
      /^\s*alb-https-only — ALB listeners use HTTPS or only redirect to it \[high\]/m,
    );
    expect(result.stdout).toMatch(
      /FAIL\s+api-legacy .*HTTP:80 rule 10 \(path-pattern=\/health\) forwards HTTP/,
    );
    expect(result.stdout).toMatch(/NO DATA\s+reports-restricted .*AccessDenied/);
    expect(result.stdout).toMatch(/\d+ load balancer\(s\), \d+ rule\(s\): \d+ non-compliant/);
    // No colour codes when stdout is not a terminal.
    expect(result.stdout.includes(String.fromCharCode(27))).toBe(false);
  });

  it('prints the documented JSON report', async () => {
    const result = await runCli([
      'audit',
      '--snapshot',
      SAMPLE,
      '--rules',
      'clb-https-ssl-only',
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['evaluations', 'summary']);
    expect(
      report.evaluations.map((e: { resourceId: string; complianceType: string }) => [
        e.resourceId,
        e.complianceType,
      ]),
    ).toEqual([
      ['intranet-clb', 'NON_COMPLIANT'],
      ['legacy-web', 'NON_COMPLIANT'],
      // 60-availability.json: Classic load balancers with an HTTP listener.
      ['shop-clb-1az', 'NON_COMPLIANT'],
      ['shop-clb-drained', 'NON_COMPLIANT'],
      ['billing-clb', 'COMPLIANT'],
      ['payments-clb', 'COMPLIANT'],
    ]);
    for (const key of [
      'ruleId',
      'resourceType',
      'resourceId',
      'complianceType',
      'annotation',
      'region',
      'accountId',
    ]) {
      expect(report.evaluations[0]).toHaveProperty(key);
    }
    expect(report.summary.compliance).toMatchObject({ NON_COMPLIANT: 4, COMPLIANT: 2 });
  });

  it('takes rule parameters the way Config does, and refuses a bad one with exit 2', async () => {
    const strict = await runCli([
      'audit',
      '--snapshot',
      SAMPLE,
      '--rules',
      'alb-https-only',
      '--param',
      'alb-https-only.allowFixedResponse=false',
      '--format',
      'json',
    ]);
    const report = JSON.parse(strict.stdout);
    expect(
      report.evaluations.find((e: { resourceName: string }) => e.resourceName === 'maintenance-page')
        .complianceType,
    ).toBe('NON_COMPLIANT');
    const bad = await runCli([
      'audit',
      '--snapshot',
      SAMPLE,
      '--param',
      'alb-https-only.allowFixedResponse=perhaps',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"allowFixedResponse" must be "true" or "false"; got "perhaps"/);
  });

  it.each([
    [['audit', '--snapshot', SAMPLE, '--rules', 'no-such-rule'], /Unknown rule "no-such-rule"/],
    [['audit', '--snapshot', SAMPLE, '--format', 'yaml'], /--format yaml: expected one of/],
    [['audit', '--snapshot', 'missing.json'], /missing.json: no such file or folder/],
    [['audit', '--bogus'], /unknown option '--bogus'/],
    [['evaluate'], /required option '--event <file>' not specified/],
    [['audit', '--snapshot', SAMPLE, '--param', 'oops'], /--param oops: expected RULE-ID.PARAMETER=VALUE/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
