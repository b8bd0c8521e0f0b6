// Judges one load balancer against one rule. Shared by the Lambda handler and the CLI audit, so
// both give the same answer. Data that could not be read is never judged COMPLIANT: the result
// is INSUFFICIENT_DATA with the reason, and the caller decides what to do with it.

import { describeKind, type LoadBalancer, type LoadBalancerKind, type ResourceRef } from '../model/model.js';
import type { Estate } from '../resources/estate.js';
import { annotationOf } from './annotation.js';
import type { ComplianceType, RuleOutcome } from './outcome.js';
import { InvalidParameterError, type ParamValues, parseParameters } from './parameters.js';
import type { AnyRule } from './rule.js';

export interface Evaluation {
  ruleId: string;
  resourceType: string;
  resourceId: string;
  /** Short display name: the load balancer name. */
  resourceName: string;
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
  const base = {
    ruleId: rule.id,
    resourceType: lb.resourceType,
    resourceId: lb.resourceId,
    resourceName: lb.name,
    kind: lb.kind,
    accountId: lb.accountId,
    region: lb.region,
  };
  if (!rule.appliesTo.includes(lb.kind)) {
    const kinds = rule.appliesTo.map(describeKind).join(' or ');
    return fromOutcome(base, {
      compliance: 'NOT_APPLICABLE',
      annotation: `${describeKind(lb.kind)}; this rule checks ${kinds}s.`,
    });
  }
  // Applicability before data: a resource the rule skips costs no read and cannot fail one.
  const skip = rule.applicable?.(lb, params);
  if (skip !== undefined) return fromOutcome(base, { compliance: 'NOT_APPLICABLE', annotation: skip });
  const model: Record<string, unknown> = { lb };
  for (const facet of rule.needs) {
    const result = await estate.facet(facet, lb);
    if (!result.ok) {
      return {
        ...base,
        complianceType: 'INSUFFICIENT_DATA',
        annotation: annotationOf({
          compliance: 'NOT_APPLICABLE',
          annotation: `Not evaluated: ${result.reason}`,
        }),
        findings: [],
        error: { code: result.code, reason: result.reason },
      };
    }
    model[facet.key] = result.value;
  }
  try {
    const outcome = rule.evaluate(model as never, {
      params,
      now,
      accountId: lb.accountId,
      region: lb.region,
    });
    return fromOutcome(base, outcome);
  } catch (error) {
    // A rule that throws has found data it does not understand: not evidence of compliance.
    const reason = `rule ${rule.id} failed on ${lb.name}: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ...base,
      complianceType: 'INSUFFICIENT_DATA',
      annotation: annotationOf({ compliance: 'NOT_APPLICABLE', annotation: `Not evaluated: ${reason}` }),
      findings: [],
      error: { code: 'RuleError', reason },
    };
  }
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

function fromOutcome(
  base: Omit<Evaluation, 'complianceType' | 'annotation' | 'findings'>,
  outcome: RuleOutcome,
): Evaluation {
  return {
    ...base,
    complianceType: outcome.compliance,
    annotation: annotationOf(outcome),
    findings: outcome.compliance === 'NON_COMPLIANT' ? [...outcome.findings] : [],
  };
}

/** app/my-alb/50dc6c495c0c9188 → my-alb; a Classic name stays as it is. */
function displayName(resourceId: string): string {
  const match = /:loadbalancer\/(?:app|net|gwy)\/([^/]+)\//.exec(resourceId);
  return match?.[1] ?? resourceId;
}
