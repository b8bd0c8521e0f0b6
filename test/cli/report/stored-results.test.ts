// Reading stored results from Config, with the client mocked on the API's recorded shapes.
import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigRulesCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readAccountRegion,
  readAggregator,
  ruleIdOf,
  type StoredReadError,
  type StoredResult,
} from '../../../bin/cli/report/stored-results.js';
import { RULES } from '../../../rules/index.js';
import {
  ACCOUNTS,
  aggregateResult,
  albArn,
  complianceRow,
  evaluationResult,
  REGIONS,
} from '../../fixtures/config-results.js';

const config = mockClient(ConfigServiceClient);
afterEach(() => config.reset());

function collector() {
  const results: StoredResult[] = [];
  const errors: StoredReadError[] = [];
  return {
    results,
    errors,
    options: {
      rules: RULES,
      onResult: (r: StoredResult) => results.push(r),
      onError: (e: StoredReadError) => errors.push(e),
    },
  };
}

const client = () => new ConfigServiceClient({ region: 'us-east-1' });

describe('ruleIdOf', () => {
  it.each([
    ['alb-https-only', 'alb-https-only'],
    ['prod-alb-https-only', 'alb-https-only'],
    ['alb-https-only-conformance-pack-k1a2b3c4', 'alb-https-only'],
    ['fsbp-elb-16-alb-waf-enabled-conformance-pack-x9y8z7w6', 'alb-waf-enabled'],
    ['fsbp-elb-9-lb-cross-zone', 'lb-cross-zone'],
    ['s3-bucket-versioning-enabled', undefined],
    // An id inside a longer word is not that id.
    ['xalb-https-only', undefined],
    ['securityhub-alb-http-drop-invalid-header-enabled-d7a3c2', undefined],
  ])('%s → %s', (name, id) => {
    expect(ruleIdOf(name, RULES)).toBe(id);
  });
});

describe('readAggregator', () => {
  it('reads every rule, account and region the aggregator holds for our rules, every page, and goes on past a failed read', async () => {
    const ours = ['alb-https-only-conformance-pack-k1a2b3c4', 'fsbp-elb-16-alb-waf-enabled'];
    const rows = ACCOUNTS.flatMap((a) =>
      REGIONS.flatMap((r) => [
        ...ours.map((n) => complianceRow(n, a, r, 'NON_COMPLIANT')),
        complianceRow('s3-bucket-versioning-enabled', a, r, 'COMPLIANT'),
      ]),
    );
    // Two pages of rows: the listing is paginated too.
    config
      .on(DescribeAggregateComplianceByConfigRulesCommand)
      .callsFake(async (input) =>
        input.NextToken === 'rows-2'
          ? { AggregateComplianceByConfigRules: rows.slice(7) }
          : { AggregateComplianceByConfigRules: rows.slice(0, 7), NextToken: 'rows-2' },
      );
    const asked: string[] = [];
    config.on(GetAggregateComplianceDetailsByConfigRuleCommand).callsFake(async (input) => {
      asked.push(
        `${input.ConfigRuleName}|${input.AccountId}|${input.AwsRegion}|${input.NextToken ?? ''}|${input.Limit}`,
      );
      const { ConfigRuleName: name = '', AccountId: account = '', AwsRegion: region = '' } = input;
      if (account === '222222222222' && region === 'ap-southeast-2' && name.startsWith('fsbp'))
        throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
      if (!input.NextToken)
        return {
          AggregateEvaluationResults: [
            aggregateResult(
              name,
              account,
              region,
              albArn(account, region, 'web'),
              'NON_COMPLIANT',
              'listener HTTP:80 forwards',
            ),
          ],
          NextToken: 'page-2',
        };
      return {
        AggregateEvaluationResults: [
          aggregateResult(name, account, region, albArn(account, region, 'api'), 'COMPLIANT'),
        ],
      };
    });
    const { results, errors, options } = collector();
    const scopes = await readAggregator(client(), { name: 'org', region: 'us-east-1' }, options);

    expect(scopes.sort()).toEqual(ACCOUNTS.flatMap((a) => REGIONS.map((r) => `${a}/${r}`)).sort());
    // 2 rules × 6 scopes, 2 pages each, less the one failed triple.
    expect(results).toHaveLength(2 * 6 * 2 - 2);
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(['alb-https-only', 'alb-waf-enabled']));
    expect(results.every((r) => r.configRuleName !== 's3-bucket-versioning-enabled')).toBe(true);
    expect(asked.every((a) => a.endsWith('|100'))).toBe(true);
    expect(asked.filter((a) => a.includes('|page-2|'))).toHaveLength(11);
    expect(errors).toEqual([
      expect.objectContaining({
        accountId: '222222222222',
        region: 'ap-southeast-2',
        configRuleName: 'fsbp-elb-16-alb-waf-enabled',
        code: 'AccessDeniedException',
      }),
    ]);
    const web = results.find(
      (r) =>
        r.accountId === '111111111111' &&
        r.region === 'eu-west-1' &&
        r.ruleId === 'alb-https-only' &&
        r.complianceType === 'NON_COMPLIANT',
    );
    expect(web).toMatchObject({
      resourceId: albArn('111111111111', 'eu-west-1', 'web'),
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      annotation: 'listener HTTP:80 forwards',
    });
    expect(web?.recordedAt?.toISOString()).toBe('2026-11-30T08:15:00.000Z');
  });

  it('keeps only the accounts and regions asked for', async () => {
    config.on(DescribeAggregateComplianceByConfigRulesCommand).resolves({
      AggregateComplianceByConfigRules: ACCOUNTS.flatMap((a) =>
        REGIONS.map((r) => complianceRow('alb-https-only', a, r, 'COMPLIANT')),
      ),
    });
    config.on(GetAggregateComplianceDetailsByConfigRuleCommand).callsFake(async (input) => ({
      AggregateEvaluationResults: [
        aggregateResult(
          'alb-https-only',
          input.AccountId ?? '',
          input.AwsRegion ?? '',
          albArn(input.AccountId ?? '', input.AwsRegion ?? '', 'web'),
          'COMPLIANT',
        ),
      ],
    }));
    const { results, options } = collector();
    const scopes = await readAggregator(
      client(),
      { name: 'org', region: 'us-east-1' },
      {
        ...options,
        accounts: new Set(['222222222222']),
        regions: new Set(['eu-west-1', 'us-east-1']),
      },
    );
    expect(scopes.sort()).toEqual(['222222222222/eu-west-1', '222222222222/us-east-1']);
    expect(results).toHaveLength(2);
  });
});

