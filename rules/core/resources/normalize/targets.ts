// Target groups, registered targets and their health, from ELBv2's DescribeTargetGroups and
// DescribeTargetHealth or Classic's DescribeInstanceHealth; and the EC2 shapes that tell which
// security groups guard a target (instances, network interfaces).
import type { ClassicLoadBalancer } from '../../model/model.js';
import { child, list, num, str } from '../shape.js';

/** ELBv2's vocabulary; Classic's InService, OutOfService and Unknown are mapped into it. */
export type TargetState =
  | 'initial'
  | 'healthy'
  | 'unhealthy'
  | 'unhealthy.draining'
  | 'unused'
  | 'draining'
  | 'unavailable';

export const TARGET_STATES: readonly TargetState[] = [
  'initial',
  'healthy',
  'unhealthy',
  'unhealthy.draining',
  'unused',
  'draining',
  'unavailable',
];

export interface TargetHealth {
  state: string;
  /** Target.FailedHealthChecks, Target.Timeout, Elb.InternalError...; Classic's "Instance" or "ELB". */
  reason?: string;
  description?: string;
}

export interface RegisteredTarget {
  /** Instance id, IP address, Lambda function ARN or ALB ARN. */
  id: string;
  /** The port traffic goes to (ELBv2); Classic instances take every listener's instance port. */
  port?: number;
  /** The port health checks go to, when ELB reports it. */
  healthCheckPort?: number;
  /** "all" for an IP target outside the load balancer's VPC. */
  availabilityZone?: string;
  health: TargetHealth;
}

export interface TargetGroup {
  /** Absent for a Classic load balancer's registered instances. */
  arn?: string;
  name: string;
  /** instance | ip | lambda | alb */
  targetType: string;
  protocol?: string;
  port?: number;
  vpcId?: string;
  healthCheck: { enabled: boolean; protocol?: string; port?: string };
  targets: RegisteredTarget[];
}

export function targetGroup(raw: unknown, health: readonly unknown[]): TargetGroup {
  const arn = str(raw, 'TargetGroupArn');
  if (!arn) throw new Error('Target group has no TargetGroupArn');
  return {
    arn,
    name: str(raw, 'TargetGroupName') ?? arn.split('/')[1] ?? arn,
    targetType: (str(raw, 'TargetType') ?? 'instance').toLowerCase(),
    protocol: str(raw, 'Protocol')?.toUpperCase(),
    port: num(raw, 'Port'),
    vpcId: str(raw, 'VpcId'),
    healthCheck: {
      enabled: str(raw, 'HealthCheckEnabled') !== 'false',
      protocol: str(raw, 'HealthCheckProtocol')?.toUpperCase(),
      port: str(raw, 'HealthCheckPort'),
    },
    targets: health.flatMap((description) => {
      const target = child(description, 'Target');
      const id = str(target, 'Id');
      if (!id) return [];
      const state = child(description, 'TargetHealth');
      return [
        {
          id,
          port: num(target, 'Port'),
          healthCheckPort: num(description, 'HealthCheckPort'),
          availabilityZone: str(target, 'AvailabilityZone'),
          health: {
            state: (str(state, 'State') ?? 'unavailable').toLowerCase(),
            reason: str(state, 'Reason') || undefined,
            description: str(state, 'Description') || undefined,
          },
        },
      ];
    }),
  };
}

const CLASSIC_STATES: Record<string, TargetState> = {
  InService: 'healthy',
  OutOfService: 'unhealthy',
  Unknown: 'unavailable',
};

/** A Classic load balancer's registered instances as one target group. */
export function classicTargets(lb: ClassicLoadBalancer, instanceStates: readonly unknown[]): TargetGroup {
  const health = new Map<string, TargetHealth>();
  for (const raw of instanceStates) {
    const id = str(raw, 'InstanceId');
    if (!id) continue;
    const reason = str(raw, 'ReasonCode');
    const description = str(raw, 'Description');
    health.set(id, {
      state: CLASSIC_STATES[str(raw, 'State') ?? 'Unknown'] ?? 'unavailable',
      reason: reason && reason !== 'N/A' ? reason : undefined,
      description: description && description !== 'N/A' ? description : undefined,
    });
  }
  const check = parseHealthCheckTarget(lb.healthCheckTarget);
  const ids = [...new Set([...lb.instanceIds, ...health.keys()])];
  return {
    name: 'registered instances',
    targetType: 'instance',
    vpcId: lb.vpcId,
    healthCheck: { enabled: check !== undefined, protocol: check?.protocol, port: check?.port },
    targets: ids.map((id) => ({
      id,
      healthCheckPort: check?.port ? Number(check.port) : undefined,
      health: health.get(id) ?? { state: 'unavailable', reason: 'NotReported' },
    })),
  };
}

/** "HTTP:80/health" → HTTP, 80; "TCP:5000" → TCP, 5000. */
export function parseHealthCheckTarget(
  target: string | undefined,
): { protocol: string; port: string } | undefined {
  const match = /^([A-Za-z]+):(\d+)/.exec(target ?? '');
  return match ? { protocol: match[1]!.toUpperCase(), port: match[2]! } : undefined;
}

/** The security groups of an instance's primary network interface, which receives its load balancer traffic. */
export function instanceGroups(raw: unknown): {
  instanceId: string;
  vpcId?: string;
  eniId?: string;
  groupIds: string[];
} {
  const instanceId = str(raw, 'InstanceId') ?? '';
  const primary = list(raw, 'NetworkInterfaces').find(
    (eni) => num(child(eni, 'Attachment'), 'DeviceIndex') === 0,
  );
  const groups = primary ? list(primary, 'Groups') : list(raw, 'SecurityGroups');
  return {
    instanceId,
    vpcId: str(raw, 'VpcId'),
    eniId: primary ? str(primary, 'NetworkInterfaceId') : undefined,
    groupIds: groupIdsOf(groups),
  };
}

export interface NetworkInterfaceSummary {
  eniId: string;
  vpcId?: string;
  ownerId?: string;
  /** Private IPv4 and IPv6 addresses the interface holds. */
  addresses: string[];
  groupIds: string[];
}

export function networkInterface(raw: unknown): NetworkInterfaceSummary {
  const addresses = [
    ...list(raw, 'PrivateIpAddresses').flatMap((a) => str(a, 'PrivateIpAddress') ?? []),
    ...list(raw, 'Ipv6Addresses').flatMap((a) => str(a, 'Ipv6Address') ?? []),
  ];
  const primary = str(raw, 'PrivateIpAddress');
  if (primary && !addresses.includes(primary)) addresses.push(primary);
  return {
    eniId: str(raw, 'NetworkInterfaceId') ?? '',
    vpcId: str(raw, 'VpcId'),
    ownerId: str(raw, 'OwnerId'),
    addresses,
    groupIds: groupIdsOf(list(raw, 'Groups')),
  };
}

function groupIdsOf(groups: unknown[]): string[] {
  return groups.flatMap((g) => str(g, 'GroupId') ?? []);
}
