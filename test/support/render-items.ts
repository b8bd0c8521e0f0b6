// Configuration items rendered from recorded models, shaped as AWS Config records them, so a
// recorded estate can be replayed as change notifications.
import type {
  ClassicPolicy,
  LoadBalancer,
  SecurityGroup,
  SecurityGroupPermission,
} from '../../rules/core/model/model.js';

function envelope(resourceType: string, resourceId: string, lb: { accountId: string; region: string }) {
  return {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: '2026-11-20T10:00:00.000Z',
    configurationItemStatus: 'OK',
    awsAccountId: lb.accountId,
    awsRegion: lb.region,
    resourceType,
    resourceId,
    relationships: [],
  };
}

const typed = (value: string): unknown =>
  value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;

const CLASSIC_GROUPS = new Set([
  'accessLog',
  'crossZoneLoadBalancing',
  'connectionDraining',
  'connectionSettings',
]);

function classicAttributesItem(flat: Record<string, string>) {
  const out: Record<string, unknown> = {};
  const additional: { key: string; value: string }[] = [];
  for (const [key, value] of Object.entries(flat)) {
    const [group, name, ...rest] = key.split('.');
    if (group && name && rest.length === 0 && CLASSIC_GROUPS.has(group)) {
      out[group] ??= {};
      const target = out[group] as Record<string, unknown>;
      target[name] = typed(value);
    } else additional.push({ key, value });
  }
  return { ...out, additionalAttributes: additional };
}

export function loadBalancerItem(lb: LoadBalancer, facets: Record<string, unknown>) {
  const attributes = facets.attributes as Record<string, string> | undefined;
  const tags = (facets.tags as Record<string, string> | undefined) ?? {};
  const zones = facets.availabilityZones as string[] | undefined;
  if (lb.kind === 'classic') {
    const policies = facets.classicPolicies as ClassicPolicy[] | undefined;
    return {
      ...envelope('AWS::ElasticLoadBalancing::LoadBalancer', lb.resourceId, lb),
      resourceName: lb.name,
      configuration: {
        loadBalancerName: lb.name,
        dNSName: lb.dnsName,
        vPCId: lb.vpcId,
        scheme: lb.scheme,
        securityGroups: lb.securityGroupIds,
        listenerDescriptions: lb.listeners.map((l) => ({
          listener: {
            protocol: l.protocol,
            loadBalancerPort: l.port,
            instanceProtocol: l.instanceProtocol,
            instancePort: l.instancePort,
            ...(l.sslCertificateId ? { sSLCertificateId: l.sslCertificateId } : {}),
          },
          policyNames: l.policyNames,
        })),
        instances: lb.instanceIds.map((instanceId) => ({ instanceId })),
        healthCheck: { target: lb.healthCheckTarget ?? 'TCP:80' },
        ...(zones ? { availabilityZones: zones } : {}),
      },
      supplementaryConfiguration: {
        ...(attributes ? { LoadBalancerAttributes: classicAttributesItem(attributes) } : {}),
        ...(policies
          ? {
              LoadBalancerPolicies: policies.map((p) => ({
                policyName: p.name,
                policyTypeName: p.typeName,
                policyAttributeDescriptions: Object.entries(p.attributes).map(
                  ([attributeName, attributeValue]) => ({ attributeName, attributeValue }),
                ),
              })),
            }
          : {}),
      },
      tags,
    };
  }
  return {
    ...envelope('AWS::ElasticLoadBalancingV2::LoadBalancer', lb.resourceId, lb),
    ARN: lb.arn,
    resourceName: lb.name,
    configuration: {
      loadBalancerArn: lb.arn,
      loadBalancerName: lb.name,
      type: lb.kind,
      scheme: lb.scheme,
      vpcId: lb.vpcId,
      securityGroups: lb.securityGroupIds,
      dNSName: lb.dnsName,
      ipAddressType: lb.ipAddressType ?? 'ipv4',
      state: { code: lb.state ?? 'active' },
      ...(zones
        ? {
            availabilityZones: zones.map((zoneName) => ({
              zoneName,
              subnetId: `subnet-${zoneName}`,
              loadBalancerAddresses: [],
            })),
          }
        : {}),
    },
    supplementaryConfiguration: attributes
      ? { LoadBalancerAttributes: Object.entries(attributes).map(([key, value]) => ({ key, value })) }
      : {},
    tags,
  };
}

function permission(p: SecurityGroupPermission) {
  return {
    ipProtocol: p.protocol,
    ...(p.fromPort !== undefined ? { fromPort: p.fromPort } : {}),
    ...(p.toPort !== undefined ? { toPort: p.toPort } : {}),
    ipRanges: p.ipv4Ranges.map((r) => r.cidr),
    ipv4Ranges: p.ipv4Ranges.map((r) => ({ cidrIp: r.cidr })),
    ipv6Ranges: p.ipv6Ranges.map((r) => ({ cidrIpv6: r.cidr })),
    prefixListIds: p.prefixListIds.map((prefixListId) => ({ prefixListId })),
    userIdGroupPairs: p.groupPairs.map((g) => ({ ...g })),
  };
}

export function securityGroupItem(group: SecurityGroup, where: { accountId: string; region: string }) {
  return {
    ...envelope('AWS::EC2::SecurityGroup', group.groupId, where),
    configuration: {
      groupId: group.groupId,
      groupName: group.groupName,
      vpcId: group.vpcId,
      ownerId: group.ownerId,
      ipPermissions: group.ingress.map(permission),
      ipPermissionsEgress: group.egress.map(permission),
    },
    supplementaryConfiguration: {},
    tags: {},
  };
}
