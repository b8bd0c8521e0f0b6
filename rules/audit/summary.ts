// Counts for the end of a report and the JSON summary.
import type { Evaluation } from '../engine/judge.js';
import type { ComplianceType } from '../engine/outcome.js';
import type { ScopeError } from './audit.js';

export type Counts = Record<ComplianceType, number>;

export interface AuditSummary {
  loadBalancers: number;
  evaluations: number;
  compliance: Counts;
  byRule: Record<string, Counts>;
  scopes: string[];
  errors: ScopeError[];
}

export const emptyCounts = (): Counts => ({
  COMPLIANT: 0,
  NON_COMPLIANT: 0,
  NOT_APPLICABLE: 0,
  INSUFFICIENT_DATA: 0,
});

export function summarize(
  evaluations: readonly Evaluation[],
  scopes: string[],
  errors: ScopeError[],
): AuditSummary {
  const compliance = emptyCounts();
  const byRule: Record<string, Counts> = {};
  const loadBalancers = new Set<string>();
  for (const e of evaluations) {
    compliance[e.complianceType]++;
    byRule[e.ruleId] ??= emptyCounts();
    byRule[e.ruleId]![e.complianceType]++;
    loadBalancers.add(`${e.accountId}|${e.region}|${e.resourceId}`);
  }
  return {
    loadBalancers: loadBalancers.size,
    evaluations: evaluations.length,
    compliance,
    byRule,
    scopes,
    errors,
  };
}
