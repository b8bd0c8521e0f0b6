import { describe, expect, it } from 'vitest';
import { rule as nlbGroups } from '../../../rules/nlb-has-security-groups/rule.js';
import { elbv2Item, judgeWith, loadBalancerOf } from '../../fixtures/network-items.js';

describe('nlb-has-security-groups', () => {
  it('fails an NLB without security groups and passes one with them', async () => {
    const bare = loadBalancerOf(elbv2Item({ name: 'tcp', type: 'network', scheme: 'internal' })).lb;
    const evaluation = await judgeWith(nlbGroups, bare, {});
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toMatch(
      /^internal NLB has no security groups and cannot be given any later/,
    );
    const guarded = loadBalancerOf(
      elbv2Item({ name: 'tls', type: 'network', securityGroups: ['sg-0abc'] }),
    ).lb;
    expect((await judgeWith(nlbGroups, guarded, {})).annotation).toBe('Security groups: sg-0abc.');
  });
});
