// `report`: Config's stored results through an aggregator (two accounts, three regions) and from
// one account, in the audit's formats, and beside a live audit. Config is mocked on its recorded
// shapes (moto implements none of these reads); the live audit runs against the simulated endpoint.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigRulesCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ReportCommandOptions, reportCommand } from '../../../bin/cli/commands/report.js';
import { EXIT } from '../../../bin/cli/exit-codes.js';
import type { Comparison } from '../../../bin/cli/report/compare.js';
import {
  ACCOUNTS,
  aggregateResult,
  albArn,
  complianceRow,
  evaluationResult,
  REGIONS,
} from '../../fixtures/config-results.js';
import { type SimulatedEndpoint, startSimulatedEndpoint } from '../../support/simulated-endpoint.js';

const config = mockClient(ConfigServiceClient);
const work = mkdtempSync(join(tmpdir(), 'report-'));
let endpoint: SimulatedEndpoint;
let n = 0;

beforeAll(async () => {
  endpoint = await startSimulatedEndpoint({
    estates: [{ accountId: '444444444444', region: 'us-east-1', loadBalancers: 10 }],
  });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  for (const [key, value] of Object.entries(endpoint.env())) vi.stubEnv(key, value);
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
});
afterEach(() => {
  config.reset();
  vi.unstubAllEnvs();
});

function options(extra: Partial<ReportCommandOptions>): ReportCommandOptions & { output: string } {
  return { account: [], region: [], param: [], format: 'json', output: join(work, `out-${++n}`), ...extra };
}

/** An organization: our two rules in both accounts and three regions, one resource each. */
function organization() {
  const names = ['alb-https-only-conformance-pack-k1a2b3c4', 'fsbp-elb-16-alb-waf-enabled'];
  config.on(DescribeAggregateComplianceByConfigRulesCommand).resolves({
    AggregateComplianceByConfigRules: ACCOUNTS.flatMap((a) =>
      REGIONS.flatMap((r) => names.map((name) => complianceRow(name, a, r, 'NON_COMPLIANT'))),
    ),
  });
  config.on(GetAggregateComplianceDetailsByConfigRuleCommand).callsFake(async (input) => {
    const { ConfigRuleName: name = '', AccountId: a = '', AwsRegion: r = '' } = input;
    // The first account fails HTTPS everywhere; the second passes.
    const failing = a === ACCOUNTS[0] && name.startsWith('alb-https-only');
    return {
      AggregateEvaluationResults: [
        aggregateResult(
          name,
          a,
          r,
          albArn(a, r, 'web'),
          failing ? 'NON_COMPLIANT' : 'COMPLIANT',
          failing ? 'HTTP:80 forwards to targets' : undefined,
        ),
      ],
    };
  });
}

describe('report --aggregator', () => {
  it('reports every account and region the aggregator holds, by account, rule and control, without a load balancer call', async () => {
    organization();
    const before = endpoint.requests();
    const json = options({ aggregator: 'org', aggregatorRegion: 'us-east-1' });
    expect(await reportCommand(json)).toBe(EXIT.OK);
    const report = JSON.parse(readFileSync(json.output, 'utf8'));
    expect(report.evaluations).toHaveLength(2 * 2 * 3);
    expect(new Set(report.evaluations.map((e: { region: string }) => e.region))).toEqual(new Set(REGIONS));
    expect(report.summary.byAccount).toEqual({
      [ACCOUNTS[0]]: expect.objectContaining({ NON_COMPLIANT: 3, COMPLIANT: 3 }),
      [ACCOUNTS[1]]: expect.objectContaining({ NON_COMPLIANT: 0, COMPLIANT: 6 }),
    });
    expect(report.summary.byRule['alb-https-only']).toMatchObject({ NON_COMPLIANT: 3, COMPLIANT: 3 });
    expect(endpoint.requests()).toBe(before);

    const html = options({ aggregator: 'org', aggregatorRegion: 'us-east-1', format: 'html' });
    expect(await reportCommand(html)).toBe(EXIT.OK);
    const page = readFileSync(html.output, 'utf8');
    for (const account of ACCOUNTS) expect(page).toContain(account);
    for (const region of REGIONS) expect(page).toContain(region);
    expect(page).toContain('ELB.16');
    expect(page).toContain('HTTP:80 forwards to targets');
  });

  it('--fail-on trips on a stored NON_COMPLIANT; --account and --region narrow what is read', async () => {
    organization();
    expect(
      await reportCommand(
        options({ aggregator: 'org', aggregatorRegion: 'us-east-1', failOn: 'NON_COMPLIANT' }),
      ),
    ).toBe(EXIT.FINDINGS);
    const narrow = options({
      aggregator: 'org',
      aggregatorRegion: 'us-east-1',
      account: [ACCOUNTS[1]],
      region: ['eu-west-1'],
      failOn: 'NON_COMPLIANT',
    });
    expect(await reportCommand(narrow)).toBe(EXIT.OK);
    const report = JSON.parse(readFileSync(narrow.output, 'utf8'));
    expect(
      report.evaluations.map((e: { accountId: string; region: string }) => `${e.accountId}/${e.region}`),
    ).toEqual([`${ACCOUNTS[1]}/eu-west-1`, `${ACCOUNTS[1]}/eu-west-1`]);
  });
});

