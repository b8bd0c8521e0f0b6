// Typed models of what the rules judge. Every source (Config items, describe APIs, snapshots)
// normalises into these shapes, so a rule never sees a casing quirk or an SDK type.

export const ELBV2_LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const ELBV2_LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const CLASSIC_LOAD_BALANCER = 'AWS::ElasticLoadBalancing::LoadBalancer';
export const ELBV2_TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
export const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';

/** Resource types a rule can report compliance on. */
export type ReportedResourceType = typeof ELBV2_LOAD_BALANCER | typeof CLASSIC_LOAD_BALANCER;
/** Parts of a load balancer Config records as resources of their own, which a rule may report on one by one. */
export type ChildResourceType = typeof ELBV2_LISTENER | typeof ELBV2_TARGET_GROUP;
/** Resource types whose Config changes can trigger a rule. */
export type TriggerResourceType = ReportedResourceType | ChildResourceType | typeof SECURITY_GROUP;

export type ElbV2Kind = 'application' | 'network' | 'gateway';
export type LoadBalancerKind = ElbV2Kind | 'classic';
export type Scheme = 'internet-facing' | 'internal';

interface LoadBalancerCommon {
  accountId: string;
  region: string;
  name: string;
  scheme: Scheme;
  vpcId?: string;
  securityGroupIds: string[];
  dnsName?: string;
}

export interface ElbV2LoadBalancer extends LoadBalancerCommon {
  kind: ElbV2Kind;
  resourceType: typeof ELBV2_LOAD_BALANCER;
  /** The load balancer ARN: Config's resource id for ELBv2. */
  resourceId: string;
  arn: string;
  ipAddressType?: string;
  state?: string;
}

export interface ClassicListener {
  protocol: string;
  port: number;
  instanceProtocol: string;
  instancePort: number;
  sslCertificateId?: string;
  policyNames: string[];
}

export interface ClassicLoadBalancer extends LoadBalancerCommon {
  kind: 'classic';
  resourceType: typeof CLASSIC_LOAD_BALANCER;
  /** The load balancer name: Config's resource id for Classic. */
  resourceId: string;
  listeners: ClassicListener[];
  instanceIds: string[];
  healthCheckTarget?: string;
}

export type LoadBalancer = ElbV2LoadBalancer | ClassicLoadBalancer;

export interface RedirectConfig {
  protocol?: string;
  port?: string;
  host?: string;
  path?: string;
  query?: string;
  statusCode?: string;
}

export interface FixedResponseConfig {
  statusCode?: string;
  contentType?: string;
  messageBody?: string;
}

export interface ListenerAction {
  type: string;
  order?: number;
  targetGroupArns: string[];
  redirect?: RedirectConfig;
  fixedResponse?: FixedResponseConfig;
}

export interface ListenerCertificate {
  arn: string;
  isDefault: boolean;
}

export interface ElbV2Listener {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  sslPolicy?: string;
  certificates: ListenerCertificate[];
  alpnPolicy: string[];
  defaultActions: ListenerAction[];
}

/** ALB and NLB listener protocols that terminate TLS: they carry a certificate and an SSL policy. */
export const ELBV2_TLS_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'TLS']);

export interface ListenerRule {
  arn: string;
  priority: string;
  isDefault: boolean;
  /** Condition fields with their values, for annotations ("path-pattern=/admin/*"). */
  conditions: string[];
  actions: ListenerAction[];
}

export interface IpRange {
  cidr: string;
  description?: string;
}

export interface SecurityGroupPermission {
  /** "-1" means every protocol and port; otherwise tcp, udp, icmp, icmpv6 or a protocol number. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: IpRange[];
  ipv6Ranges: IpRange[];
  prefixListIds: string[];
  groupPairs: { groupId?: string; userId?: string; groupName?: string }[];
}

export interface SecurityGroup {
  groupId: string;
  groupName?: string;
  vpcId?: string;
  ownerId?: string;
  ingress: SecurityGroupPermission[];
  egress: SecurityGroupPermission[];
}

export interface ClassicPolicy {
  name: string;
  typeName: string;
  /** Attribute values as ELB reports them: strings such as "true" or "ELBSecurityPolicy-TLS-1-2-2017-01". */
  attributes: Record<string, string>;
}

/** How a resource is addressed in Config: its type and id. */
export interface ResourceRef {
  resourceType: string;
  resourceId: string;
}

export function describeKind(kind: LoadBalancerKind): string {
  switch (kind) {
    case 'application':
      return 'Application Load Balancer';
    case 'network':
      return 'Network Load Balancer';
    case 'gateway':
      return 'Gateway Load Balancer';
    case 'classic':
      return 'Classic Load Balancer';
  }
}
