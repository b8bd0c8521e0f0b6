import {
  DescribeTargetGroupAttributesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import { defineFacet } from '../facet.js';
import { keyValueRecord } from '../shape.js';
import { targets } from './targets.js';

/** DescribeTargetGroupAttributes takes one target group: at most this many calls run at once. */
const CALLS_AT_ONCE = 10;

export interface TargetGroupAttributes {
  arn: string;
  name: string;
  /** instance | ip | lambda | alb */
  targetType: string;
  /** AWS's keys and string values: load_balancing.cross_zone.enabled → use_load_balancer_configuration. */
  attributes: Record<string, string>;
}

const targetGroupAttributesSnapshot: z.ZodType<TargetGroupAttributes> = z.object({
  arn: z.string().startsWith('arn:'),
  name: z.string().min(1),
  targetType: z.enum(['instance', 'ip', 'lambda', 'alb']),
  attributes: z.record(z.string(), z.string()),
});

/**
 * Attributes of the load balancer's target groups (load_balancing.cross_zone.enabled,
 * deregistration_delay.timeout_seconds...), as AWS's own key/value strings.
 * A target group shared by several load balancers is read once. Classic load balancers have no
 * target groups: their value is empty.
 */
export const targetGroupAttributes = defineFacet<'targetGroupAttributes', TargetGroupAttributes[]>({
  key: 'targetGroupAttributes',
  description: 'Target groups with their attributes (cross-zone load balancing...)',
  iamActions: [...targets.iamActions, 'elasticloadbalancing:DescribeTargetGroupAttributes'],
  snapshot: z.array(targetGroupAttributesSnapshot),
  async live(lb, { aws, need }) {
    if (lb.kind === 'classic') return [];
    const groups = (await need(targets, lb)).flatMap((g) => (g.arn ? [{ ...g, arn: g.arn }] : []));
    const client = aws.client(ElasticLoadBalancingV2Client);
    const loader = aws.batcher<string, Record<string, string>>(
      'target-group-attributes',
      CALLS_AT_ONCE,
      (batch) =>
        Promise.all(
          batch.map(async (arn) => {
            try {
              const out = await client.send(
                new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }),
              );
              return keyValueRecord(out.Attributes ?? []);
            } catch (error) {
              return error as Error;
            }
          }),
        ),
    );
    return Promise.all(
      groups.map(async ({ arn, name, targetType }) => ({
        arn,
        name,
        targetType,
        attributes: await loader.load(arn),
      })),
    );
  },
});
