// Judges one load balancer against one rule. Shared by the Lambda handler and the CLI audit, so
// both give the same answer. Data that could not be read is never judged COMPLIANT: the result
// is INSUFFICIENT_DATA with the reason, and the caller decides what to do with it.

import {
  describeKind,
  ELBV2_LISTENER,
  type LoadBalancer,
  type LoadBalancerKind,
  type ResourceRef,
} from '../model/model.js';
import type { Estate } from '../resources/estate.js';
import type { AnyFacet } from '../resources/facet.js';
import { annotationOf } from './annotation.js';
import type { ComplianceType, RuleOutcome } from './outcome.js';
import { InvalidParameterError, type ParamValues, parseParameters } from './parameters.js';
import { type AnyReporting, childReporting } from './per-resource.js';
import type { AnyRule } from './rule.js';

export interface Evaluation {
  ruleId: string;
  resourceType: string;
  resourceId: string;
  /** Short display name: the load balancer name (with the listener or target group for a child). */
  resourceName: string;
  /** For a listener or target group: the load balancer it was judged with. */
  loadBalancerId?: string;
  kind?: LoadBalancerKind;
  accountId: string;
  region: string;
  complianceType: ComplianceType;
  /** At most 256 characters, as Config stores it. */
  annotation: string;
  /** Every finding in full; the annotation may have had to cut some. */
  findings: string[];
  /** Why the data could not be read, for INSUFFICIENT_DATA. */
  error?: { code: string; reason: string };
}

/** Parses and cross-checks a rule's parameters; throws InvalidParameterError naming the parameter. */
export function ruleParameters(
  rule: AnyRule,
  raw: Record<string, unknown>,
): ParamValues<AnyRule['parameters']> {
  const params = parseParameters(rule.parameters, raw);
  const problems = rule.validateParameters?.(params) ?? [];
  if (problems.length) throw new InvalidParameterError(`Rule ${rule.id}: ${problems.join('; ')}`);
  return params;
}

export async function judge(
  rule: AnyRule,
  lb: LoadBalancer,
  estate: Estate,
  params: ParamValues<AnyRule['parameters']>,
  now: Date,
): Promise<Evaluation> {
  const base = baseOf(rule, lb);
  const loaded = await loadModel(rule, lb, estate, params, base);
  if (!loaded.ok) return loaded.evaluation;
  try {
    return fromOutcome(base, rule.evaluate(loaded.model as never, contextOf(lb, params, now)));
  } catch (error) {
    return ruleError(rule, lb, base, error);
  }
}

/** What judging one load balancer per child gives: each child's evaluation, or why none was judged. */
export type EachJudgement =
  | { judged: true; children: Evaluation[] }
  /** NOT_APPLICABLE (the rule skips the load balancer) or INSUFFICIENT_DATA (its data could not be read), on the load balancer. */
  | { judged: false; evaluation: Evaluation };

/** Judges the load balancer's model once and gives one evaluation per child (listener, target group). */
export async function judgeEach(
  rule: AnyRule,
  each: AnyReporting,
  lb: LoadBalancer,
  estate: Estate,
  params: ParamValues<AnyRule['parameters']>,
  now: Date,
): Promise<EachJudgement> {
  const base = baseOf(rule, lb);
  const loaded = await loadModel(rule, lb, estate, params, base);
  if (!loaded.ok) return { judged: false, evaluation: loaded.evaluation };
  const noun = each.resourceType === ELBV2_LISTENER ? 'listener' : 'target group';
  try {
    const outcomes = each.evaluateEach(loaded.model, contextOf(lb, params, now), (model, context) =>
      rule.evaluate(model as never, context),
    );
    const children = outcomes.map(({ resourceId, name, outcome }) =>
      fromOutcome(
        {
          ...base,
          resourceType: each.resourceType,
          resourceId,
          resourceName: `${lb.name} ${noun} ${name}`,
          loadBalancerId: lb.resourceId,
        },
        outcome,
      ),
    );
    return { judged: true, children };
  } catch (error) {
    return { judged: false, evaluation: ruleError(rule, lb, base, error) };
  }
}

/**
 * What a report shows for one load balancer: its evaluation, or under reportOn one per child; a
 * load balancer whose children were not judged keeps its own NOT_APPLICABLE or INSUFFICIENT_DATA.
 */
export async function judgeForReport(
  rule: AnyRule,
  lb: LoadBalancer,
  estate: Estate,
  params: ParamValues<AnyRule['parameters']>,
  now: Date,
): Promise<Evaluation[]> {
  const each = childReporting(rule, params);
  if (!each) return [await judge(rule, lb, estate, params, now)];
  const result = await judgeEach(rule, each, lb, estate, params, now);
  return result.judged ? result.children : [result.evaluation];
}

type Base = Omit<Evaluation, 'complianceType' | 'annotation' | 'findings'>;

