import { describe, expect, it } from 'vitest';
import { rule as desync } from '../../../rules/lb-desync-mitigation/rule.js';
import { albWith, classicWith, elbv2Item, judgeWith, loadBalancerOf } from '../../fixtures/network-items.js';

describe('lb-desync-mitigation (ELB.12, ELB.14)', () => {
  const alb = (mode?: string) =>
    albWith(mode === undefined ? {} : { 'routing.http.desync_mitigation_mode': mode });

  it.each([
    ['defensive', {}, 'COMPLIANT'],
    ['strictest', {}, 'COMPLIANT'],
    ['monitor', {}, 'NON_COMPLIANT'],
    ['defensive', { minimumMode: 'strictest' }, 'NON_COMPLIANT'],
    ['strictest', { minimumMode: 'strictest' }, 'COMPLIANT'],
  ] as const)('ALB in %s with %j → %s', async (mode, params, expected) => {
    const { lb, facets } = alb(mode);
    const evaluation = await judgeWith(desync, lb, facets, params);
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toContain(`routing.http.desync_mitigation_mode is ${mode}`);
  });

  it('does not take an item without the desync attribute as evidence of the ELB default', async () => {
    const raw = elbv2Item({ name: 'web', attributes: {} }) as unknown as {
      supplementaryConfiguration: { LoadBalancerAttributes: { key: string }[] };
    };
    raw.supplementaryConfiguration.LoadBalancerAttributes =
      raw.supplementaryConfiguration.LoadBalancerAttributes.filter(
        (a) => a.key !== 'routing.http.desync_mitigation_mode',
      );
    const { lb, carried } = loadBalancerOf(raw);
    // Not carried, so the attributes must be read; here nothing else holds them.
    expect(carried).not.toHaveProperty('attributes');
    expect((await judgeWith(desync, lb, carried)).complianceType).toBe('INSUFFICIENT_DATA');
  });

  it('checks a Classic load balancer’s elb.http.desyncmitigationmode', async () => {
    const { lb, facets } = classicWith({
      additionalAttributes: [{ key: 'elb.http.desyncmitigationmode', value: 'monitor' }],
    });
    const evaluation = await judgeWith(desync, lb, facets);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe('elb.http.desyncmitigationmode is monitor; minimumMode is defensive');
  });

  it('refuses an unknown minimumMode, naming the accepted ones', async () => {
    const { lb, facets } = alb('defensive');
    await expect(judgeWith(desync, lb, facets, { minimumMode: 'paranoid' })).rejects.toThrow(
      /"minimumMode" must be one of "defensive", "strictest"/,
    );
  });
});
