import { DescribeTagsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import { defineFacet } from '../facet.js';
import { keyValueRecord } from '../shape.js';
import { tagsSchema } from './tags.js';
import { targets } from './targets.js';

/** DescribeTags takes at most 20 resource ARNs per call. */
const TAGS_PER_CALL = 20;

/**
 * Tags of the load balancer's target groups, by target group ARN, read in batches of 20 ARNs per
 * DescribeTags call; a target group shared by several load balancers is read once. Classic load
 * balancers have no target groups: their value is empty.
 */
export const targetGroupTags = defineFacet<'targetGroupTags', Record<string, Record<string, string>>>({
  key: 'targetGroupTags',
  description: 'Tags of the target groups, by target group ARN',
  iamActions: [...targets.iamActions, 'elasticloadbalancing:DescribeTags'],
  snapshot: z.record(z.string().startsWith('arn:'), tagsSchema),
  async live(lb, { aws, need }) {
    if (lb.kind === 'classic') return {};
    const arns = (await need(targets, lb)).flatMap((group) => group.arn ?? []);
    const loader = aws.batcher<string, Record<string, string>>(
      'target-group-tags',
      TAGS_PER_CALL,
      async (batch) => {
        const out = await aws
          .client(ElasticLoadBalancingV2Client)
          .send(new DescribeTagsCommand({ ResourceArns: [...batch] }));
        const byArn = new Map(
          (out.TagDescriptions ?? []).map((d) => [d.ResourceArn ?? '', keyValueRecord(d.Tags ?? [])]),
        );
        // A target group DescribeTags does not answer for is not known to be untagged.
        return batch.map((arn) => byArn.get(arn) ?? new Error(`DescribeTags returned no tags for ${arn}`));
      },
    );
    const values = await Promise.all(arns.map((arn) => loader.load(arn)));
    return Object.fromEntries(arns.map((arn, i) => [arn, values[i]!]));
  },
});
