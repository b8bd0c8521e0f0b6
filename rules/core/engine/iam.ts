// The IAM actions a rule's function needs, derived from what it reads: the engine's Config calls,
// the live estate's listings, each facet's describe calls, and any extras the rule declares.

import { SECURITY_GROUP } from '../model/model.js';
import { LIVE_ESTATE_IAM_ACTIONS } from '../resources/live/live-estate.js';
import { ENGINE_IAM_ACTIONS } from './config-service.js';
import type { AnyRule } from './rule.js';

export function requiredIamActions(rule: AnyRule): string[] {
  const actions = new Set<string>([...ENGINE_IAM_ACTIONS, ...LIVE_ESTATE_IAM_ACTIONS]);
  for (const facet of rule.needs) for (const action of facet.iamActions) actions.add(action);
  for (const action of rule.extraIamActions ?? []) actions.add(action);
  // Security-group changes are mapped to load balancers of both families.
  if (rule.triggers.changes.includes(SECURITY_GROUP))
    actions.add('elasticloadbalancing:DescribeLoadBalancers');
  return [...actions].sort();
}
