import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/lb-multi-az/rule.js';
import { classicItem, elbv2Item, judgeWith, loadBalancerOf } from '../../fixtures/network-items.js';

/** An item with its recorded zone list replaced (undefined removes it). */
function withZones<T extends { configuration: unknown }>(item: T, zones: unknown): T {
  const configuration = { ...(item.configuration as Record<string, unknown>) };
  if (zones === undefined) delete configuration.availabilityZones;
  else configuration.availabilityZones = zones;
  return { ...item, configuration };
}

const classic = (zones: unknown) =>
  loadBalancerOf(
    withZones(
      classicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80, instancePort: 80 }] }),
      zones,
    ),
  );
const elbv2 = (type: 'application' | 'network' | 'gateway', zones: unknown) =>
  loadBalancerOf(withZones(elbv2Item({ name: `${type}-lb`, type }), zones));
const mapping = (zoneName: string) => ({
  zoneName,
  subnetId: `subnet-${zoneName}`,
  loadBalancerAddresses: [],
});

describe('lb-multi-az (ELB.10, ELB.13)', () => {
  it('fails a Classic load balancer in one zone, naming the zone and the minimum', async () => {
    const { lb, carried } = classic(['us-east-1a']);
    const evaluation = await judgeWith(rule, lb, carried);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'spans 1 Availability Zone (us-east-1a); minAvailabilityZones is 2: enable it in more zones',
    );
  });

  it('passes a Classic load balancer in two zones as recorded by Config', async () => {
    const { lb, carried } = classic(['us-east-1a', 'us-east-1b']);
    expect(await judgeWith(rule, lb, carried)).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'Spans 2 Availability Zones: us-east-1a, us-east-1b.',
    });
  });

  it.each(['application', 'network', 'gateway'] as const)(
    'judges the zone mappings of a %s load balancer',
    async (type) => {
      const one = elbv2(type, [mapping('us-east-1a')]);
      expect((await judgeWith(rule, one.lb, one.carried)).complianceType).toBe('NON_COMPLIANT');
      const two = elbv2(type, [mapping('us-east-1a'), mapping('us-east-1b')]);
      expect((await judgeWith(rule, two.lb, two.carried)).complianceType).toBe('COMPLIANT');
    },
  );

  it('counts a zone listed twice once', async () => {
    const { lb, carried } = elbv2('application', [mapping('us-east-1a'), mapping('us-east-1a')]);
    expect((await judgeWith(rule, lb, carried)).complianceType).toBe('NON_COMPLIANT');
  });

  it('applies minAvailabilityZones', async () => {
    const { lb, carried } = elbv2('network', [mapping('us-east-1a'), mapping('us-east-1b')]);
    expect((await judgeWith(rule, lb, carried, { minAvailabilityZones: '3' })).annotation).toBe(
      'spans 2 Availability Zones (us-east-1a, us-east-1b); minAvailabilityZones is 3: enable it in more zones',
    );
    const three = elbv2(
      'network',
      ['a', 'b', 'c'].map((z) => mapping(`us-east-1${z}`)),
    );
    expect(
      (await judgeWith(rule, three.lb, three.carried, { minAvailabilityZones: '3' })).complianceType,
    ).toBe('COMPLIANT');
  });

  it.each(['1', '11', '2.5', 'two'])(
    'refuses minAvailabilityZones=%s, naming the parameter',
    async (value) => {
      const { lb, carried } = classic(['us-east-1a', 'us-east-1b']);
      await expect(judgeWith(rule, lb, carried, { minAvailabilityZones: value })).rejects.toThrow(
        /minAvailabilityZones/,
      );
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['null', null],
    ['malformed (no zone names)', [{ subnetId: 'subnet-1' }]],
  ])(
    'does not count a %s zone list as zero zones: the load balancer is not evaluated',
    async (_what, zones) => {
      for (const { lb, carried } of [classic(zones), elbv2('application', zones)]) {
        expect(carried).not.toHaveProperty('availabilityZones');
        expect((await judgeWith(rule, lb, carried)).complianceType).toBe('INSUFFICIENT_DATA');
      }
    },
  );
});
