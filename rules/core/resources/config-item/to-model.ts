// What a configuration item tells about load balancers: the load balancer itself with the facets
// the item proves, a listener (which belongs to a load balancer), or a security group. A part of
// the item that fails its schema is left out, so the engine reads it live rather than guess.

import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  ELBV2_TARGET_GROUP,
  type ElbV2Listener,
  type LoadBalancer,
  type LoadBalancerKind,
  type ReportedResourceType,
  type ResourceRef,
  SECURITY_GROUP,
  type SecurityGroup,
} from '../../model/model.js';
import type { AnyFacet } from '../facet.js';
import { proves } from '../item-part.js';
import { classicLoadBalancer } from '../normalize/classic.js';
import {
  elbv2Listener,
  elbv2LoadBalancer,
  kindFromArn,
  loadBalancerArnOfListener,
} from '../normalize/elbv2.js';
import { str, strings } from '../shape.js';
import type { ConfigurationItem } from './item.js';
import { type ItemPart, itemParts } from './schemas.js';
import { securityGroupItem } from './security-group-item.js';

export interface CarriedFacet {
  facet: AnyFacet;
  value: unknown;
}

export type ItemSubject =
  | {
      type: 'loadBalancer';
      ref: ResourceRef & { resourceType: ReportedResourceType };
      /** Undefined when the item cannot prove the load balancer: it must be read live. */
      lb?: LoadBalancer;
      carried: CarriedFacet[];
    }
  | { type: 'listener'; loadBalancerArn?: string; listener?: ElbV2Listener }
  /** The load balancers a target group serves, as its item records them (either casing). */
  | { type: 'targetGroup'; loadBalancerArns: string[] }
  /** group is undefined when the item cannot prove the group's permissions. */
  | { type: 'securityGroup'; groupId: string; group?: SecurityGroup }
  | { type: 'unsupported' };

export function subjectOf(item: ConfigurationItem): ItemSubject {
  switch (item.resourceType) {
    case ELBV2_LOAD_BALANCER: {
      const arn = item.arn ?? item.resourceId;
      const kind = (str(item.configuration, 'type') as LoadBalancerKind | undefined) ?? kindFromArn(arn);
      const parts = partsOf(item, kindFromType(kind) ?? kindFromArn(arn));
      const lb = parts.core
        ? elbv2LoadBalancer(
            withDefault(item.configuration, 'loadBalancerArn', arn),
            item.accountId,
            item.region,
          )
        : undefined;
      return {
        type: 'loadBalancer',
        ref: { resourceType: ELBV2_LOAD_BALANCER, resourceId: item.resourceId },
        lb,
        carried: parts.carried,
      };
    }
    case CLASSIC_LOAD_BALANCER: {
      const parts = partsOf(item, 'classic');
      const lb = parts.core
        ? classicLoadBalancer(
            withDefault(item.configuration, 'loadBalancerName', item.resourceId),
            item.accountId,
            item.region,
          )
        : undefined;
      return {
        type: 'loadBalancer',
        ref: { resourceType: CLASSIC_LOAD_BALANCER, resourceId: item.resourceId },
        lb,
        carried: parts.carried,
      };
    }
    case ELBV2_LISTENER: {
      const recorded = str(item.configuration, 'LoadBalancerArn');
      const fromArn = loadBalancerArnOfListener(item.resourceId);
      let listener: ElbV2Listener | undefined;
      try {
        listener = elbv2Listener(withDefault(item.configuration, 'ListenerArn', item.resourceId));
      } catch {
        listener = undefined;
      }
      return {
        type: 'listener',
        loadBalancerArn: recorded?.startsWith('arn:') ? recorded : fromArn,
        listener,
      };
    }
    case ELBV2_TARGET_GROUP:
      return {
        type: 'targetGroup',
        loadBalancerArns: strings(item.configuration, 'LoadBalancerArns', 'loadBalancerArns').filter((arn) =>
          arn.startsWith('arn:'),
        ),
      };
    case SECURITY_GROUP: {
      const group = proves(securityGroupItem, item.configuration)
        ? securityGroupItem.read(withDefault(item.configuration, 'groupId', item.resourceId))
        : undefined;
      // A group item about another group than its resource id proves nothing about this one.
      return {
        type: 'securityGroup',
        groupId: item.resourceId,
        group: group?.groupId === item.resourceId ? group : undefined,
      };
    }
    default:
      return { type: 'unsupported' };
  }
}

function kindFromType(type: string): LoadBalancerKind | undefined {
  return type === 'application' || type === 'network' || type === 'gateway' ? type : undefined;
}

/** The item's parts checked against their schemas: whether it proves the load balancer, and the facets it proves. */
function partsOf(item: ConfigurationItem, kind: LoadBalancerKind) {
  const valueAt = (part: ItemPart): unknown => {
    const [first, second] = part.path;
    if (first === 'configuration') return item.configuration;
    if (first === 'supplementaryConfiguration' && second) return item.supplementaryConfiguration[second];
    if (first === 'tags') return item.tags;
    return undefined;
  };
  const parts = itemParts(item.resourceType, kind);
  const core = parts.find((p) => p.facets.length === 0);
  const carried: CarriedFacet[] = [];
  for (const part of parts) {
    const [facet] = part.facets;
    if (!facet || !part.read) continue;
    const value = valueAt(part);
    if (proves(part, value)) carried.push({ facet, value: part.read(value) });
  }
  return { core: core !== undefined && proves(core, valueAt(core)), carried };
}

/** Items sometimes omit the id inside configuration; the envelope always has it. */
function withDefault(configuration: unknown, key: string, value: string): unknown {
  const obj =
    configuration && typeof configuration === 'object' ? (configuration as Record<string, unknown>) : {};
  const has = Object.keys(obj).some((k) => k.toLowerCase() === key.toLowerCase());
  return has ? obj : { ...obj, [key]: value };
}
