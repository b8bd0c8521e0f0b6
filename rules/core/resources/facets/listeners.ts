import type { ElbV2Listener } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { elbv2Listener } from '../normalize/elbv2.js';

/** ELBv2 listeners. Classic listeners are part of the load balancer itself, so this is [] for them. */
export const listeners = defineFacet<'listeners', ElbV2Listener[]>({
  key: 'listeners',
  description: 'ELBv2 listeners with protocol, port, SSL policy, certificates and default actions',
  iamActions: ['elasticloadbalancing:DescribeListeners'],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') return [];
    const { ElasticLoadBalancingV2Client, paginateDescribeListeners } = await import(
      '../../aws/sdk/elbv2.js'
    );
    const client = aws.client(ElasticLoadBalancingV2Client);
    const out: ElbV2Listener[] = [];
    for await (const page of paginateDescribeListeners(
      { client },
      { LoadBalancerArn: lb.arn, PageSize: 400 },
    )) {
      for (const raw of page.Listeners ?? []) out.push(elbv2Listener(raw));
    }
    return out;
  },
});