function baseOf(rule: AnyRule, lb: LoadBalancer): Base {
  return {
    ruleId: rule.id,
    resourceType: lb.resourceType,
    resourceId: lb.resourceId,
    resourceName: lb.name,
    kind: lb.kind,
    accountId: lb.accountId,
    region: lb.region,
  };
}

function contextOf(lb: LoadBalancer, params: ParamValues<AnyRule['parameters']>, now: Date) {
  return { params, now, accountId: lb.accountId, region: lb.region };
}

/** Why the rule does not judge this load balancer (another kind, or not applicable), or undefined. */
function skipReason(
  rule: AnyRule,
  lb: LoadBalancer,
  params: ParamValues<AnyRule['parameters']>,
): string | undefined {
  if (!rule.appliesTo.includes(lb.kind)) {
    const kinds = rule.appliesTo.map(describeKind).join(' or ');
    return `${describeKind(lb.kind)}; this rule checks ${kinds}s.`;
  }
  return rule.applicable?.(lb, params);
}

/** The facets judging this load balancer reads: none when the rule skips it. */
export function facetsRead(
  rule: AnyRule,
  lb: LoadBalancer,
  params: ParamValues<AnyRule['parameters']>,
): readonly AnyFacet[] {
  return skipReason(rule, lb, params) === undefined ? rule.needs : [];
}

/** The model the rule asked for, or the evaluation that says why the rule cannot judge. */
async function loadModel(
  rule: AnyRule,
  lb: LoadBalancer,
  estate: Estate,
  params: ParamValues<AnyRule['parameters']>,
  base: Base,
): Promise<{ ok: true; model: Record<string, unknown> } | { ok: false; evaluation: Evaluation }> {
  // Applicability before data: a resource the rule skips costs no read and cannot fail one.
  const skip = skipReason(rule, lb, params);
  if (skip !== undefined)
    return { ok: false, evaluation: fromOutcome(base, { compliance: 'NOT_APPLICABLE', annotation: skip }) };
  const model: Record<string, unknown> = { lb };
  for (const facet of rule.needs) {
    const result = await estate.facet(facet, lb);
    if (!result.ok) {
      return {
        ok: false,
        evaluation: {
          ...base,
          complianceType: 'INSUFFICIENT_DATA',
          annotation: annotationOf({
            compliance: 'NOT_APPLICABLE',
            annotation: `Not evaluated: ${result.reason}`,
          }),
          findings: [],
          error: { code: result.code, reason: result.reason },
        },
      };
    }
    model[facet.key] = result.value;
  }
  return { ok: true, model };
}

/** A rule that throws has found data it does not understand: not evidence of compliance. */
function ruleError(rule: AnyRule, lb: LoadBalancer, base: Base, error: unknown): Evaluation {
  const reason = `rule ${rule.id} failed on ${lb.name}: ${error instanceof Error ? error.message : String(error)}`;
  return {
    ...base,
    complianceType: 'INSUFFICIENT_DATA',
    annotation: annotationOf({ compliance: 'NOT_APPLICABLE', annotation: `Not evaluated: ${reason}` }),
    findings: [],
    error: { code: 'RuleError', reason },
  };
}

/** NOT_APPLICABLE for a resource that is gone, out of scope, or not recorded. */
export function notApplicable(
  rule: AnyRule,
  ref: ResourceRef,
  where: { accountId: string; region: string },
  why: string,
): Evaluation {
  return {
    ruleId: rule.id,
    resourceType: ref.resourceType,
    resourceId: ref.resourceId,
    resourceName: displayName(ref.resourceId),
    accountId: where.accountId,
    region: where.region,
    complianceType: 'NOT_APPLICABLE',
    annotation: annotationOf({ compliance: 'NOT_APPLICABLE', annotation: why }),
    findings: [],
  };
}

function fromOutcome(base: Base, outcome: RuleOutcome): Evaluation {
  return {
    ...base,
    complianceType: outcome.compliance,
    annotation: annotationOf(outcome),
    findings: outcome.compliance === 'NON_COMPLIANT' ? [...outcome.findings] : [],
  };
}

/**
 * app/my-alb/50dc6c495c0c9188 → my-alb; listener/app/my-alb/…/… → my-alb listener;
 * targetgroup/my-tg/… → my-tg; a Classic name stays as it is.
 */
function displayName(resourceId: string): string {
  const lb = /:loadbalancer\/(?:app|net|gwy)\/([^/]+)\//.exec(resourceId);
  if (lb?.[1]) return lb[1];
  const listener = /:listener\/(?:app|net|gwy)\/([^/]+)\//.exec(resourceId);
  if (listener?.[1]) return `${listener[1]} listener`;
  return /:targetgroup\/([^/]+)\//.exec(resourceId)?.[1] ?? resourceId;
}
