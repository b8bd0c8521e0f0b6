import { z } from 'zod';
import { defineFacet } from '../facet.js';
import { elbv2TagsByArn, TAGS_PER_CALL, tagsSchema } from './tags.js';
import { targets } from './targets.js';

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
        const byArn = await elbv2TagsByArn(aws, batch);
        // A target group DescribeTags does not answer for is not known to be untagged.
        return batch.map((arn) => byArn.get(arn) ?? new Error(`DescribeTags returned no tags for ${arn}`));
      },
    );
    const values = await Promise.all(arns.map((arn) => loader.load(arn)));
    return Object.fromEntries(arns.map((arn, i) => [arn, values[i]!]));
  },
});
