// The target facets against mocked SDK clients: batching across load balancers, the primary
// network interface of an instance, address ownership for IP targets, and missing data.
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
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionalAws } from '../../rules/core/aws/regional-aws.js';
import type { LoadBalancer } from '../../rules/core/model/model.js';
import { targetSecurityGroups } from '../../rules/core/resources/facets/target-security-groups.js';
import { targets } from '../../rules/core/resources/facets/targets.js';
import { webAcl } from '../../rules/core/resources/facets/web-acl.js';
import { LiveEstate } from '../../rules/core/resources/live/live-estate.js';
import { ACCOUNT, elbv2Arn, elbv2Item, loadBalancerOf, REGION, VPC } from '../fixtures/network-items.js';

const ec2 = mockClient(EC2Client);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const wafv2 = mockClient(WAFV2Client);

const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/0123456789abcdef`;

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

async function open() {
  return LiveEstate.open(new RegionalAws({ region: REGION, accountId: ACCOUNT }));
}

const lbNamed = (name: string): LoadBalancer => loadBalancerOf(elbv2Item({ name })).lb;

beforeEach(() => {
  ec2.reset();
  elbv2.reset();
  wafv2.reset();
  ec2.on(DescribeSecurityGroupsCommand).callsFake(async (input: { GroupIds: string[] }) => ({
    SecurityGroups: input.GroupIds.map(group),
  }));
});
afterEach(() => {
  ec2.reset();
  elbv2.reset();
  wafv2.reset();
});

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

describe('webAcl facet', () => {
  it('returns the associated web ACL, or null when there is none', async () => {
    const arn = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1234`;
    wafv2
      .on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('protected') })
      .resolves({ WebACL: { ARN: arn, Name: 'edge', Id: '1234' } as never });
    wafv2.on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('bare') }).resolves({});
    const estate = await open();
    expect(await estate.facet(webAcl, lbNamed('protected'))).toEqual({
      ok: true,
      value: { arn, name: 'edge', id: '1234' },
    });
    expect(await estate.facet(webAcl, lbNamed('bare'))).toEqual({ ok: true, value: null });
  });

  it('asks for every IAM action the GetWebACLForResource API needs on an ALB', () => {
    // Service Authorization Reference, AWS WAF V2, API operation GetWebACLForResource.
    expect(webAcl.iamActions).toEqual(
      expect.arrayContaining([
        'wafv2:GetWebACLForResource',
        'wafv2:GetWebACL',
        'elasticloadbalancing:GetLoadBalancerWebACL',
      ]),
    );
  });

  it('does not call WAF for a load balancer it cannot protect', async () => {
    const nlb = loadBalancerOf(elbv2Item({ name: 'nlb', type: 'network' })).lb;
    expect(await (await open()).facet(webAcl, nlb)).toEqual({ ok: true, value: null });
    expect(wafv2.calls()).toHaveLength(0);
  });
});
