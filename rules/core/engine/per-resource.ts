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
import type { TargetGroup } from '../resources/normalize/targets.js';
import type { ComplianceType, RuleOutcome } from './outcome.js';
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

/**
 * evaluateEach for a rule that judges target groups one at a time: its own evaluate() on a model
 * that holds only that target group. A group without an ARN (an old snapshot) cannot be reported
 * on by Config's resource id, so the load balancer is not judged rather than judged in part.
 */
export function eachTargetGroup<M extends { targets: readonly TargetGroup[] }, V>(
  model: M,
  context: RuleContext<V>,
  evaluate: (model: M, context: RuleContext<V>) => RuleOutcome,
): ChildOutcome[] {
  return [...model.targets]
    .sort((a, b) => a.name.localeCompare(b.name) || (a.arn ?? '').localeCompare(b.arn ?? ''))
    .map((group) => {
      if (!group.arn?.startsWith('arn:'))
        throw new Error(`target group ${group.name} has no ARN supplied; it cannot be reported on`);
      return {
        resourceId: group.arn,
        name: group.name,
        outcome: evaluate({ ...model, targets: [group] }, context),
      };
    });
}

/** Most telling first: a failure anywhere stands, and a part left unread keeps a pass from being sent. */
const RANK: Record<ComplianceType, number> = {
  NON_COMPLIANT: 0,
  INSUFFICIENT_DATA: 1,
  COMPLIANT: 2,
  NOT_APPLICABLE: 3,
};

/**
 * One evaluation per child: a target group that serves several load balancers is judged with each,
 * and keeps the most telling verdict (a load balancer's tag may exempt it under one and not another).
 * Evaluations of other types, and the order of the first of each, are kept as they are.
 */
export function mergeShared<
  E extends { resourceType: string; resourceId: string; complianceType: ComplianceType },
>(evaluations: readonly E[]): E[] {
  const kept = new Map<string, E>();
  const out: E[] = [];
  for (const evaluation of evaluations) {
    if (evaluation.resourceType !== ELBV2_TARGET_GROUP) {
      out.push(evaluation);
      continue;
    }
    const key = evaluation.resourceId;
    const earlier = kept.get(key);
    if (!earlier) {
      kept.set(key, evaluation);
      out.push(evaluation);
    } else if (RANK[evaluation.complianceType] < RANK[earlier.complianceType]) {
      kept.set(key, evaluation);
      out[out.indexOf(earlier)] = evaluation;
    }
  }
  return out;
}
