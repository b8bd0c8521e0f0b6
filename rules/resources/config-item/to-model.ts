// What a configuration item tells about load balancers: the load balancer itself with the facets
// the item carries, a listener (which belongs to a load balancer), or a security group.
import type { AnyFacet } from '../facet.js';
import { attributes } from '../facets/attributes.js';
import { classicPolicies } from '../facets/classic-policies.js';
import { tags } from '../facets/tags.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  type ElbV2Listener,
  type LoadBalancer,
  SECURITY_GROUP,
  type SecurityGroup,
} from '../model.js';
import { classicAttributes, classicLoadBalancer, classicPolicy } from '../normalize/classic.js';
import { elbv2Listener, elbv2LoadBalancer } from '../normalize/elbv2.js';
import { securityGroup } from '../normalize/security-group.js';
import { keyValueRecord } from '../shape.js';
import type { ConfigurationItem } from './item.js';

export interface CarriedFacet {
  facet: AnyFacet;
  value: unknown;
}

export type ItemSubject =
  | { type: 'loadBalancer'; lb: LoadBalancer; carried: CarriedFacet[] }
  | { type: 'listener'; listener: ElbV2Listener }
  | { type: 'securityGroup'; group: SecurityGroup }
  | { type: 'unsupported' };

export function subjectOf(item: ConfigurationItem): ItemSubject {
  const supplementary = item.supplementaryConfiguration;
  switch (item.resourceType) {
    case ELBV2_LOAD_BALANCER: {
      const lb = elbv2LoadBalancer(
        withDefault(item.configuration, 'loadBalancerArn', item.arn ?? item.resourceId),
        item.accountId,
        item.region,
      );
      const carried: CarriedFacet[] = [];
      const attrs = supplementary.LoadBalancerAttributes;
      if (Array.isArray(attrs)) carried.push({ facet: attributes, value: keyValueRecord(attrs) });
      if (item.tags) carried.push({ facet: tags, value: item.tags });
      return { type: 'loadBalancer', lb, carried };
    }
    case CLASSIC_LOAD_BALANCER: {
      const lb = classicLoadBalancer(
        withDefault(item.configuration, 'loadBalancerName', item.resourceId),
        item.accountId,
        item.region,
      );
      const carried: CarriedFacet[] = [];
      const policies = supplementary.LoadBalancerPolicies;
      if (Array.isArray(policies))
        carried.push({ facet: classicPolicies, value: policies.map(classicPolicy) });
      const attrs = supplementary.LoadBalancerAttributes;
      if (attrs && typeof attrs === 'object')
        carried.push({ facet: attributes, value: classicAttributes(attrs) });
      if (item.tags) carried.push({ facet: tags, value: item.tags });
      return { type: 'loadBalancer', lb, carried };
    }
    case ELBV2_LISTENER:
      return {
        type: 'listener',
        listener: elbv2Listener(withDefault(item.configuration, 'ListenerArn', item.resourceId)),
      };
    case SECURITY_GROUP:
      return {
        type: 'securityGroup',
        group: securityGroup(withDefault(item.configuration, 'groupId', item.resourceId)),
      };
    default:
      return { type: 'unsupported' };
  }
}

/** Items sometimes omit the id inside configuration; the envelope always has it. */
function withDefault(configuration: unknown, key: string, value: string): unknown {
  const obj =
    configuration && typeof configuration === 'object' ? (configuration as Record<string, unknown>) : {};
  const has = Object.keys(obj).some((k) => k.toLowerCase() === key.toLowerCase());
  return has ? obj : { ...obj, [key]: value };
}
