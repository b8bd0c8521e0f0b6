// The item parts and snapshot schemas are derived from the facets' own declarations: these pin what
// the derivation yields, so a facet that stops declaring where items record it is noticed.
import { describe, expect, it } from 'vitest';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LOAD_BALANCER,
  SECURITY_GROUP,
} from '../../../../rules/core/model/model.js';
import { itemParts } from '../../../../rules/core/resources/config-item/schemas.js';
import { ALL_FACETS } from '../../../../rules/core/resources/facets/index.js';
import { FACET_SCHEMAS } from '../../../../rules/core/resources/snapshot/schema.js';

const summary = (resourceType: string, kind?: Parameters<typeof itemParts>[1]) =>
  itemParts(resourceType, kind).map((p) => `${p.path.join('.')} -> ${p.facets.map((f) => f.key).join(',')}`);

describe('item parts derived from the facets', () => {
  it('lists every part of each item type with the facets it supplies', () => {
    expect(summary(ELBV2_LOAD_BALANCER, 'application')).toEqual([
      'configuration -> ',
      'supplementaryConfiguration.LoadBalancerAttributes -> attributes',
      'tags -> tags',
      'configuration -> availabilityZones',
    ]);
    expect(summary(CLASSIC_LOAD_BALANCER, 'classic')).toEqual([
      'configuration -> ',
      'supplementaryConfiguration.LoadBalancerAttributes -> attributes',
      'tags -> tags',
      'supplementaryConfiguration.LoadBalancerPolicies -> classicPolicies',
      'configuration -> availabilityZones',
    ]);
    expect(summary(SECURITY_GROUP)).toEqual(['configuration -> ']);
    expect(summary('AWS::ElasticLoadBalancingV2::Listener')).toEqual([]);
  });

  it('asks each kind for the attribute keys whose absence would read as a default', () => {
    const attributesOf = (kind: 'application' | 'network') =>
      itemParts(ELBV2_LOAD_BALANCER, kind).find((p) => p.facets[0]?.key === 'attributes');
    const withoutDesync = [{ key: 'deletion_protection.enabled', value: 'false' }];
    expect(attributesOf('application')?.schema.safeParse(withoutDesync).success).toBe(false);
    expect(attributesOf('network')?.schema.safeParse(withoutDesync).success).toBe(true);
  });
});

describe('snapshot schemas derived from the facets', () => {
  it('has one schema per facet, keyed and ordered as ALL_FACETS', () => {
    expect(Object.keys(FACET_SCHEMAS)).toEqual(ALL_FACETS.map((f) => f.key));
    for (const facet of ALL_FACETS) expect(FACET_SCHEMAS[facet.key]).toBe(facet.snapshot);
  });
});
