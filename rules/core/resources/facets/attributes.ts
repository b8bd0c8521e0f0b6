import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributes,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER, type LoadBalancerKind } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { classicAttributes } from '../normalize/classic.js';
import { keyValueRecord } from '../shape.js';

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

/**
 * Load balancer attributes as flat string pairs. ELBv2 keys are AWS's own
 * (deletion_protection.enabled); Classic keys are flattened (accessLog.enabled,
 * elb.http.desyncmitigationmode).
 */
export const attributes = defineFacet<'attributes', Record<string, string>>({
  key: 'attributes',
  description: 'Load balancer attributes (deletion protection, access logs, desync mitigation...)',
  iamActions: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
  snapshot: z.record(z.string(), z.string()),
  inItems: [
    {
      resourceType: ELBV2_LOAD_BALANCER,
      path: ['supplementaryConfiguration', 'LoadBalancerAttributes'],
      lowerKeys: true,
      schema: elbv2AttributesSchema,
      read: (value) => keyValueRecord(value as unknown[]),
    },
    {
      resourceType: CLASSIC_LOAD_BALANCER,
      path: ['supplementaryConfiguration', 'LoadBalancerAttributes'],
      lowerKeys: true,
      schema: () => classicAttributesSchema,
      read: classicAttributes,
    },
  ],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') {
      const out = await aws
        .client(ElasticLoadBalancingClient)
        .send(new DescribeClassicAttributes({ LoadBalancerName: lb.name }));
      return classicAttributes(out.LoadBalancerAttributes);
    }
    const out = await aws
      .client(ElasticLoadBalancingV2Client)
      .send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.arn }));
    return keyValueRecord(out.Attributes ?? []);
  },
});
