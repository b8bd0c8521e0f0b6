import {
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancers,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { list, str, strings } from '../shape.js';

const zoneName = z.string().min(1);

/**
 * What an item must record before its zones count. Every load balancer has at least one zone, so an
 * empty or missing list is not a record of the zones: the engine reads them live instead.
 */
const elbv2ZonesSchema = z.object({
  availabilityzones: z.array(z.object({ zonename: zoneName })).min(1),
});
const classicZonesSchema = z.object({ availabilityzones: z.array(zoneName).min(1) });

/** ELBv2 shapes list zones as objects ({ZoneName, SubnetId, …}); Classic ones as zone names. */
export function zoneNames(raw: unknown): string[] {
  const zones = list(raw, 'AvailabilityZones');
  return zones.flatMap((zone) => {
    const name = typeof zone === 'string' ? zone : str(zone, 'ZoneName');
    return name ? [name] : [];
  });
}

function provenZones(raw: unknown, what: string): string[] {
  const names = zoneNames(raw);
  if (names.length === 0) throw new Error(`${what} lists no availability zones`);
  return names;
}

/**
 * The Availability Zones a load balancer is enabled in (ELBv2: its zone mappings; Classic: its
 * AvailabilityZones), as zone names. Config records them in the load balancer's configuration.
 */
export const availabilityZones = defineFacet<'availabilityZones', string[]>({
  key: 'availabilityZones',
  description: 'The Availability Zones the load balancer is enabled in',
  iamActions: ['elasticloadbalancing:DescribeLoadBalancers'],
  snapshot: z.array(zoneName).min(1),
  inItems: [
    {
      resourceType: ELBV2_LOAD_BALANCER,
      path: ['configuration'],
      lowerKeys: true,
      schema: () => elbv2ZonesSchema,
      read: zoneNames,
    },
    {
      resourceType: CLASSIC_LOAD_BALANCER,
      path: ['configuration'],
      lowerKeys: true,
      schema: () => classicZonesSchema,
      read: (value) => strings(value, 'AvailabilityZones'),
    },
  ],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') {
      const out = await aws
        .client(ElasticLoadBalancingClient)
        .send(new DescribeClassicLoadBalancers({ LoadBalancerNames: [lb.name] }));
      const raw = out.LoadBalancerDescriptions?.[0];
      if (!raw) throw new Error(`load balancer ${lb.name} was not returned`);
      return provenZones(raw, `load balancer ${lb.name}`);
    }
    const out = await aws
      .client(ElasticLoadBalancingV2Client)
      .send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.arn] }));
    const raw = out.LoadBalancers?.[0];
    if (!raw) throw new Error(`load balancer ${lb.name} was not returned`);
    return provenZones(raw, `load balancer ${lb.name}`);
  },
});
