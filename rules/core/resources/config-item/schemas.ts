// What a configuration item must hold to prove each piece of data it supplies. A part of an item
// that fails its schema is not supplied: the engine reads it live instead, and never fills it with
// a default. Config spells keys dNSName, vpcid or vPCId depending on the sample, so every schema
// names keys in lower case and is checked against the item with its keys lower-cased.
import { z } from 'zod';
import type { LoadBalancerKind } from '../../model/model.js';
import type { AnyFacet } from '../facet.js';
import { attributes } from '../facets/attributes.js';
import { classicPolicies } from '../facets/classic-policies.js';
import { securityGroups } from '../facets/security-groups.js';
import { tags } from '../facets/tags.js';
import { targetSecurityGroups } from '../facets/target-security-groups.js';

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

const permission = z
  .object({
    ipprotocol: z.string().min(1),
    fromport: z.number().int().nullable().optional(),
    toport: z.number().int().nullable().optional(),
    ipranges: z.array(z.string()).optional(),
    ipv4ranges: z.array(z.object({ cidrip: z.string().min(1) })).optional(),
    ipv6ranges: z.array(z.object({ cidripv6: z.string().min(1) })),
    prefixlistids: z.array(z.union([z.string(), z.object({ prefixlistid: z.string() })])),
    useridgrouppairs: z.array(z.object({ groupid: z.string().optional(), userid: z.string().optional() })),
  })
  .refine((p) => p.ipranges !== undefined || p.ipv4ranges !== undefined, {
    message: 'neither ipRanges nor ipv4Ranges is recorded',
  });

/** An ingress permission other than "every protocol" must say which ports it opens. */
const ingressPermission = permission.refine(
  (p) => p.ipprotocol === '-1' || (typeof p.fromport === 'number' && typeof p.toport === 'number'),
  { message: 'a protocol-specific permission without fromPort and toPort' },
);

export const securityGroupSchema = z.object({
  groupid: z.string().min(1),
  ippermissions: z.array(ingressPermission),
  ippermissionsegress: z.array(permission),
});

/**
 * Attribute keys an item must record before its attributes count: those whose absence a rule
 * would read as the ELB default. Older attribute lists lack the desync key; a missing key is "not
 * recorded", so such a list is read again live. (An absent switch such as
 * deletion_protection.enabled reads as off, which can only fail a resource.)
 */
export const ITEM_ATTRIBUTE_KEYS: Record<LoadBalancerKind, readonly string[]> = {
  application: ['routing.http.desync_mitigation_mode'],
  network: [],
  gateway: [],
  classic: ['elb.http.desyncmitigationmode'],
};

const keyValue = z.object({ key: z.string().min(1), value: z.string() });

export function elbv2AttributesSchema(kind: LoadBalancerKind) {
  return z
    .array(keyValue)
    .refine((pairs) => ITEM_ATTRIBUTE_KEYS[kind].every((key) => pairs.some((p) => p.key === key)), {
      message: `missing one of ${ITEM_ATTRIBUTE_KEYS[kind].join(', ')}`,
    });
}

export const classicAttributesSchema = z
  .object({
    accesslog: z.object({ enabled: z.boolean(), s3bucketname: z.string().optional() }).optional(),
    additionalattributes: z.array(keyValue).optional(),
  })
  .refine(
    (a) =>
      ITEM_ATTRIBUTE_KEYS.classic.every((key) => (a.additionalattributes ?? []).some((p) => p.key === key)),
    { message: `missing one of ${ITEM_ATTRIBUTE_KEYS.classic.join(', ')}` },
  );

export const classicPoliciesSchema = z.array(
  z.object({
    policyname: z.string().min(1),
    policytypename: z.string().min(1),
    policyattributedescriptions: z.array(
      z.object({ attributename: z.string().min(1), attributevalue: z.string() }),
    ),
  }),
);

export const tagsSchema = z.record(z.string(), z.string());

/** Where in an item a schema applies, and which facets it supplies. */
export interface ItemPart {
  /** Path from the raw item: ['configuration'], ['supplementaryConfiguration', 'LoadBalancerAttributes']... */
  path: readonly string[];
  schema: z.ZodType;
  /** Whether keys are lower-cased before the check (false where keys are data, as tag keys are). */
  lowerKeys: boolean;
  /** The facets this part supplies; empty for the load balancer itself, which every rule reads. */
  facets: readonly AnyFacet[];
}

/** Every part of every item type the project reads, by resource type and load balancer kind. */
export function itemParts(resourceType: string, kind?: LoadBalancerKind): ItemPart[] {
  const tagPart: ItemPart = { path: ['tags'], schema: tagsSchema, lowerKeys: false, facets: [tags] };
  switch (resourceType) {
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return [
        { path: ['configuration'], schema: elbv2LoadBalancerSchema, lowerKeys: true, facets: [] },
        {
          path: ['supplementaryConfiguration', 'LoadBalancerAttributes'],
          schema: elbv2AttributesSchema(kind ?? 'application'),
          lowerKeys: true,
          facets: [attributes],
        },
        tagPart,
      ];
    case 'AWS::ElasticLoadBalancing::LoadBalancer':
      return [
        { path: ['configuration'], schema: classicLoadBalancerSchema, lowerKeys: true, facets: [] },
        {
          path: ['supplementaryConfiguration', 'LoadBalancerAttributes'],
          schema: classicAttributesSchema,
          lowerKeys: true,
          facets: [attributes],
        },
        {
          path: ['supplementaryConfiguration', 'LoadBalancerPolicies'],
          schema: classicPoliciesSchema,
          lowerKeys: true,
          facets: [classicPolicies],
        },
        tagPart,
      ];
    case 'AWS::EC2::SecurityGroup':
      return [
        {
          path: ['configuration'],
          schema: securityGroupSchema,
          lowerKeys: true,
          facets: [securityGroups, targetSecurityGroups],
        },
      ];
    default:
      return [];
  }
}

/** Keys lower-cased at every depth, so one schema covers every casing Config uses. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  return value;
}

/** Whether the value proves what the part supplies. */
export function proves(part: Pick<ItemPart, 'schema' | 'lowerKeys'>, value: unknown): boolean {
  return part.schema.safeParse(part.lowerKeys ? lowerKeys(value) : value).success;
}
