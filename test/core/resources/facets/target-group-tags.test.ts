// Target group tags against mocked SDK clients: 20 ARNs a DescribeTags call, shared groups read once,
// and a group DescribeTags does not answer for is not taken as untagged.
import {
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { targetGroupTags } from '../../../../rules/core/resources/facets/target-group-tags.js';
import { VPC } from '../../../fixtures/network-items.js';
import { lbNamed, open, tgArn } from '../../../support/live-facets.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const names = Array.from({ length: 25 }, (_, i) => `tg-${i}`);

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: names.map((name) => ({
      TargetGroupArn: tgArn(name),
      TargetGroupName: name,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: VPC,
      TargetType: 'instance',
    })),
  });
  elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
});
afterEach(() => elbv2.reset());

describe('targetGroupTags facet', () => {
  it('reads 25 target groups of two load balancers in two DescribeTags calls', async () => {
    elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((arn) => ({
        ResourceArn: arn,
        Tags: [{ Key: 'arn', Value: arn }],
      })),
    }));
    const estate = await open();
    const [a, b] = await Promise.all([
      estate.facet(targetGroupTags, lbNamed('a')),
      estate.facet(targetGroupTags, lbNamed('b')),
    ]);
    expect(a).toEqual(b);
    expect(a.ok && a.value[tgArn('tg-24')]).toEqual({ arn: tgArn('tg-24') });
    const calls = elbv2.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length);
    expect(calls).toEqual([20, 5]);
  });

  it('does not read a target group missing from the answer as untagged', async () => {
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    const result = await (await open()).facet(targetGroupTags, lbNamed('a'));
    expect(result).toMatchObject({ ok: false });
  });
});
