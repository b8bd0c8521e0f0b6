// Absence is not evidence: a desync mode that is missing, null or blank, in a Config item or a live
// DescribeLoadBalancerAttributes answer, is not read as ELB's default (defensive).
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributes,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { judge, ruleParameters } from '../../../rules/core/engine/judge.js';
import { rule as desync } from '../../../rules/lb-desync-mitigation/rule.js';
import { albWith, classicWith, elbv2Item, judgeWith, loadBalancerOf } from '../../fixtures/network-items.js';
import { open } from '../../support/live-facets.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const classic = mockClient(ElasticLoadBalancingClient);
afterEach(() => {
  elbv2.reset();
  classic.reset();
});

const ALB_KEY = 'routing.http.desync_mitigation_mode';
const NOT_SUPPLIED = /desync.*mitigation.*not supplied/;

async function judgeLive(lb: Parameters<typeof judge>[1]) {
  return judge(desync, lb, await open(), ruleParameters(desync, {}), new Date('2026-11-20T10:00:00.000Z'));
}

describe('lb-desync-mitigation without a desync mode', () => {
  it.each([
    ['missing', [{ Key: 'deletion_protection.enabled', Value: 'false' }]],
    ['null', [{ Key: ALB_KEY, Value: null }]],
    ['blank', [{ Key: ALB_KEY, Value: '' }]],
  ])('does not judge an ALB whose live attributes have the mode %s', async (_what, attributes) => {
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: attributes as never });
    const evaluation = await judgeLive(loadBalancerOf(elbv2Item({ name: 'web' })).lb);
    expect(evaluation.complianceType, evaluation.annotation).toBe('INSUFFICIENT_DATA');
    expect(evaluation.annotation).toMatch(NOT_SUPPLIED);
  });

  it.each([
    ['missing', []],
    ['null', [{ Key: 'elb.http.desyncmitigationmode', Value: null }]],
  ])(
    'does not judge a Classic load balancer whose live attributes have the mode %s',
    async (_what, extra) => {
      classic
        .on(DescribeClassicAttributes)
        .resolves({ LoadBalancerAttributes: { AdditionalAttributes: extra as never } });
      const evaluation = await judgeLive(classicWith({}).lb);
      expect(evaluation.complianceType, evaluation.annotation).toBe('INSUFFICIENT_DATA');
      expect(evaluation.annotation).toMatch(NOT_SUPPLIED);
    },
  );

  it('reads an item whose mode is null as not recorded, and the live answer decides', async () => {
    const raw = elbv2Item({ name: 'web', attributes: {} }) as unknown as {
      supplementaryConfiguration: { LoadBalancerAttributes: { key: string; value: unknown }[] };
    };
    for (const pair of raw.supplementaryConfiguration.LoadBalancerAttributes)
      if (pair.key === ALB_KEY) pair.value = null;
    const { lb, carried } = loadBalancerOf(raw);
    expect(carried).not.toHaveProperty('attributes');
    elbv2
      .on(DescribeLoadBalancerAttributesCommand)
      .resolves({ Attributes: [{ Key: ALB_KEY, Value: 'monitor' }] });
    expect((await judgeLive(lb)).complianceType).toBe('NON_COMPLIANT');
  });

  it('does not judge a snapshot whose attributes lack the mode', async () => {
    const { lb } = albWith({});
    const evaluation = await judgeWith(desync, lb, { attributes: { 'deletion_protection.enabled': 'true' } });
    expect(evaluation.complianceType).toBe('INSUFFICIENT_DATA');
  });
});
