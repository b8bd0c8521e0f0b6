// The targets facet against mocked SDK clients: target groups shared across load balancers, and
// missing data.
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { targets } from '../../../../rules/core/resources/facets/targets.js';
import { VPC } from '../../../fixtures/network-items.js';
import { lbNamed, open, tgArn } from '../../../support/live-facets.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

beforeEach(() => elbv2.reset());
afterEach(() => elbv2.reset());

describe('targets facet', () => {
  it('reads target groups and health; a target group shared by two load balancers is read once', async () => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [
        {
          TargetGroupArn: tgArn('shared'),
          TargetGroupName: 'shared',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: VPC,
          TargetType: 'instance',
          HealthCheckEnabled: true,
          HealthCheckPort: '8081',
        },
      ],
    });
    elbv2.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        {
          Target: { Id: 'i-0aaa', Port: 8080 },
          HealthCheckPort: '8081',
          TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' },
        },
      ],
    });
    const estate = await open();
    const [a, b] = await Promise.all([
      estate.facet(targets, lbNamed('a')),
      estate.facet(targets, lbNamed('b')),
    ]);
    expect(a).toEqual(b);
    expect(a.ok && a.value).toEqual([
      {
        arn: tgArn('shared'),
        name: 'shared',
        targetType: 'instance',
        protocol: 'HTTP',
        port: 8080,
        vpcId: VPC,
        healthCheck: { enabled: true, protocol: undefined, port: '8081' },
        targets: [
          {
            id: 'i-0aaa',
            port: 8080,
            healthCheckPort: 8081,
            availabilityZone: undefined,
            health: { state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' },
          },
        ],
      },
    ]);
    expect(elbv2.commandCalls(DescribeTargetHealthCommand)).toHaveLength(1);
  });

  it('reads "no target groups" from TargetGroupNotFound', async () => {
    elbv2.on(DescribeTargetGroupsCommand).rejects(
      Object.assign(new Error('One or more target groups not found'), {
        name: 'TargetGroupNotFoundException',
      }),
    );
    const result = await (await open()).facet(targets, lbNamed('empty'));
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('reports any other failure as unreadable, naming the load balancer', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDenied' }));
    const result = await (await open()).facet(targets, lbNamed('denied'));
    expect(result).toMatchObject({ ok: false, code: 'AccessDenied' });
    expect(!result.ok && result.reason).toContain('targets of denied');
  });
});
