// Real-shaped AWS Config configuration items (the casing Config uses for each type), turned
// into models by the project's own normalisers, so the rules are tested on what Config sends.
import { judge, ruleParameters } from '../../rules/engine/judge.js';
import type { AnyRule } from '../../rules/engine/rule.js';
import {
  type ConfigurationItem,
  normalizeConfigurationItem,
} from '../../rules/resources/config-item/item.js';
import { subjectOf } from '../../rules/resources/config-item/to-model.js';
import type { ElbV2Listener, LoadBalancer, SecurityGroup } from '../../rules/resources/model.js';
import { SnapshotEstate } from '../../rules/resources/snapshot/snapshot-estate.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const VPC = 'vpc-0a1b2c3d4e5f60789';
const CAPTURE = '2026-11-20T10:00:00.000Z';

function envelope(
  resourceType: string,
  resourceId: string,
  name: string,
  configuration: unknown,
  extra = {},
) {
  return {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: CAPTURE,
    configurationStateId: 1763632800000,
    configurationItemStatus: 'OK',
    configurationStateMd5Hash: '',
    awsAccountId: ACCOUNT,
    awsRegion: REGION,
    availabilityZone: 'Multiple Availability Zones',
    resourceType,
    resourceId,
    resourceName: name,
    relatedEvents: [],
    relationships: [],
    tags: {},
    configuration,
    supplementaryConfiguration: {},
    ...extra,
  };
}

