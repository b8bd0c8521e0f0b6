import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/lb-shield-advanced/rule.js';
import { classicItem, elbv2Item, judgeWith, loadBalancerOf } from '../../fixtures/network-items.js';

const alb = (scheme: 'internet-facing' | 'internal' = 'internet-facing') =>
  loadBalancerOf(elbv2Item({ name: `${scheme}-alb`, scheme })).lb;
const classic = loadBalancerOf(
  classicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80, instancePort: 80 }] }),
).lb;
const PROTECTION = { id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', name: 'storefront-alb' };

describe('lb-shield-advanced', () => {
  it('passes a protected internet-facing ALB, naming the protection', async () => {
    expect(
      await judgeWith(rule, alb(), { shieldSubscription: 'ACTIVE', shieldProtection: PROTECTION }),
    ).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'Protected by Shield Advanced (protection storefront-alb).',
    });
  });

  it('fails an unprotected internet-facing ALB or Classic load balancer, naming the ARN to protect', async () => {
    const facets = { shieldSubscription: 'ACTIVE', shieldProtection: null };
    expect((await judgeWith(rule, alb(), facets)).annotation).toBe(
      `internet-facing and not protected by Shield Advanced: create a protection for ${alb().resourceId}`,
    );
    expect((await judgeWith(rule, classic, facets)).annotation).toBe(
      'internet-facing and not protected by Shield Advanced: create a protection for ' +
        'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/legacy',
    );
  });

  it('is not applicable in an account without a Shield Advanced subscription', async () => {
    expect(
      await judgeWith(rule, alb(), { shieldSubscription: 'INACTIVE', shieldProtection: null }),
    ).toMatchObject({
      complianceType: 'NOT_APPLICABLE',
      annotation: 'No Shield Advanced subscription in the account (requireSubscription is false).',
    });
  });

  it('fails for the missing subscription with requireSubscription=true', async () => {
    const evaluation = await judgeWith(
      rule,
      classic,
      { shieldSubscription: 'INACTIVE', shieldProtection: null },
      { requireSubscription: 'true' },
    );
    expect(evaluation).toMatchObject({
      complianceType: 'NON_COMPLIANT',
      annotation:
        'the account has no Shield Advanced subscription (GetSubscriptionState is INACTIVE); requireSubscription is true',
    });
  });

  it('does not judge an internal ALB, whatever the subscription', async () => {
    for (const requireSubscription of ['false', 'true'])
      expect(await judgeWith(rule, alb('internal'), {}, { requireSubscription })).toMatchObject({
        complianceType: 'NOT_APPLICABLE',
        annotation: 'Internal load balancer: Shield Advanced protects internet-facing resources.',
      });
  });

  it('does not judge Network or Gateway Load Balancers, which Shield protects only through Elastic IPs', async () => {
    for (const type of ['network', 'gateway'] as const) {
      const lb = loadBalancerOf(elbv2Item({ name: type, type })).lb;
      expect((await judgeWith(rule, lb, {})).complianceType).toBe('NOT_APPLICABLE');
    }
  });

  it('never passes when the subscription or the protection could not be read', async () => {
    expect((await judgeWith(rule, alb(), { shieldProtection: PROTECTION })).complianceType).toBe(
      'INSUFFICIENT_DATA',
    );
    expect((await judgeWith(rule, alb(), { shieldSubscription: 'ACTIVE' })).complianceType).toBe(
      'INSUFFICIENT_DATA',
    );
  });

  it('maps no Security Hub control and relates only to the account-level managed rule', () => {
    expect(rule.controls.map((c) => [c.framework, c.id, c.relation])).toEqual([
      ['AWS Config managed rule', 'shield-advanced-enabled-autorenew', 'related'],
    ]);
  });
});
