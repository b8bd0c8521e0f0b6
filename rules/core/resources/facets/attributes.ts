import { defineFacet } from '../facet.js';
import { classicAttributes } from '../normalize/classic.js';
import { keyValueRecord } from '../shape.js';

/**
 * Load balancer attributes as flat string pairs. ELBv2 keys are AWS's own
 * (deletion_protection.enabled); Classic keys are flattened (accessLog.enabled,
 * elb.http.desyncmitigationmode).
 */
export const attributes = defineFacet<'attributes', Record<string, string>>({
  key: 'attributes',
  description: 'Load balancer attributes (deletion protection, access logs, desync mitigation...)',
  iamActions: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') {
      const { DescribeLoadBalancerAttributesCommand, ElasticLoadBalancingClient } = await import(
        '../../aws/sdk/elb.js'
      );
      const out = await aws
        .client(ElasticLoadBalancingClient)
        .send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: lb.name }));
      return classicAttributes(out.LoadBalancerAttributes);
    }
    const { DescribeLoadBalancerAttributesCommand, ElasticLoadBalancingV2Client } = await import(
      '../../aws/sdk/elbv2.js'
    );
    const out = await aws
      .client(ElasticLoadBalancingV2Client)
      .send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.arn }));
    return keyValueRecord(out.Attributes ?? []);
  },
});
