// Load balancer tags against mocked SDK clients: a load balancer DescribeTags leaves out of its
// answer is unread, not untagged (an exemption tag must never be assumed absent, nor present).
import {
  DescribeTagsCommand as DescribeClassicTags,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeTagsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadBalancer } from '../../../../rules/core/model/model.js';
import { tags } from '../../../../rules/core/resources/facets/tags.js';
import { lbNamed, open } from '../../../support/live-facets.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const classic = mockClient(ElasticLoadBalancingClient);
afterEach(() => {
  elbv2.reset();
  classic.reset();
});

const classicNamed = (name: string) =>
  ({ ...lbNamed(name), kind: 'classic', name }) as unknown as LoadBalancer;

describe('tags facet', () => {
  it('reads the tags DescribeTags returns for an ELBv2 load balancer', async () => {
    const lb = lbNamed('web');
    elbv2.on(DescribeTagsCommand).resolves({
      TagDescriptions: [{ ResourceArn: lb.resourceId, Tags: [{ Key: 'team', Value: 'edge' }] }],
    });
    expect(await (await open()).facet(tags, lb)).toEqual({ ok: true, value: { team: 'edge' } });
  });

  it('does not read an ELBv2 load balancer missing from the answer as untagged', async () => {
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    expect(await (await open()).facet(tags, lbNamed('web'))).toMatchObject({ ok: false });
  });

  it('does not read a Classic load balancer missing from the answer as untagged', async () => {
    classic.on(DescribeClassicTags).resolves({ TagDescriptions: [{ LoadBalancerName: 'other', Tags: [] }] });
    expect(await (await open()).facet(tags, classicNamed('legacy'))).toMatchObject({ ok: false });
  });
});
