import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/lb-cross-zone/rule.js';
import { judgeWith } from '../../fixtures/network-items.js';
import { classicFromItem, elbv2FromItem } from '../../support/parity-models.js';
import { CROSS_ZONE, tgAttributes } from './parity.js';

const verdict = (e: { complianceType: string; annotation: string }) => [e.complianceType, e.annotation];

describe('lb-cross-zone', () => {
  it('judges a Classic load balancer by CrossZoneLoadBalancing', async () => {
    const on = await judgeWith(rule, classicFromItem(), {
      attributes: { 'crossZoneLoadBalancing.enabled': 'true' },
      targetGroupAttributes: [],
    });
    expect(verdict(on)).toEqual(['COMPLIANT', 'Cross-zone load balancing is enabled.']);
    const off = await judgeWith(rule, classicFromItem(), {
      attributes: { 'crossZoneLoadBalancing.enabled': 'false' },
      targetGroupAttributes: [],
    });
    expect(off.findings).toEqual(['cross-zone load balancing is disabled: enable CrossZoneLoadBalancing']);
  });

  it('fails an NLB with cross-zone off, naming each target group that follows it', async () => {
    const evaluation = await judgeWith(rule, elbv2FromItem('network'), {
      attributes: { [CROSS_ZONE]: 'false' },
      targetGroupAttributes: [
        tgAttributes('api', 'use_load_balancer_configuration'),
        tgAttributes('db', 'true'),
      ],
    });
    expect(evaluation.findings).toEqual([
      'target group api follows the load balancer, which has cross-zone load balancing off',
    ]);
    const bare = await judgeWith(rule, elbv2FromItem('network'), {
      attributes: { [CROSS_ZONE]: 'false' },
      targetGroupAttributes: [],
    });
    expect(bare.findings).toEqual([`cross-zone load balancing is off (${CROSS_ZONE}=false)`]);
  });

  it('passes an NLB that is on, unless a target group turns it off; a group may turn it on', async () => {
    const on = await judgeWith(rule, elbv2FromItem('network'), {
      attributes: { [CROSS_ZONE]: 'true' },
      targetGroupAttributes: [tgAttributes('api', 'use_load_balancer_configuration')],
    });
    expect(verdict(on)).toEqual(['COMPLIANT', 'Load balancer: on. Cross-zone on for target groups api.']);
    const overridden = await judgeWith(rule, elbv2FromItem('network'), {
      attributes: { [CROSS_ZONE]: 'true' },
      targetGroupAttributes: [tgAttributes('api', 'false')],
    });
    expect(overridden.findings).toEqual(['target group api turns cross-zone load balancing off']);
    const groupOn = await judgeWith(rule, elbv2FromItem('network'), {
      attributes: { [CROSS_ZONE]: 'false' },
      targetGroupAttributes: [tgAttributes('api', 'true')],
    });
    expect(verdict(groupOn)).toEqual([
      'COMPLIANT',
      'Load balancer: off. Cross-zone on for target groups api.',
    ]);
  });

  it('fails an ALB target group that turns cross-zone off; Lambda groups are not judged', async () => {
    const evaluation = await judgeWith(rule, elbv2FromItem('application'), {
      attributes: {},
      targetGroupAttributes: [
        tgAttributes('web', 'false'),
        tgAttributes('api', 'use_load_balancer_configuration'),
        tgAttributes('fn', undefined, 'lambda'),
      ],
    });
    expect(evaluation.findings).toEqual([
      'target group web turns cross-zone load balancing off',
      'Not judged: fn (Lambda target).',
    ]);
    const fine = await judgeWith(rule, elbv2FromItem('application'), {
      attributes: {},
      targetGroupAttributes: [tgAttributes('api', 'use_load_balancer_configuration')],
    });
    expect(verdict(fine)).toEqual(['COMPLIANT', 'Cross-zone on for target groups api.']);
    const none = await judgeWith(rule, elbv2FromItem('application'), {
      attributes: {},
      targetGroupAttributes: [],
    });
    expect(none.complianceType).toBe('NOT_APPLICABLE');
  });

  it('does not judge a Gateway Load Balancer', async () => {
    const evaluation = await judgeWith(rule, elbv2FromItem('gateway'), {});
    expect(evaluation.complianceType).toBe('NOT_APPLICABLE');
  });

  it('never reads a missing or malformed attribute as its default', async () => {
    const cases = [
      {
        lb: classicFromItem(),
        facets: { attributes: {}, targetGroupAttributes: [] },
        missing: 'crossZoneLoadBalancing.enabled of legacy not supplied',
      },
      {
        lb: elbv2FromItem('network'),
        facets: { attributes: {}, targetGroupAttributes: [] },
        missing: `${CROSS_ZONE} of net-lb not supplied`,
      },
      {
        lb: elbv2FromItem('application'),
        facets: { attributes: {}, targetGroupAttributes: [tgAttributes('web', undefined)] },
        missing: `${CROSS_ZONE} of target group web not supplied`,
      },
      {
        lb: elbv2FromItem('network'),
        facets: {
          attributes: { [CROSS_ZONE]: 'true' },
          targetGroupAttributes: [tgAttributes('web', 'bogus')],
        },
        missing: `${CROSS_ZONE} of target group web is "bogus"; expected true, false or use_load_balancer_configuration`,
      },
      { lb: elbv2FromItem('application'), facets: { attributes: {} }, missing: 'not recorded' },
    ];
    for (const { lb, facets, missing } of cases) {
      const evaluation = await judgeWith(rule, lb, facets);
      expect(evaluation.complianceType, missing).toBe('INSUFFICIENT_DATA');
      expect(evaluation.error?.reason, missing).toContain(missing.replace('not recorded', ''));
    }
  });
});