describe('readAccountRegion', () => {
  it('reads our Lambda rules only, asks for every stored compliance type, and tells a malformed result as an error', async () => {
    config.on(DescribeConfigRulesCommand).resolves({
      ConfigRules: [
        // A managed rule named like one of ours is not ours.
        { ConfigRuleName: 'alb-waf-enabled', Source: { Owner: 'AWS', SourceIdentifier: 'ALB_WAF_ENABLED' } },
        {
          ConfigRuleName: 'elb-alb-waf-enabled',
          Source: {
            Owner: 'CUSTOM_LAMBDA',
            SourceIdentifier:
              'arn:aws:lambda:us-east-1:111111111111:function:elb-config-rules-alb-waf-enabled',
          },
        },
      ],
    });
    const asked: unknown[] = [];
    config.on(GetComplianceDetailsByConfigRuleCommand).callsFake(async (input) => {
      asked.push(input);
      return {
        EvaluationResults: [
          evaluationResult(
            'elb-alb-waf-enabled',
            albArn('111111111111', 'us-east-1', 'web'),
            'NOT_APPLICABLE',
            'Internal ALB',
          ),
          { ComplianceType: 'COMPLIANT' },
        ],
      };
    });
    const { results, errors, options } = collector();
    const found = await readAccountRegion(
      client(),
      { accountId: '111111111111', region: 'us-east-1' },
      options,
    );
    expect(found).toBe(1);
    expect(asked).toEqual([
      expect.objectContaining({
        ConfigRuleName: 'elb-alb-waf-enabled',
        ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'],
        Limit: 100,
      }),
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        ruleId: 'alb-waf-enabled',
        complianceType: 'NOT_APPLICABLE',
        annotation: 'Internal ALB',
      }),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'MalformedResult', configRuleName: 'elb-alb-waf-enabled' }),
    ]);
  });

  it('records a region whose rules cannot be listed, without throwing', async () => {
    config.on(DescribeConfigRulesCommand).rejects(
      Object.assign(new Error('not authorized to perform config:DescribeConfigRules'), {
        name: 'AccessDeniedException',
      }),
    );
    const { results, errors, options } = collector();
    expect(
      await readAccountRegion(client(), { accountId: '111111111111', region: 'eu-west-1' }, options),
    ).toBe(0);
    expect(results).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        region: 'eu-west-1',
        code: 'AccessDeniedException',
        message: expect.stringMatching(/^DescribeConfigRules: /),
      }),
    ]);
  });
});
