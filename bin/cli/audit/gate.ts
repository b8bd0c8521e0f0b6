// Severity floors and the --fail-on gate for CI pipelines.
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import { type AnyRule, SEVERITIES, type Severity } from '../../../rules/core/engine/rule.js';

/** critical = 0 … informational = 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Rules at or above the floor (critical is highest). */
export function atOrAbove(rules: readonly AnyRule[], floor: Severity): AnyRule[] {
  return rules.filter((r) => severityRank(r.severity) <= severityRank(floor));
}

/** What fails a CI run: any non-compliance, or non-compliance from rules of at least a severity. */
export type FailOn = { on: 'NON_COMPLIANT' } | { on: 'severity'; severity: Severity };

export function parseFailOn(value: string): FailOn | undefined {
  if (value === 'NON_COMPLIANT') return { on: 'NON_COMPLIANT' };
  const lower = value.toLowerCase();
  return isSeverity(lower) ? { on: 'severity', severity: lower } : undefined;
}

/** The non-compliant evaluations that trip the gate. */
export function gateFailures(
  evaluations: readonly Evaluation[],
  rules: readonly AnyRule[],
  failOn: FailOn,
): Evaluation[] {
  const severityOf = new Map(rules.map((r) => [r.id, r.severity]));
  return evaluations.filter((e) => {
    if (e.complianceType !== 'NON_COMPLIANT') return false;
    if (failOn.on === 'NON_COMPLIANT') return true;
    const severity = severityOf.get(e.ruleId);
    return severity !== undefined && severityRank(severity) <= severityRank(failOn.severity);
  });
}
