// Judges infrastructure code with the audit's own runner: each template or plan is a scope whose
// estate is the code's models. Findings are then told on the code's own names (logical id,
// Terraform address) with the file and line where they are declared.

import { annotationOf } from '../../../rules/core/engine/annotation.js';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { CodeEstate, UNKNOWN_BEFORE_DEPLOYMENT } from '../../../rules/core/resources/code/code-estate.js';
import type { ScanSource } from '../../../rules/core/resources/code/load.js';
import type { CodeLocation } from '../../../rules/core/resources/code/record.js';
import { UnknownValueError } from '../../../rules/core/resources/code/unknown.js';
import { type AuditResult, runAudit } from '../audit/audit.js';

export interface ScanResult extends AuditResult {
  /** Where each evaluation's resource is declared. */
  locations: Map<Evaluation, CodeLocation>;
}

export interface ScanOptions {
  rules: readonly AnyRule[];
  parameters?: Record<string, Record<string, unknown>>;
  now?: Date;
  onEvaluation?(evaluation: Evaluation): void;
}

export async function runScan(sources: readonly ScanSource[], options: ScanOptions): Promise<ScanResult> {
  const unknownReads = new Map<string, string>();
  const rules = options.rules.map((rule) => deferringUnknown(rule, unknownReads));
  const result = await runAudit(
    sources.map((source) => ({
      label: source.file,
      accountId: source.records[0]?.loadBalancer?.accountId,
      region: source.records[0]?.loadBalancer?.region ?? 'unknown',
      open: async () =>
        new CodeEstate(
          source.records[0]?.loadBalancer?.accountId ?? 'unknown',
          source.records[0]?.loadBalancer?.region ?? 'unknown',
          source.records,
        ),
    })),
    { rules, parameters: options.parameters, now: options.now, scopeConcurrency: 1 },
  );
  const where = new Map<string, CodeLocation>();
  for (const source of sources)
    for (const record of source.records) {
      if (record.loadBalancer) where.set(record.loadBalancer.resourceId, record.location);
      for (const [arn, location] of Object.entries(record.children)) where.set(arn, location);
    }
  const locations = new Map<Evaluation, CodeLocation>();
  const evaluations: Evaluation[] = result.evaluations.map((e) => {
    const located = locate(explainUnknown(e, unknownReads), where.get(e.resourceId));
    const location = where.get(e.resourceId);
    if (location) locations.set(located, location);
    return located;
  });
  // A load balancer whose very kind is unknown: no rule can run, each says why.
  for (const source of sources)
    for (const record of source.records) {
      if (!record.unjudgeable) continue;
      for (const rule of options.rules.filter((r) => r.resourceTypes.includes(record.resourceType))) {
        const e: Evaluation = {
          ruleId: rule.id,
          resourceType: record.resourceType,
          resourceId: record.location.id,
          resourceName: record.location.id,
          accountId: 'unknown',
          region: 'unknown',
          complianceType: 'INSUFFICIENT_DATA',
          annotation: annotationOf({
            compliance: 'NOT_APPLICABLE',
            annotation: `Not evaluated: ${record.unjudgeable}`,
          }),
          findings: [],
          error: { code: UNKNOWN_BEFORE_DEPLOYMENT, reason: record.unjudgeable },
        };
        evaluations.push(e);
        locations.set(e, record.location);
      }
    }
  for (const e of evaluations) options.onEvaluation?.(e);
  return { ...result, evaluations, locations };
}

/**
 * The rule as it is, except that an applicability test reading a value the code leaves unknown
 * (the scheme of `Scheme: !If …`) defers to evaluate(), which reads it again inside the engine's
 * guard: the engine then reports INSUFFICIENT_DATA instead of skipping or judging the resource.
 */
function deferringUnknown(rule: AnyRule, unknownReads: Map<string, string>): AnyRule {
  const applicable = rule.applicable;
  const evaluate = rule.evaluate;
  const remember = <T>(key: string, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof UnknownValueError) unknownReads.set(key, error.message);
      throw error;
    }
  };
  return {
    ...rule,
    applicable: applicable
      ? (lb, params) => {
          try {
            return applicable(lb, params);
          } catch (error) {
            if (error instanceof UnknownValueError) return undefined;
            throw error;
          }
        }
      : undefined,
    evaluate: (model, context) =>
      remember(`${rule.id}|${(model as { lb: { resourceId: string } }).lb.resourceId}`, () => {
        applicable?.((model as { lb: Parameters<NonNullable<AnyRule['applicable']>>[0] }).lb, context.params);
        return evaluate(model as never, context);
      }),
  } as AnyRule;
}

/** A rule stopped by an unknown value: INSUFFICIENT_DATA with the value's reason, not a rule error. */
function explainUnknown(e: Evaluation, unknownReads: Map<string, string>): Evaluation {
  if (e.error?.code !== 'RuleError') return e;
  const reason = unknownReads.get(`${e.ruleId}|${e.loadBalancerId ?? e.resourceId}`);
  if (!reason) return e;
  return {
    ...e,
    annotation: annotationOf({ compliance: 'NOT_APPLICABLE', annotation: `Not evaluated: ${reason}` }),
    error: { code: UNKNOWN_BEFORE_DEPLOYMENT, reason },
  };
}

function locate(e: Evaluation, location: CodeLocation | undefined): Evaluation {
  if (!location) return e;
  return {
    ...e,
    resourceId: location.id,
    resourceName: `${location.id} (${location.file}${location.line ? `:${location.line}` : ''})`,
  };
}
