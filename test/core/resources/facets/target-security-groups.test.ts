// The targetSecurityGroups facet against mocked SDK clients: batching across load balancers, the
// primary network interface of an instance, address ownership for IP targets, and missing data.
import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { targetSecurityGroups } from '../../../../rules/core/resources/facets/target-security-groups.js';
import { ACCOUNT, VPC } from '../../../fixtures/network-items.js';
import { lbNamed, open, tgArn } from '../../../support/live-facets.js';

const ec2 = mockClient(EC2Client);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);

function group(groupId: string) {
  return {
    GroupId: groupId,
    GroupName: groupId,
    OwnerId: ACCOUNT,
    VpcId: VPC,
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    IpPermissionsEgress: [],
  };
}

beforeEach(() => {
  ec2.reset();
  elbv2.reset();
  ec2.on(DescribeSecurityGroupsCommand).callsFake(async (input: { GroupIds: string[] }) => ({
    SecurityGroups: input.GroupIds.map(group),
  }));
});
afterEach(() => {
  ec2.reset();
  elbv2.reset();
});

describe('targetSecurityGroups facet', () => {
  function targetGroups(byLb: Record<string, { type: 'instance' | 'ip'; ids: string[] }>) {
    elbv2.on(DescribeTargetGroupsCommand).callsFake(async (input: { LoadBalancerArn: string }) => {
      const name = input.LoadBalancerArn.split('/')[2] ?? '';
      const spec = byLb[name];
      return {
        TargetGroups: [
          {
            TargetGroupArn: tgArn(name),
            TargetGroupName: name,
            TargetType: spec?.type,
            VpcId: VPC,
            Port: 80,
            Protocol: 'HTTP',
          },
        ],
      };
    });
    elbv2.on(DescribeTargetHealthCommand).callsFake(async (input: { TargetGroupArn: string }) => {
      const name = input.TargetGroupArn.split('/')[1] ?? '';
      return {
        TargetHealthDescriptions: (byLb[name]?.ids ?? []).map((Id) => ({
          Target: { Id, Port: 80 },
          TargetHealth: { State: 'healthy' },
        })),
      };
    });
  }

  it('reads the instances of several load balancers in one batched call, using each primary interface’s groups', async () => {
    targetGroups({
      a: { type: 'instance', ids: ['i-01', 'i-02'] },
      b: { type: 'instance', ids: ['i-02', 'i-03'] },
    });
    ec2.on(DescribeInstancesCommand).callsFake(async (input: { InstanceIds: string[] }) => ({
      Reservations: [
        {
          Instances: input.InstanceIds.map((id) => ({
            InstanceId: id,
            VpcId: VPC,
            SecurityGroups: [{ GroupId: 'sg-0union' }],
            NetworkInterfaces: [
              {
                NetworkInterfaceId: `eni-secondary-${id}`,
                Attachment: { DeviceIndex: 1 },
                Groups: [{ GroupId: 'sg-0secondary' }],
              },
              {
                NetworkInterfaceId: `eni-primary-${id}`,
                Attachment: { DeviceIndex: 0 },
                Groups: [{ GroupId: `sg-0${id}` }],
              },
            ],
          })),
        },
      ],
    }));
    const estate = await open();
    const [a, b] = await Promise.all([
      estate.facet(targetSecurityGroups, lbNamed('a')),
      estate.facet(targetSecurityGroups, lbNamed('b')),
    ]);
    expect(a.ok && a.value.byTarget).toEqual({
      'i-01': { found: true, via: 'eni-primary-i-01', groupIds: ['sg-0i-01'] },
      'i-02': { found: true, via: 'eni-primary-i-02', groupIds: ['sg-0i-02'] },
    });
    expect(b.ok && b.value.groups.map((g) => g.groupId)).toEqual(['sg-0i-02', 'sg-0i-03']);
    const calls = ec2.commandCalls(DescribeInstancesCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.InstanceIds).toEqual(['i-01', 'i-02', 'i-03']);
  });

  it('names an instance that no longer exists, without failing the others', async () => {
    targetGroups({ a: { type: 'instance', ids: ['i-01', 'i-gone'] } });
    ec2.on(DescribeInstancesCommand).callsFake(async (input: { InstanceIds: string[] }) => {
      if (input.InstanceIds.includes('i-gone'))
        throw Object.assign(new Error("The instance ID 'i-gone' does not exist"), {
          name: 'InvalidInstanceID.NotFound',
        });
      return {
        Reservations: [{ Instances: [{ InstanceId: 'i-01', SecurityGroups: [{ GroupId: 'sg-0a' }] }] }],
      };
    });
    const result = await (await open()).facet(targetSecurityGroups, lbNamed('a'));
    expect(result.ok && result.value.byTarget).toEqual({
      'i-01': { found: true, via: 'i-01', groupIds: ['sg-0a'] },
      'i-gone': { found: false, reason: 'instance i-gone not found' },
    });
  });

  it('finds IP targets by the interface holding the address, preferring the target group’s VPC', async () => {
    targetGroups({ a: { type: 'ip', ids: ['10.0.1.5', '10.0.1.6', '10.0.1.7', '192.168.1.1'] } });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-here',
          VpcId: VPC,
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.5' }],
          Groups: [{ GroupId: 'sg-0here' }],
        },
        {
          NetworkInterfaceId: 'eni-peer',
          VpcId: 'vpc-0peer',
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.5' }],
          Groups: [{ GroupId: 'sg-0peer' }],
        },
        {
          NetworkInterfaceId: 'eni-secondary-ip',
          VpcId: VPC,
          PrivateIpAddress: '10.0.1.99',
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.99' }, { PrivateIpAddress: '10.0.1.6' }],
          Groups: [{ GroupId: 'sg-0two' }],
        },
        {
          NetworkInterfaceId: 'eni-x',
          VpcId: 'vpc-0x',
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.7' }],
          Groups: [],
        },
        {
          NetworkInterfaceId: 'eni-y',
          VpcId: 'vpc-0y',
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.7' }],
          Groups: [],
        },
      ],
    });
    const result = await (await open()).facet(targetSecurityGroups, lbNamed('a'));
    expect(result.ok && result.value.byTarget).toEqual({
      '10.0.1.5': { found: true, via: 'eni-here', groupIds: ['sg-0here'] },
      '10.0.1.6': { found: true, via: 'eni-secondary-ip', groupIds: ['sg-0two'] },
      '10.0.1.7': {
        found: false,
        reason: 'IP target 10.0.1.7: 2 network interfaces hold this address (eni-x, eni-y)',
      },
      '192.168.1.1': {
        found: false,
        reason: 'IP target 192.168.1.1: no network interface in this account holds it',
      },
    });
    const calls = ec2.commandCalls(DescribeNetworkInterfacesCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.Filters).toEqual([
      { Name: 'addresses.private-ip-address', Values: ['10.0.1.5', '10.0.1.6', '10.0.1.7', '192.168.1.1'] },
    ]);
  });

  it('fails the facet when a target’s security group cannot be read', async () => {
    targetGroups({ a: { type: 'instance', ids: ['i-01'] } });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: 'i-01', SecurityGroups: [{ GroupId: 'sg-0secret' }] }] }],
    });
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'UnauthorizedOperation' }));
    const result = await (await open()).facet(targetSecurityGroups, lbNamed('a'));
    expect(result).toMatchObject({ ok: false, code: 'UnauthorizedOperation' });
  });
});
