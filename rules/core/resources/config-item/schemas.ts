// What a configuration item must hold to prove each piece of data it supplies: the load balancer's
// own schemas are here; each facet declares where items record it, and its schema, in its own file
// (facets/*.ts). A part of an item that fails its schema is not supplied: the engine reads it live
// instead, and never fills it with a default.
import { z } from 'zod';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LOAD_BALANCER,
  type LoadBalancerKind,
  SECURITY_GROUP,
} from '../../model/model.js';
import type { AnyFacet } from '../facet.js';
import { ITEM_FACETS } from '../facets/item-facets.js';
import type { ItemPart as Part } from '../item-part.js';
import { securityGroupItem } from './security-group-item.js';

const scheme = z.enum(['internet-facing', 'internal']);

export const elbv2LoadBalancerSchema = z.object({
  loadbalancerarn: z.string().startsWith('arn:').optional(),
  loadbalancername: z.string().min(1).optional(),
  type: z.enum(['application', 'network', 'gateway']),
  scheme,
  securitygroups: z.array(z.string().min(1)),
  vpcid: z.string().optional(),
  ipaddresstype: z.string().optional(),
});

/** Classic listener protocols that terminate TLS, and so always carry a certificate in AWS. */
export const CLASSIC_TLS_PROTOCOLS: readonly string[] = ['HTTPS', 'SSL'];

const classicListenerDescription = z.object({
  listener: z
    .object({
      protocol: z.string().min(1),
      loadbalancerport: z.number().int(),
      instanceprotocol: z.string().min(1),
      instanceport: z.number().int(),
      sslcertificateid: z.string().min(1).optional(),
    })
    // AWS refuses an HTTPS or SSL listener without a certificate, so one recorded without it is
    // an incomplete record: the certificate rules would otherwise see nothing to judge.
    .refine(
      (l) => !CLASSIC_TLS_PROTOCOLS.includes(l.protocol.toUpperCase()) || l.sslcertificateid !== undefined,
      { message: 'an HTTPS or SSL listener without sSLCertificateId' },
    ),
  policynames: z.array(z.string()),
});

export const classicLoadBalancerSchema = z.object({
  loadbalancername: z.string().min(1).optional(),
  scheme,
  securitygroups: z.array(z.string().min(1)),
  vpcid: z.string().optional(),
  listenerdescriptions: z.array(classicListenerDescription),
  // Read only by the target facets, which read instance health live anyway.
  instances: z.array(z.union([z.string(), z.object({ instanceid: z.string() })])).optional(),
  healthcheck: z.object({ target: z.string().min(1) }).optional(),
});

/** A part of an item, and the facets it supplies; none for the load balancer itself, which every rule reads. */
export interface ItemPart extends Part {
  facets: readonly AnyFacet[];
  /** The value the part supplies, once its schema proved it; none for the load balancer itself. */
  read?(value: unknown): unknown;
}

/** Every part of every item type the project reads, by resource type and load balancer kind. */
export function itemParts(resourceType: string, kind?: LoadBalancerKind): ItemPart[] {
  const carried = (facetKind: LoadBalancerKind): ItemPart[] =>
    ITEM_FACETS.flatMap((facet) =>
      (facet.inItems ?? [])
        .filter((where) => where.resourceType === resourceType)
        .map((where) => ({
          path: where.path,
          schema: where.schema(facetKind),
          lowerKeys: where.lowerKeys,
          facets: [facet],
          read: where.read,
        })),
    );
  switch (resourceType) {
    case ELBV2_LOAD_BALANCER:
      return [
        { path: ['configuration'], schema: elbv2LoadBalancerSchema, lowerKeys: true, facets: [] },
        ...carried(kind ?? 'application'),
      ];
    case CLASSIC_LOAD_BALANCER:
      return [
        { path: ['configuration'], schema: classicLoadBalancerSchema, lowerKeys: true, facets: [] },
        ...carried('classic'),
      ];
    case SECURITY_GROUP:
      // A group item supplies no facet value: it primes the group reader that the facets reading
      // groups share (live-estate.ts), so it names none of them and pulls no EC2 client in.
      return [{ ...securityGroupItem, facets: [] }];
    default:
      return [];
  }
}
