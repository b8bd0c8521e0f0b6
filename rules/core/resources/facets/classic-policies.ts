import type { ClassicPolicy } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { classicPolicy } from '../normalize/classic.js';

/** The policies defined on a Classic load balancer, with their attributes. [] for ELBv2. */
export const classicPolicies = defineFacet<'classicPolicies', ClassicPolicy[]>({
  key: 'classicPolicies',
  description: 'Classic load balancer policies with attributes (SSL negotiation, stickiness...)',
  iamActions: ['elasticloadbalancing:DescribeLoadBalancerPolicies'],
  async live(lb, { aws }) {
    if (lb.kind !== 'classic') return [];
    const { DescribeLoadBalancerPoliciesCommand, ElasticLoadBalancingClient } = await import(
      '../../aws/sdk/elb.js'
    );
    const out = await aws
      .client(ElasticLoadBalancingClient)
      .send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: lb.name }));
    return (out.PolicyDescriptions ?? []).map(classicPolicy);
  },
});
