// Which load balancers a configuration item speaks for. A load balancer item speaks for itself; a
// listener item for its load balancer; a target group item for those it serves; a security group item for every load balancer using it.
// The item's own data is primed into the estate, so it is not read again.

import {
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  ELBV2_TARGET_GROUP,
  type LoadBalancer,
  type ResourceRef,
  SECURITY_GROUP,
} from '../model/model.js';
import { type ConfigurationItem, EVALUABLE_STATUSES } from './config-item/item.js';
import { subjectOf } from './config-item/to-model.js';
import type { Estate } from './estate.js';
import { type Fetched, loaded } from './fetched.js';

export type Affected =
  /** Judge these load balancers. */
  | { type: 'judge'; loadBalancers: LoadBalancer[] }
  /** This load balancer is gone or no longer judged: NOT_APPLICABLE. */
  | { type: 'gone'; ref: ResourceRef; why: string }
  /** Nothing to report (an unsupported type, a listener that left scope...). */
  | { type: 'nothing'; why: string };

export const isReportedType = (type: string): boolean =>
  type === ELBV2_LOAD_BALANCER || type === 'AWS::ElasticLoadBalancing::LoadBalancer';

export async function affectedBy(
  item: ConfigurationItem,
  estate: Estate,
  leftScope: boolean,
): Promise<Fetched<Affected>> {
  const evaluable = EVALUABLE_STATUSES.has(item.status);
  const ref = { resourceType: item.resourceType, resourceId: item.resourceId };
  if (isReportedType(item.resourceType)) {
    if (leftScope) return loaded({ type: 'gone', ref, why: 'The resource left the rule’s scope.' });
    if (!evaluable) return loaded({ type: 'gone', ref, why: `Configuration item status is ${item.status}.` });
    const subject = subjectOf(item);
    if (subject.type !== 'loadBalancer')
      return loaded({ type: 'nothing', why: 'item carries no load balancer' });
    // An item that cannot prove the load balancer itself is no evidence: read it live.
    let lb = subject.lb;
    if (lb) estate.primeLoadBalancer(lb);
    else {
      const found = await estate.getLoadBalancer(subject.ref);
      if (!found.ok) return found;
      if (!found.value) return loaded({ type: 'gone', ref, why: 'The load balancer no longer exists.' });
      lb = found.value;
    }
    for (const { facet, value } of subject.carried) estate.prime(facet, lb, value);
    return loaded({ type: 'judge', loadBalancers: [lb] });
  }
  if (leftScope)
    return loaded({ type: 'nothing', why: `${item.resourceType} ${item.resourceId} left the rule’s scope` });
  if (item.resourceType === ELBV2_LISTENER) {
    // A deleted listener still changes its load balancer's compliance: judge the load balancer as it is now.
    const subject = subjectOf(item);
    const lbArn = subject.type === 'listener' ? subject.loadBalancerArn : undefined;
    if (!lbArn)
      return loaded({ type: 'nothing', why: `cannot tell the load balancer of listener ${item.resourceId}` });
    const lbRef = { resourceType: ELBV2_LOAD_BALANCER, resourceId: lbArn };
    const found = await estate.getLoadBalancer(lbRef);
    if (!found.ok) return found;
    if (!found.value) return loaded({ type: 'gone', ref: lbRef, why: 'The load balancer no longer exists.' });
    return loaded({ type: 'judge', loadBalancers: [found.value] });
  }
  if (item.resourceType === ELBV2_TARGET_GROUP) {
    // A deleted target group's item records no load balancers: the periodic sweep re-judges them.
    const subject = subjectOf(item);
    const arns = subject.type === 'targetGroup' && evaluable ? subject.loadBalancerArns : [];
    if (!arns.length)
      return loaded({ type: 'nothing', why: `target group ${item.resourceId} names no load balancer` });
    const loadBalancers: LoadBalancer[] = [];
    for (const resourceId of arns) {
      const found = await estate.getLoadBalancer({ resourceType: ELBV2_LOAD_BALANCER, resourceId });
      if (!found.ok) return found;
      if (found.value) loadBalancers.push(found.value);
    }
    return loaded({ type: 'judge', loadBalancers });
  }
  if (item.resourceType === SECURITY_GROUP) {
    if (evaluable) {
      const subject = subjectOf(item);
      // Only a group whose permissions the item proves replaces the live one.
      if (subject.type === 'securityGroup' && subject.group) estate.primeSecurityGroup(subject.group);
    }
    const users = await estate.loadBalancersUsingSecurityGroup(item.resourceId);
    if (!users.ok) return users;
    return loaded({ type: 'judge', loadBalancers: users.value });
  }
  return loaded({ type: 'nothing', why: `${item.resourceType} is not a type this project reads` });
}
