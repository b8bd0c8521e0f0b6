import {
  DescribeLoadBalancerPoliciesCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { z } from 'zod';
import { CLASSIC_LOAD_BALANCER, type ClassicPolicy } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { classicPolicy } from '../normalize/classic.js';

const classicPolicySnapshot: z.ZodType<ClassicPolicy> = z.object({
  name: z.string(),
  typeName: z.string(),
  attributes: z.record(z.string(), z.string()),
});

const classicPoliciesInItem = z.array(
  z.object({
    policyname: z.string().min(1),
    policytypename: z.string().min(1),
    policyattributedescriptions: z.array(
      z.object({ attributename: z.string().min(1), attributevalue: z.string() }),
    ),
  }),
);

/** The policies defined on a Classic load balancer, with their attributes. [] for ELBv2. */
export const classicPolicies = defineFacet<'classicPolicies', ClassicPolicy[]>({
  key: 'classicPolicies',
  description: 'Classic load balancer policies with attributes (SSL negotiation, stickiness...)',
  iamActions: ['elasticloadbalancing:DescribeLoadBalancerPolicies'],
  snapshot: z.array(classicPolicySnapshot),
  inItems: [
    {
      resourceType: CLASSIC_LOAD_BALANCER,
      path: ['supplementaryConfiguration', 'LoadBalancerPolicies'],
      lowerKeys: true,
      schema: () => classicPoliciesInItem,
      read: (value) => (value as unknown[]).map(classicPolicy),
    },
  ],
  async live(lb, { aws }) {
    if (lb.kind !== 'classic') return [];
    const out = await aws
      .client(ElasticLoadBalancingClient)
      .send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: lb.name }));
    return (out.PolicyDescriptions ?? []).map(classicPolicy);
  },
});
