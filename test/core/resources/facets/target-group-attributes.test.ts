// Target group attributes against mocked SDK clients: one call per target group, shared groups read
// once, and a failed read is a failure, never an empty attribute list.
import {
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { targetGroupAttributes } from '../../../../rules/core/resources/facets/target-group-attributes.js';
import { VPC } from '../../../fixtures/network-items.js';
import { lbNamed, open, tgArn } from '../../../support/live-facets.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupArn: tgArn('web'),
        TargetGroupName: 'web',
        Protocol: 'HTTP',
        VpcId: VPC,
        TargetType: 'ip',
      },
    ],
  });
  elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
});
afterEach(() => elbv2.reset());

describe('targetGroupAttributes facet', () => {
  it('reads each target group once, however many load balancers share it', async () => {
    elbv2.on(DescribeTargetGroupAttributesCommand).resolves({
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }],
    });
    const estate = await open();
    const [a, b] = await Promise.all([
      estate.facet(targetGroupAttributes, lbNamed('a')),
      estate.facet(targetGroupAttributes, lbNamed('b')),
    ]);
    expect(a).toEqual(b);
    expect(a.ok && a.value).toEqual([
      {
        arn: tgArn('web'),
        name: 'web',
        targetType: 'ip',
        attributes: { 'load_balancing.cross_zone.enabled': 'false' },
      },
    ]);
    expect(elbv2.commandCalls(DescribeTargetGroupAttributesCommand)).toHaveLength(1);
  });

  it('reports a failed read as unreadable', async () => {
    elbv2
      .on(DescribeTargetGroupAttributesCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDenied' }));
    const result = await (await open()).facet(targetGroupAttributes, lbNamed('a'));
    expect(result).toMatchObject({ ok: false, code: 'AccessDenied' });
  });
});