export function elbv2Arn(name: string, kind: 'app' | 'net' = 'app'): string {
  return `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
}

export function elbv2Item(options: {
  name: string;
  type?: 'application' | 'network' | 'gateway';
  scheme?: 'internet-facing' | 'internal';
  securityGroups?: string[];
  attributes?: Record<string, string>;
  tags?: Record<string, string>;
}) {
  const type = options.type ?? 'application';
  const arn = elbv2Arn(options.name, type === 'network' ? 'net' : 'app');
  return envelope(
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    arn,
    options.name,
    {
      loadBalancerArn: arn,
      dNSName: `${options.name}-1234567890.${REGION}.elb.amazonaws.com`,
      canonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      createdTime: '2025-03-01T09:00:00.000Z',
      loadBalancerName: options.name,
      scheme: options.scheme ?? 'internet-facing',
      vpcId: VPC,
      state: { code: 'active' },
      type,
      availabilityZones: [
        { zoneName: 'us-east-1a', subnetId: 'subnet-0aaa', loadBalancerAddresses: [] },
        { zoneName: 'us-east-1b', subnetId: 'subnet-0bbb', loadBalancerAddresses: [] },
      ],
      securityGroups: options.securityGroups ?? [],
      ipAddressType: 'ipv4',
    },
    {
      ARN: arn,
      tags: options.tags ?? {},
      supplementaryConfiguration: {
        LoadBalancerAttributes: Object.entries(options.attributes ?? {}).map(([key, value]) => ({
          key,
          value,
        })),
      },
    },
  );
}

export function listenerItem(lbArn: string, protocol: string, port: number) {
  const arn = `${lbArn.replace(':loadbalancer/', ':listener/')}/${(port * 7919).toString(16).padStart(16, '0')}`;
  return envelope('AWS::ElasticLoadBalancingV2::Listener', arn, '', {
    ListenerArn: arn,
    LoadBalancerArn: lbArn,
    Port: port,
    Protocol: protocol,
    DefaultActions: [
      { Type: 'forward', TargetGroupArn: `${lbArn.replace(':loadbalancer/app/', ':targetgroup/')}` },
    ],
  });
}

export function classicItem(options: {
  name: string;
  scheme?: 'internet-facing' | 'internal';
  securityGroups?: string[];
  listeners: { protocol: string; port: number; instancePort: number; instanceProtocol?: string }[];
  instances?: string[];
  healthCheckTarget?: string;
  attributes?: Record<string, unknown>;
}) {
  return envelope(
    'AWS::ElasticLoadBalancing::LoadBalancer',
    options.name,
    options.name,
    {
      loadBalancerName: options.name,
      dnsname: `${options.name}-123.${REGION}.elb.amazonaws.com`,
      canonicalHostedZoneName: `${options.name}-123.${REGION}.elb.amazonaws.com`,
      listenerDescriptions: options.listeners.map((l) => ({
        listener: {
          protocol: l.protocol,
          loadBalancerPort: l.port,
          instanceProtocol: l.instanceProtocol ?? l.protocol,
          instancePort: l.instancePort,
        },
        policyNames: [],
      })),
      policies: { appCookieStickinessPolicies: [], lbcookieStickinessPolicies: [], otherPolicies: [] },
      backendServerDescriptions: [],
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      subnets: ['subnet-0aaa', 'subnet-0bbb'],
      vpcid: VPC,
      instances: (options.instances ?? []).map((instanceId) => ({ instanceId })),
      healthCheck: {
        target: options.healthCheckTarget ?? 'HTTP:80/health',
        interval: 30,
        timeout: 5,
        unhealthyThreshold: 2,
        healthyThreshold: 10,
      },
      sourceSecurityGroup: { ownerAlias: ACCOUNT, groupName: 'default_elb' },
      securityGroups: options.securityGroups ?? [],
      createdTime: '2019-01-01T00:00:00.000Z',
      scheme: options.scheme ?? 'internet-facing',
    },
    options.attributes ? { supplementaryConfiguration: { LoadBalancerAttributes: options.attributes } } : {},
  );
}

export interface PermissionSpec {
  protocol: string;
  from?: number;
  to?: number;
  v4?: string[];
  v6?: string[];
  prefixLists?: string[];
  groups?: { groupId: string; userId?: string }[];
}

/** One ingress permission as Config records it: ipRanges as plain strings, repeated in ipv4Ranges. */
export function permission(spec: PermissionSpec) {
  return {
    ipProtocol: spec.protocol,
    ...(spec.from === undefined ? {} : { fromPort: spec.from }),
    ...(spec.to === undefined ? {} : { toPort: spec.to }),
    userIdGroupPairs: (spec.groups ?? []).map((g) => ({ groupId: g.groupId, userId: g.userId ?? ACCOUNT })),
    ipv4Ranges: (spec.v4 ?? []).map((cidrIp) => ({ cidrIp })),
    ipv6Ranges: (spec.v6 ?? []).map((cidrIpv6) => ({ cidrIpv6 })),
    prefixListIds: (spec.prefixLists ?? []).map((prefixListId) => ({ prefixListId })),
    ipRanges: spec.v4 ?? [],
  };
}

/** A TCP permission on one port or a range. */
export const tcp = (from: number, to: number, sources: Omit<PermissionSpec, 'protocol' | 'from' | 'to'>) =>
  permission({ protocol: 'tcp', from, to, ...sources });

export function securityGroupItem(groupId: string, groupName: string, ingress: unknown[]) {
  return envelope(
    'AWS::EC2::SecurityGroup',
    groupId,
    groupName,
    {
      ownerId: ACCOUNT,
      groupName,
      groupId,
      description: `${groupName} security group`,
      ipPermissions: ingress,
      ipPermissionsEgress: [permission({ protocol: '-1', v4: ['0.0.0.0/0'] })],
      vpcId: VPC,
      tags: [],
    },
    { ARN: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${groupId}` },
  );
}

export function item(raw: unknown): ConfigurationItem {
  return normalizeConfigurationItem(raw);
}

export function loadBalancerOf(raw: unknown): { lb: LoadBalancer; carried: Record<string, unknown> } {
  const subject = subjectOf(item(raw));
  if (subject.type !== 'loadBalancer') throw new Error('not a load balancer item');
  return {
    lb: subject.lb,
    carried: Object.fromEntries(subject.carried.map((c) => [c.facet.key, c.value])),
  };
}

export function securityGroupOf(raw: unknown): SecurityGroup {
  const subject = subjectOf(item(raw));
  if (subject.type !== 'securityGroup') throw new Error('not a security group item');
  return subject.group;
}

export function listenerOf(raw: unknown): ElbV2Listener {
  const subject = subjectOf(item(raw));
  if (subject.type !== 'listener') throw new Error('not a listener item');
  return subject.listener;
}

/** Judges one load balancer with the given facet values, as the Lambda and the CLI do. */
export async function judgeWith(
  rule: AnyRule,
  lb: LoadBalancer,
  facets: Record<string, unknown>,
  params: Record<string, unknown> = {},
) {
  const estate = new SnapshotEstate({
    accountId: ACCOUNT,
    region: REGION,
    loadBalancers: [{ loadBalancer: lb, facets }],
  });
  return judge(rule, lb, estate, ruleParameters(rule, params), new Date(CAPTURE));
}