describe('report: bad input is refused before any call', () => {
  it.each<[string, Partial<ReportCommandOptions>, RegExp]>([
    [
      'a short account id',
      { aggregator: 'org', account: ['12345'] },
      /--account 12345: expected a 12-digit account id/,
    ],
    ['--account without an aggregator', { account: ['111111111111'] }, /--account filters an aggregator/],
    [
      'a comparison as HTML',
      { compareAudit: true, format: 'html' },
      /--format html with --compare-audit: expected one of table, json, csv/,
    ],
    ['--role-arn without --compare-audit', { roleArn: 'Audit' }, /need --compare-audit/],
    [
      'an aggregator name with a space',
      { aggregator: 'my org' },
      /--aggregator my org: expected a configuration aggregator name/,
    ],
    [
      'a mistyped aggregator region',
      { aggregator: 'org', aggregatorRegion: 'us-east-l' },
      /--aggregator-region "us-east-l"/,
    ],
    [
      '--param without --compare-audit',
      { param: ['alb-https-only.allowFixedResponse=false'] },
      /--param .* needs --compare-audit/,
    ],
  ])('%s', async (_name, extra, message) => {
    const before = endpoint.requests();
    await expect(reportCommand(options(extra))).rejects.toThrow(message);
    expect(config.calls()).toHaveLength(0);
    expect(endpoint.requests()).toBe(before);
  });
});

describe('report --compare-audit (one account)', () => {
  const RULE = 'elb-alb-https-only';
  function storedRules() {
    config.on(DescribeConfigRulesCommand).resolves({
      ConfigRules: [
        {
          ConfigRuleName: RULE,
          Source: {
            Owner: 'CUSTOM_LAMBDA',
            SourceIdentifier:
              'arn:aws:lambda:us-east-1:444444444444:function:elb-config-rules-alb-https-only',
          },
        },
      ],
    });
  }

  it('lists where Config and the live audit differ: a changed verdict, a resource never evaluated, a result whose resource is gone', async () => {
    // What the live audit says, seen through a comparison with no stored result at all.
    storedRules();
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    const first = options({ rules: ['alb-https-only'], compareAudit: true, region: ['us-east-1'] });
    expect(await reportCommand(first)).toBe(EXIT.OK);
    const live: Comparison[] = JSON.parse(readFileSync(first.output, 'utf8')).comparisons;
    const judged = live.filter(
      (c) => c.live?.complianceType === 'COMPLIANT' || c.live?.complianceType === 'NON_COMPLIANT',
    );
    expect(judged.length).toBeGreaterThanOrEqual(3);
    expect(live.every((c) => c.agreement === 'live-only' || c.agreement === 'live-unread')).toBe(true);

    // Config holds the same verdicts, except one flipped, one missing, and one for a deleted ALB.
    const [flipped, missing, ...same] = judged;
    const flip = (t: string | undefined) => (t === 'COMPLIANT' ? 'NON_COMPLIANT' : 'COMPLIANT');
    config.reset();
    storedRules();
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        evaluationResult(RULE, flipped?.resourceId ?? '', flip(flipped?.live?.complianceType)),
        ...same.map((c) => evaluationResult(RULE, c.resourceId, c.live?.complianceType ?? 'COMPLIANT')),
        evaluationResult(RULE, albArn('444444444444', 'us-east-1', 'deleted'), 'NON_COMPLIANT'),
      ],
    });
    const second = options({
      rules: ['alb-https-only'],
      compareAudit: true,
      region: ['us-east-1'],
      failOn: 'critical',
    });
    expect(await reportCommand(second)).toBe(EXIT.FINDINGS);
    const out = JSON.parse(readFileSync(second.output, 'utf8'));
    const of = (kind: string) =>
      out.comparisons.filter((c: Comparison) => c.agreement === kind).map((c: Comparison) => c.resourceId);
    expect(of('disagree')).toEqual([flipped?.resourceId]);
    expect(of('live-only')).toEqual(expect.arrayContaining([missing?.resourceId]));
    expect(of('stored-only')).toEqual([albArn('444444444444', 'us-east-1', 'deleted')]);
    expect(out.summary.agree).toBe(same.length);
  });
});
