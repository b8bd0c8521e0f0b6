// The Config rule's scope covers every resource type the rule can report on.
import { expect, it } from 'vitest';
import { configRuleProperties } from '../../infra/config-rule.js';
import { eachListener, reportOnParameter } from '../../rules/core/engine/per-resource.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { RULES } from '../../rules/index.js';
import { rule as nlbTlsOnly } from '../../rules/nlb-tls-only/rule.js';

const inputs = { name: 'r', functionArn: 'arn:aws:lambda:us-east-1:1:function:f', inputParameters: {} };
const scope = (rule: AnyRule) =>
  (configRuleProperties(rule, inputs).Scope as { ComplianceResourceTypes: string[] }).ComplianceResourceTypes;

it('includes the child type of every rule that can report per listener or target group', () => {
  for (const rule of RULES.filter((r) => r.reportEach))
    expect(scope(rule)).toContain(rule.reportEach!.resourceType);
  expect(scope(nlbTlsOnly)).toEqual([...nlbTlsOnly.triggers.changes]);
});

it('adds a reported child type that no trigger names', () => {
  const rule = {
    ...nlbTlsOnly,
    triggers: { changes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] },
    parameters: { reportOn: reportOnParameter('targetGroup') },
    reportEach: { resourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup', evaluateEach: eachListener },
  } as AnyRule;
  expect(scope(rule)).toEqual([
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::ElasticLoadBalancingV2::TargetGroup',
  ]);
});
