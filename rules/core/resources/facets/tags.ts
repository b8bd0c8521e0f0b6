import { defineFacet } from '../facet.js';
import { keyValueRecord } from '../shape.js';

/** DescribeTags takes at most 20 resources per call, for both APIs. */
const TAGS_PER_CALL = 20;

/** Tags, read in batches of 20 load balancers per call. */
export const tags = defineFacet<'tags', Record<string, string>>({
  key: 'tags',
  description: 'Load balancer tags',
  iamActions: ['elasticloadbalancing:DescribeTags'],
  async live(lb, { aws }) {
    if (lb.kind === 'classic') {
      const loader = aws.batcher<string, Record<string, string>>(
        'classic-tags',
        TAGS_PER_CALL,
        async (names) => {
          const { DescribeTagsCommand, ElasticLoadBalancingClient } = await import('../../aws/sdk/elb.js');
          const out = await aws
            .client(ElasticLoadBalancingClient)
            .send(new DescribeTagsCommand({ LoadBalancerNames: [...names] }));
          const byName = new Map(
            (out.TagDescriptions ?? []).map((d) => [d.LoadBalancerName ?? '', keyValueRecord(d.Tags ?? [])]),
          );
          return names.map((n) => byName.get(n) ?? {});
        },
      );
      return loadOnce(loader, lb.name);
    }
    const loader = aws.batcher<string, Record<string, string>>('elbv2-tags', TAGS_PER_CALL, async (arns) => {
      const { DescribeTagsCommand, ElasticLoadBalancingV2Client } = await import('../../aws/sdk/elbv2.js');
      const out = await aws
        .client(ElasticLoadBalancingV2Client)
        .send(new DescribeTagsCommand({ ResourceArns: [...arns] }));
      const byArn = new Map(
        (out.TagDescriptions ?? []).map((d) => [d.ResourceArn ?? '', keyValueRecord(d.Tags ?? [])]),
      );
      return arns.map((a) => byArn.get(a) ?? {});
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
