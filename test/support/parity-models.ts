// Load balancers, listeners and security groups as the model holds them, for parity tables: each
// case says only what the control's text turns on.
import type {
  ClassicListener,
  ClassicLoadBalancer,
  ElbV2Kind,
  ElbV2Listener,
  ElbV2LoadBalancer,
  ListenerAction,
  LoadBalancer,
  SecurityGroup,
  SecurityGroupPermission,
} from '../../rules/core/model/model.js';
import type { TargetGroup } from '../../rules/core/resources/normalize/targets.js';
import { classicItem, elbv2Item, loadBalancerOf, targetGroupArn } from '../fixtures/network-items.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const SHORT: Record<ElbV2Kind, string> = { application: 'app', network: 'net', gateway: 'gwy' };

export function elbv2(
  kind: ElbV2Kind,
  name: string,
  options: { scheme?: 'internet-facing' | 'internal'; securityGroupIds?: string[] } = {},
): ElbV2LoadBalancer {
  const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${SHORT[kind]}/${name}/50dc6c495c0c9188`;
  return {
    kind,
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    resourceId: arn,
    arn,
    accountId: ACCOUNT,
    region: REGION,
    name,
    scheme: options.scheme ?? 'internet-facing',
    securityGroupIds: options.securityGroupIds ?? [],
  };
}

export function classic(
  name: string,
  listeners: ClassicListener[],
  options: { securityGroupIds?: string[] } = {},
): ClassicLoadBalancer {
  return {
    kind: 'classic',
    resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
    resourceId: name,
    accountId: ACCOUNT,
    region: REGION,
    name,
    scheme: 'internet-facing',
    securityGroupIds: options.securityGroupIds ?? [],
    listeners,
    instanceIds: [],
  };
}

export const ACM_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
export const IAM_CERTIFICATE = `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-2026`;

export function classicListener(
  protocol: string,
  port: number,
  options: { certificate?: string; policyNames?: string[] } = {},
): ClassicListener {
  const secure = protocol === 'HTTPS' || protocol === 'SSL';
  return {
    protocol,
    port,
    instanceProtocol: protocol === 'HTTPS' || protocol === 'HTTP' ? 'HTTP' : 'TCP',
    instancePort: 8080,
    ...(secure ? { sslCertificateId: options.certificate ?? ACM_CERTIFICATE } : {}),
    policyNames: options.policyNames ?? [],
  };
}

export const forward: ListenerAction = {
  type: 'forward',
  targetGroupArns: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/0123456789abcdef`],
};
export const redirectToHttps: ListenerAction = {
  type: 'redirect',
  targetGroupArns: [],
  redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
};
export const fixedResponse: ListenerAction = {
  type: 'fixed-response',
  targetGroupArns: [],
  fixedResponse: { statusCode: '404', contentType: 'text/plain' },
};

export function listener(
  lb: ElbV2LoadBalancer,
  protocol: string,
  port: number,
  options: { sslPolicy?: string; actions?: ListenerAction[] } = {},
): ElbV2Listener {
  return {
    arn: `${lb.arn.replace(':loadbalancer/', ':listener/')}/${port.toString(16).padStart(16, '0')}`,
    loadBalancerArn: lb.arn,
    port,
    protocol,
    ...(options.sslPolicy ? { sslPolicy: options.sslPolicy } : {}),
    certificates:
      protocol === 'HTTPS' || protocol === 'TLS' ? [{ arn: ACM_CERTIFICATE, isDefault: true }] : [],
    alpnPolicy: [],
    defaultActions: options.actions ?? [forward],
  } as ElbV2Listener;
}

/** One ingress permission; `from`/`to` undefined for protocol -1. */
export function ingress(
  protocol: string,
  from: number | undefined,
  to: number | undefined,
  cidrs: string[],
): SecurityGroupPermission {
  return {
    protocol,
    ...(from === undefined ? {} : { fromPort: from }),
    ...(to === undefined ? {} : { toPort: to }),
    ipv4Ranges: cidrs.filter((c) => !c.includes(':')).map((cidr) => ({ cidr })),
    ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((cidr) => ({ cidr })),
    prefixListIds: [],
    groupPairs: [],
  };
}

export function securityGroup(groupId: string, permissions: SecurityGroupPermission[]): SecurityGroup {
  return { groupId, groupName: groupId, ownerId: ACCOUNT, ingress: permissions, egress: [] };
}

export const NO_DESCRIBED_TLS_POLICIES = { described: [], missing: [] };

/**
 * Load balancers read from Config items (test/fixtures/network-items.ts, us-east-1), for tables whose
 * rule reads what only an item carries: Availability Zones, tags.
 */
export function elbv2FromItem(
  kind: ElbV2Kind,
  options: { name?: string; tags?: Record<string, string> } = {},
): LoadBalancer {
  const name = options.name ?? `${kind.slice(0, 3)}-lb`;
  return loadBalancerOf(elbv2Item({ name, type: kind, tags: options.tags })).lb;
}

/** A Classic load balancer with one HTTP:80 listener, read from its Config item. */
export function classicFromItem(name = 'legacy'): LoadBalancer {
  return loadBalancerOf(classicItem({ name, listeners: [{ protocol: 'HTTP', port: 80, instancePort: 80 }] }))
    .lb;
}

/**
 * A target group as the targets facet holds it: its protocol (port 443 when it has one), its health
 * check's protocol (the check is off when none is given) and no targets. arnOf names its ARN.
 */
export function targetGroupModel(
  name: string,
  protocol: string | undefined,
  healthCheckProtocol: string | undefined,
  targetType = 'instance',
  arnOf: (name: string) => string = targetGroupArn,
): TargetGroup {
  return {
    arn: arnOf(name),
    name,
    targetType,
    protocol,
    port: protocol ? 443 : undefined,
    healthCheck: { enabled: healthCheckProtocol !== undefined, protocol: healthCheckProtocol },
    targets: [],
  };
}
