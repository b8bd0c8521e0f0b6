// The live estate paginates every listing and batches lookups across load balancers.

import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassic,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
import type { LoadBalancer as Model } from '../../../../rules/core/model/model.js';
import { listeners } from '../../../../rules/core/resources/facets/listeners.js';
import { securityGroups } from '../../../../rules/core/resources/facets/security-groups.js';
import { tags } from '../../../../rules/core/resources/facets/tags.js';
import { LiveEstate } from '../../../../rules/core/resources/live/live-estate.js';
import { albArn } from '../../../fixtures/config-items.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const classic = mockClient(ElasticLoadBalancingClient);
const ec2 = mockClient(EC2Client);

const open = () =>
  LiveEstate.open(
    new RegionalAws({
      region: 'us-east-1',
      accountId: '123456789012',
      clientConfig: { credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
    }),
  );
const collect = async (it: AsyncIterable<Model>) => {
  const out: Model[] = [];
  for await (const lb of it) out.push(lb);
  return out;
};

beforeEach(() => {
  elbv2.reset();
  classic.reset();
  ec2.reset();
});

describe('live estate', () => {
  it('follows NextMarker through every page of both APIs', async () => {
    const page = (n: number): LoadBalancer[] => [
      { LoadBalancerArn: albArn(`lb-${n}`, String(n)), Type: 'application', Scheme: 'internal' },
    ];
    const markers: (string | undefined)[] = [];
    elbv2.on(DescribeLoadBalancersCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      const n = input.Marker ? Number(input.Marker.slice(1)) + 1 : 1;
      return { LoadBalancers: page(n), NextMarker: n < 3 ? `m${n}` : undefined };
    });
    classic
      .on(DescribeClassic)
      .resolvesOnce({ LoadBalancerDescriptions: [{ LoadBalancerName: 'c1' }], NextMarker: 'c' })
      .resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'c2' }] });
    const estate = await open();
    const all = await collect(
      estate.listLoadBalancers([
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        'AWS::ElasticLoadBalancing::LoadBalancer',
      ]),
    );
    expect(all.map((lb) => lb.name)).toEqual(['lb-1', 'lb-2', 'lb-3', 'c1', 'c2']);
    expect(markers).toEqual([undefined, 'm1', 'm2']);
  });

  it('paginates listeners of one load balancer and reads them once for every rule', async () => {
    const arn = albArn('web');
    elbv2
      .on(DescribeListenersCommand)
      .resolvesOnce({
        Listeners: [
          { ListenerArn: `${arn}/l1`.replace(':loadbalancer/', ':listener/'), Port: 80, Protocol: 'HTTP' },
        ],
        NextMarker: 'n',
      })
      .resolves({
        Listeners: [
          { ListenerArn: `${arn}/l2`.replace(':loadbalancer/', ':listener/'), Port: 443, Protocol: 'HTTPS' },
        ],
      });
    const estate = await open();
    const lb = {
      kind: 'application',
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      resourceId: arn,
      arn,
      accountId: '1',
      region: 'us-east-1',
      name: 'web',
      scheme: 'internal',
      securityGroupIds: [],
    } as Model;
    const [a, b] = await Promise.all([estate.facet(listeners, lb), estate.facet(listeners, lb)]);
    expect(a.ok && a.value.map((l) => l.port)).toEqual([80, 443]);
    expect(b).toBe(a);
    expect(elbv2.commandCalls(DescribeListenersCommand)).toHaveLength(2);
  });

  it('batches tags 20 load balancers per call and security groups across load balancers', async () => {
    elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((ResourceArn) => ({
        ResourceArn,
        Tags: [{ Key: 'name', Value: ResourceArn.split('/')[2] }],
      })),
    }));
    ec2.on(DescribeSecurityGroupsCommand).callsFake((input: { GroupIds: string[] }) => ({
      SecurityGroups: input.GroupIds.map((GroupId) => ({ GroupId, IpPermissions: [] })),
    }));
    const estate = await open();
    const lbs: Model[] = Array.from({ length: 45 }, (_, i) => ({
      kind: 'application',
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      resourceId: albArn(`lb-${i}`, String(i)),
      arn: albArn(`lb-${i}`, String(i)),
      accountId: '1',
      region: 'us-east-1',
      name: `lb-${i}`,
      scheme: 'internal',
      securityGroupIds: ['sg-shared', `sg-${i % 3}`],
    }));
    const results = await Promise.all(
      lbs.flatMap((lb) => [estate.facet(tags, lb), estate.facet(securityGroups, lb)]),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(elbv2.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length)).toEqual([
      20, 20, 5,
    ]);
    const sgCalls = ec2.commandCalls(DescribeSecurityGroupsCommand);
    expect(sgCalls).toHaveLength(1);
    expect(sgCalls[0]!.args[0].input.GroupIds?.sort()).toEqual(['sg-0', 'sg-1', 'sg-2', 'sg-shared']);
    const first = results[0];
    expect(first?.ok && first.value).toEqual({ name: 'lb-0' });
  });

  it('records a failed read explicitly instead of throwing', async () => {
    elbv2
      .on(DescribeListenersCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const estate = await open();
    const arn = albArn('web');
    const result = await estate.facet(listeners, {
      kind: 'application',
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      resourceId: arn,
      arn,
      accountId: '1',
      region: 'us-east-1',
      name: 'web',
      scheme: 'internal',
      securityGroupIds: [],
    });
    expect(result).toEqual({
      ok: false,
      code: 'AccessDenied',
      reason: 'listeners of web: AccessDenied (not authorized)',
    });
  });
});
