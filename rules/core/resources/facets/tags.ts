import {
  DescribeTagsCommand as DescribeClassicTags,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTagsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type { RegionalAws } from '../../aws/regional-aws.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../../model/model.js';
import { defineFacet, type FacetInItem } from '../facet.js';
import { keyValueRecord } from '../shape.js';

/** DescribeTags takes at most 20 resources per call, for both APIs. */
export const TAGS_PER_CALL = 20;

/** One ELBv2 DescribeTags call (at most TAGS_PER_CALL ARNs): the tags of each ARN it answered for. */
export async function elbv2TagsByArn(
  aws: RegionalAws,
  arns: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const out = await aws
    .client(ElasticLoadBalancingV2Client)
    .send(new DescribeTagsCommand({ ResourceArns: [...arns] }));
  return new Map((out.TagDescriptions ?? []).map((d) => [d.ResourceArn ?? '', keyValueRecord(d.Tags ?? [])]));
}

/** Tags that are not all strings prove nothing: they are read live. */
export const tagsSchema = z.record(z.string(), z.string());

/** Items carry tags beside the configuration; their keys are data, so they keep their case. */
const tagsInItem = (
  resourceType: FacetInItem<unknown>['resourceType'],
): FacetInItem<Record<string, string>> => ({
  resourceType,
  path: ['tags'],
  lowerKeys: false,
  schema: () => tagsSchema,
  read: (value) => value as Record<string, string>,
});

/** Tags, read in batches of 20 load balancers per call. */
export const tags = defineFacet<'tags', Record<string, string>>({
  key: 'tags',
  description: 'Load balancer tags',
  iamActions: ['elasticloadbalancing:DescribeTags'],
  snapshot: tagsSchema,
  inItems: [tagsInItem(ELBV2_LOAD_BALANCER), tagsInItem(CLASSIC_LOAD_BALANCER)],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') {
      const loader = aws.batcher<string, Record<string, string>>(
        'classic-tags',
        TAGS_PER_CALL,
        async (names) => {
          const out = await aws
            .client(ElasticLoadBalancingClient)
            .send(new DescribeClassicTags({ LoadBalancerNames: [...names] }));
          const byName = new Map(
            (out.TagDescriptions ?? []).map((d) => [d.LoadBalancerName ?? '', keyValueRecord(d.Tags ?? [])]),
          );
          // A load balancer the answer leaves out is unread, not untagged.
          return names.map((n) => byName.get(n) ?? new Error(`DescribeTags returned no tags for ${n}`));
        },
      );
      return loadOnce(loader, lb.name);
    }
    const loader = aws.batcher<string, Record<string, string>>('elbv2-tags', TAGS_PER_CALL, async (arns) => {
      const byArn = await elbv2TagsByArn(aws, arns);
      return arns.map((a) => byArn.get(a) ?? new Error(`DescribeTags returned no tags for ${a}`));
    });
    return loadOnce(loader, lb.arn);
  },
});

/** Tags belong to one load balancer: once read (and memoised by the estate), drop the batcher's copy. */
async function loadOnce<V>(
  loader: { load(key: string): Promise<V>; clear(key: string): unknown },
  key: string,
) {
  try {
    return await loader.load(key);
  } finally {
    loader.clear(key);
  }
}
