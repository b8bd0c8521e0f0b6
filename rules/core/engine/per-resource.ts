// Per-resource reporting: a rule that declares reportEach reports on each listener or target group
// of a load balancer, instead of the load balancer, when its parameter reportOn selects it. Here:
// the parameter, which types a rule reports on under its parameters, and the listener helper.

import {
  type ChildResourceType,
  ELBV2_LISTENER,
  ELBV2_TARGET_GROUP,
  type ElbV2Listener,
} from '../model/model.js';
import { loadBalancerArnOfListener } from '../resources/normalize/elbv2.js';
import type { RuleOutcome } from './outcome.js';
import type { EnumParam } from './parameters.js';
import type { AnyRule, ChildOutcome, PerResourceReporting, RuleContext } from './rule.js';

/** The rule parameter that selects per-resource reporting. */
export const REPORT_ON = 'reportOn';
export const REPORT_ON_LOAD_BALANCER = 'loadBalancer';

const VALUE_OF = { [ELBV2_LISTENER]: 'listener', [ELBV2_TARGET_GROUP]: 'targetGroup' } as const;
type ChildValue = (typeof VALUE_OF)[ChildResourceType];

/** The reportOn parameter of a rule that can report on each `child`. */
export function reportOnParameter<C extends ChildValue>(child: C): EnumParam<'loadBalancer' | C> {
  const type = child === 'listener' ? ELBV2_LISTENER : ELBV2_TARGET_GROUP;
  const each = child === 'listener' ? 'listener' : 'target group';
  return {
    type: 'enum',
    values: [REPORT_ON_LOAD_BALANCER, child],
    default: REPORT_ON_LOAD_BALANCER,
    description:
      `What each evaluation is about. loadBalancer: one per load balancer, naming every ${each} at fault. ` +
      `${child}: one per ${each}, reported as ${type}, the resource Security Hub reports the control on.`,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds rules of every model shape.
export type AnyReporting = PerResourceReporting<any, any>;

/** The per-resource reporting these parameters select, or undefined: the rule reports on load balancers. */
export function childReporting(
  rule: AnyRule,
  params: Readonly<Record<string, unknown>>,
): AnyReporting | undefined {
  const each = rule.reportEach;
  return each && params[REPORT_ON] === reportOnValue(rule) ? each : undefined;
}

/** The reportOn value that selects the rule's per-resource reporting, if it has one. */
export function reportOnValue(rule: AnyRule): string | undefined {
  return rule.reportEach ? VALUE_OF[rule.reportEach.resourceType] : undefined;
}

/** The resource types the rule's evaluations name under these parameters. */
export function reportedTypes(rule: AnyRule, params: Readonly<Record<string, unknown>>): string[] {
  const each = childReporting(rule, params);
  return each ? [each.resourceType] : [...rule.resourceTypes];
}

/** Every type the rule reports on under some parameters: its Config scope and IAM cover them all. */
export function reportableTypes(rule: AnyRule): string[] {
  return [...rule.resourceTypes, ...(rule.reportEach ? [rule.reportEach.resourceType] : [])];
}

/** The load balancer a child belongs to when its ARN says so (listeners); a target group may serve several. */
export function parentOf(resourceType: string, resourceId: string): string | undefined {
  return resourceType === ELBV2_LISTENER ? loadBalancerArnOfListener(resourceId) : undefined;
}

/**
 * evaluateEach for a rule that judges listeners one at a time: its own evaluate() on a model that
 * holds only that listener, so each listener gets exactly the verdict the rule gives it in the
 * load balancer's evaluation.
 */
export function eachListener<M extends { listeners: readonly ElbV2Listener[] }, V>(
  model: M,
  context: RuleContext<V>,
  evaluate: (model: M, context: RuleContext<V>) => RuleOutcome,
): ChildOutcome[] {
  return [...model.listeners]
    .sort((a, b) => a.port - b.port || a.arn.localeCompare(b.arn))
    .map((listener) => ({
      resourceId: listener.arn,
      name: `${listener.protocol}:${listener.port}`,
      outcome: evaluate({ ...model, listeners: [listener] }, context),
    }));
}
