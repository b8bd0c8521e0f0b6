import { defineFacet } from '../facet.js';
import { errorCode } from '../fetched.js';
import { classicTargets, type TargetGroup, targetGroup } from '../normalize/targets.js';

export type { RegisteredTarget, TargetGroup, TargetHealth } from '../normalize/targets.js';

const NO_TARGET_GROUPS = new Set(['TargetGroupNotFound', 'TargetGroupNotFoundException']);

/**
 * The load balancer's target groups with every registered target and its health. A Classic load
 * balancer's registered instances appear as one group. Health is read once per target group,
 * however many load balancers share it.
 */
export const targets = defineFacet<'targets', TargetGroup[]>({
  key: 'targets',
  description: 'Target groups with registered targets, ports and health (Classic: registered instances)',
  iamActions: [
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    'elasticloadbalancing:DescribeInstanceHealth',
  ],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') {
      const { DescribeInstanceHealthCommand, ElasticLoadBalancingClient } = await import(
        '../../aws/sdk/elb.js'
      );
      const out = await aws
        .client(ElasticLoadBalancingClient)
        .send(new DescribeInstanceHealthCommand({ LoadBalancerName: lb.name }));
      return [classicTargets(lb, out.InstanceStates ?? [])];
    }
    const { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, paginateDescribeTargetGroups } =
      await import('../../aws/sdk/elbv2.js');
    const client = aws.client(ElasticLoadBalancingV2Client);
    const health = aws.batcher<string, unknown[]>('target-health', 10, (arns) =>
      Promise.all(
        arns.map(async (arn) => {
          try {
            const out = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
            return out.TargetHealthDescriptions ?? [];
          } catch (error) {
            return error as Error;
          }
        }),
      ),
    );
    const raws = [];
    try {
      for await (const page of paginateDescribeTargetGroups(
        { client, pageSize: 400 },
        { LoadBalancerArn: lb.arn },
      )) {
        raws.push(...(page.TargetGroups ?? []));
      }
    } catch (error) {
      // Asked by load balancer, ELB answers TargetGroupNotFound when the load balancer has none.
      if (!NO_TARGET_GROUPS.has(errorCode(error))) throw error;
    }
    return Promise.all(
      raws.map(async (raw) => targetGroup(raw, await health.load(raw.TargetGroupArn ?? ''))),
    );
  },
});
