import { DescribeProtectionCommand, ShieldClient } from '@aws-sdk/client-shield';
import { z } from 'zod';
import type { LoadBalancer } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { errorCode } from '../fetched.js';
import { SHIELD_ENDPOINT_REGION, shieldSubscription } from './shield-subscription.js';

export interface ShieldProtectionRef {
  id: string;
  name?: string;
}

/** The ARN Shield protects: ELBv2 ARNs as they are; Classic ones built from the name. */
export function protectableArn(lb: LoadBalancer): string {
  if (lb.kind !== 'classic') return lb.arn;
  const partition = lb.region.startsWith('cn-')
    ? 'aws-cn'
    : lb.region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  return `arn:${partition}:elasticloadbalancing:${lb.region}:${lb.accountId}:loadbalancer/${lb.name}`;
}

/**
 * The Shield Advanced protection of an Application or Classic Load Balancer (DescribeProtection by
 * ResourceArn), or null when there is none: ResourceNotFoundException means "not protected"; any
 * other error is a failed read. Null too without a subscription, since protections need one (no
 * call is made then). Other kinds cannot be protected directly and are not asked about.
 */
export const shieldProtection = defineFacet<'shieldProtection', ShieldProtectionRef | null>({
  key: 'shieldProtection',
  description: 'The AWS Shield Advanced protection of an ALB or Classic Load Balancer',
  iamActions: ['shield:DescribeProtection'],
  snapshot: z.object({ id: z.string().min(1), name: z.string().optional() }).nullable(),
  async live(lb, { aws, need }) {
    if (lb.kind !== 'application' && lb.kind !== 'classic') return null;
    if ((await need(shieldSubscription, lb)) !== 'ACTIVE') return null;
    try {
      const out = await aws
        .client(ShieldClient, SHIELD_ENDPOINT_REGION)
        .send(new DescribeProtectionCommand({ ResourceArn: protectableArn(lb) }));
      const id = out.Protection?.Id;
      if (!id) throw new Error(`DescribeProtection returned no protection id for ${lb.name}`);
      return { id, name: out.Protection?.Name };
    } catch (error) {
      if (errorCode(error) === 'ResourceNotFoundException') return null;
      throw error;
    }
  },
});
