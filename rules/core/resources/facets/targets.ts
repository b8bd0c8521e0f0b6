import {
  DescribeInstanceHealthCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
  type TargetGroup as RawTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type { RegionalAws } from '../../aws/regional-aws.js';
import { defineFacet } from '../facet.js';
import { errorCode } from '../fetched.js';
import { classicTargets, type TargetGroup, targetGroup } from '../normalize/targets.js';

export type { RegisteredTarget, TargetGroup, TargetHealth } from '../normalize/targets.js';

const targetGroupSnapshot: z.ZodType<TargetGroup> = z.object({
  arn: z.string().startsWith('arn:').optional(),
  name: z.string().min(1),
  targetType: z.enum(['instance', 'ip', 'lambda', 'alb']),
  protocol: z.string().optional(),
  port: z.number().int().optional(),
  vpcId: z.string().optional(),
  healthCheck: z.object({
    enabled: z.boolean(),
    protocol: z.string().optional(),
    port: z.string().optional(),
  }),
  targets: z.array(
    z.object({
      id: z.string().min(1),
      port: z.number().int().optional(),
      healthCheckPort: z.number().int().optional(),
      availabilityZone: z.string().optional(),
      health: z.object({
        state: z.string().min(1),
        reason: z.string().optional(),
        description: z.string().optional(),
      }),
    }),
  ),
});

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
  snapshot: z.array(targetGroupSnapshot),
  async live(lb, { aws, regionWide }) {
    if (lb.kind === 'classic') {
      const out = await aws
        .client(ElasticLoadBalancingClient)
        .send(new DescribeInstanceHealthCommand({ LoadBalancerName: lb.name }));
      return [classicTargets(lb, out.InstanceStates ?? [])];
    }
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
    const raws = await targetGroupsOf(lb.arn, aws, regionWide === true);
    return Promise.all(
      raws.map(async (raw) => targetGroup(raw, await health.load(raw.TargetGroupArn ?? ''))),
    );
  },
});

/** The model's maximum PageSize for DescribeTargetGroups (botocore elbv2 PageSize: min 1, max 400). */
const TARGET_GROUPS_PER_PAGE = 400;

/**
 * A sweep lists every target group of the region once (ceil(groups / 400) calls) and takes each
 * load balancer's from the index; a change evaluation judges one load balancer, for which one call
 * filtered by it is cheaper than paging through the region.
 */
async function targetGroupsOf(loadBalancerArn: string, aws: RegionalAws, regionWide: boolean) {
  if (regionWide) {
    const index = await aws.once('target-groups-by-load-balancer', () => listTargetGroups(aws));
    const groups = index.take(loadBalancerArn);
    if (groups) return groups;
  }
  const raws: RawTargetGroup[] = [];
  try {
    for await (const page of paginateDescribeTargetGroups(
      { client: aws.client(ElasticLoadBalancingV2Client) },
      // PageSize in the input: the paginator has no page-size token, so its pageSize is dropped.
      { LoadBalancerArn: loadBalancerArn, PageSize: TARGET_GROUPS_PER_PAGE },
    )) {
      raws.push(...(page.TargetGroups ?? []));
    }
  } catch (error) {
    // Asked by load balancer, ELB answers TargetGroupNotFound when the load balancer has none.
    if (!NO_TARGET_GROUPS.has(errorCode(error))) throw error;
  }
  return raws;
}

/** The region's target groups by load balancer ARN; each load balancer's entry is handed out once. */
class TargetGroupIndex {
  private readonly taken = new Set<string>();
  constructor(private readonly byLoadBalancer: Map<string, RawTargetGroup[]>) {}

  /**
   * The groups of a load balancer listed region-wide, dropped from the index to keep memory flat.
   * Undefined when already handed out (the estate released and re-reads it): read it again then.
   */
  take(loadBalancerArn: string): RawTargetGroup[] | undefined {
    if (this.taken.has(loadBalancerArn)) return undefined;
    this.taken.add(loadBalancerArn);
    const groups = this.byLoadBalancer.get(loadBalancerArn) ?? [];
    this.byLoadBalancer.delete(loadBalancerArn);
    return groups;
  }
}

async function listTargetGroups(aws: RegionalAws): Promise<TargetGroupIndex> {
  const byLoadBalancer = new Map<string, RawTargetGroup[]>();
  for await (const page of paginateDescribeTargetGroups(
    { client: aws.client(ElasticLoadBalancingV2Client) },
    { PageSize: TARGET_GROUPS_PER_PAGE },
  )) {
    for (const group of page.TargetGroups ?? []) {
      // A load balancer named twice (moto names it once per listener forwarding there) holds the group once.
      for (const arn of new Set(group.LoadBalancerArns ?? [])) {
        const groups = byLoadBalancer.get(arn);
        if (groups) groups.push(group);
        else byLoadBalancer.set(arn, [group]);
      }
    }
  }
  return new TargetGroupIndex(byLoadBalancer);
}
