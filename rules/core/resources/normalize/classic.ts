// Classic load balancer shapes into models. Describe APIs say VPCId and SSLCertificateId; Config
// items say vpcid, vPCId, sslcertificateId or sSLCertificateId. Case-blind readers take them all.
import {
  CLASSIC_LOAD_BALANCER,
  type ClassicListener,
  type ClassicLoadBalancer,
  type ClassicPolicy,
} from '../../model/model.js';
import { child, isObject, list, num, str, strings } from '../shape.js';
import { schemeOf } from './scheme.js';

export function classicLoadBalancer(raw: unknown, accountId: string, region: string): ClassicLoadBalancer {
  const name = str(raw, 'LoadBalancerName');
  if (!name) throw new Error('Classic load balancer has no LoadBalancerName');
  return {
    kind: 'classic',
    resourceType: CLASSIC_LOAD_BALANCER,
    resourceId: name,
    accountId,
    region,
    name,
    scheme: schemeOf(str(raw, 'Scheme')),
    vpcId: str(raw, 'VPCId', 'VpcId'),
    securityGroupIds: strings(raw, 'SecurityGroups'),
    dnsName: str(raw, 'DNSName'),
    listeners: list(raw, 'ListenerDescriptions').map(classicListener),
    instanceIds: list(raw, 'Instances').flatMap((i) => {
      const id = typeof i === 'string' ? i : str(i, 'InstanceId');
      return id ? [id] : [];
    }),
    healthCheckTarget: str(child(raw, 'HealthCheck'), 'Target'),
  };
}

function classicListener(description: unknown): ClassicListener {
  const listener = child(description, 'Listener') ?? {};
  const protocol = (str(listener, 'Protocol') ?? '').toUpperCase();
  return {
    protocol,
    port: num(listener, 'LoadBalancerPort') ?? 0,
    instanceProtocol: (str(listener, 'InstanceProtocol') ?? protocol).toUpperCase(),
    instancePort: num(listener, 'InstancePort') ?? 0,
    sslCertificateId: str(listener, 'SSLCertificateId') || undefined,
    policyNames: strings(description, 'PolicyNames'),
  };
}

export function classicPolicy(raw: unknown): ClassicPolicy {
  const attributes: Record<string, string> = {};
  for (const attr of list(raw, 'PolicyAttributeDescriptions')) {
    const name = str(attr, 'AttributeName');
    if (name) attributes[name] = str(attr, 'AttributeValue') ?? '';
  }
  return { name: str(raw, 'PolicyName') ?? '', typeName: str(raw, 'PolicyTypeName') ?? '', attributes };
}

/**
 * Classic attributes into flat keys: accessLog.enabled, connectionDraining.timeout, and each
 * additional attribute under its own key (elb.http.desyncmitigationmode).
 */
export function classicAttributes(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(raw)) return out;
  for (const [group, value] of Object.entries(raw)) {
    const groupKey = lowerFirst(group);
    if (groupKey === 'additionalAttributes') {
      for (const item of list(raw, group)) {
        const key = str(item, 'Key');
        if (key) out[key] = str(item, 'Value') ?? '';
      }
    } else if (isObject(value)) {
      for (const [name, inner] of Object.entries(value)) {
        if (inner !== null && typeof inner !== 'object')
          out[`${groupKey}.${lowerFirst(name)}`] = String(inner);
      }
    }
  }
  return out;
}

function lowerFirst(s: string): string {
  // S3BucketName → s3BucketName; CrossZoneLoadBalancing → crossZoneLoadBalancing
  return s.charAt(0).toLowerCase() + s.slice(1);
}
