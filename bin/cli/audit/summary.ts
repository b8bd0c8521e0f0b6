// Counts for the end of a report and the JSON summary (documented in docs/json-report.md).
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { ComplianceType } from '../../../rules/core/engine/outcome.js';
import type { AnyRule, Severity } from '../../../rules/core/engine/rule.js';
import type { AuditResult, ScopeError, SkippedScope, TrafficSummary } from './audit.js';

export type Counts = Record<ComplianceType, number>;

export interface RuleSummary {
  title: string;
  severity: Severity;
  /** Control ids this rule maps to, e.g. "Security Hub ELB.1". */
  controls: string[];
}

export interface AuditSummary {
  loadBalancers: number;
  evaluations: number;
  compliance: Counts;
  byRule: Record<string, Counts>;
  byAccount: Record<string, Counts>;
  bySeverity: Partial<Record<Severity, Counts>>;
  rules: Record<string, RuleSummary>;
  scopes: string[];
  errors: ScopeError[];
  skipped: SkippedScope[];
  /** True when every scope was read and every load balancer judged (no INSUFFICIENT_DATA). */
  complete: boolean;
  /** Requests sent to AWS (live audits only). */
  requests?: TrafficSummary;
}

export const emptyCounts = (): Counts => ({
  COMPLIANT: 0,
  NON_COMPLIANT: 0,
  NOT_APPLICABLE: 0,
  INSUFFICIENT_DATA: 0,
});

function tally<K extends string>(
  table: Partial<Record<K, Counts>>,
  key: K,
  compliance: ComplianceType,
): void {
  const counts = table[key] ?? emptyCounts();
  counts[compliance]++;
  table[key] = counts;
}

export function controlLabel(control: AnyRule['controls'][number]): string {
  return `${control.framework} ${control.id}`;
}

export function summarize(
  evaluations: readonly Evaluation[],
  scopes: string[],
  errors: ScopeError[],
  extra: { rules?: readonly AnyRule[]; skipped?: SkippedScope[]; traffic?: TrafficSummary } = {},
): AuditSummary {
  const compliance = emptyCounts();
  const byRule: Record<string, Counts> = {};
  const byAccount: Record<string, Counts> = {};
  const bySeverity: Partial<Record<Severity, Counts>> = {};
  const severityOf = new Map((extra.rules ?? []).map((r) => [r.id, r.severity]));
  const loadBalancers = new Set<string>();
  for (const e of evaluations) {
    compliance[e.complianceType]++;
    tally(byRule, e.ruleId, e.complianceType);
    tally(byAccount, e.accountId, e.complianceType);
    const severity = severityOf.get(e.ruleId);
    if (severity) tally(bySeverity, severity, e.complianceType);
    // A listener or target group counts as its load balancer.
    loadBalancers.add(`${e.accountId}|${e.region}|${e.loadBalancerId ?? e.resourceId}`);
  }
  const rules: Record<string, RuleSummary> = {};
  for (const rule of extra.rules ?? []) {
    rules[rule.id] = {
      title: rule.title,
      severity: rule.severity,
      controls: rule.controls.map(controlLabel),
    };
  }
  return {
    loadBalancers: loadBalancers.size,
    evaluations: evaluations.length,
    compliance,
    byRule,
    byAccount,
    bySeverity,
    rules,
    scopes,
    errors,
    skipped: extra.skipped ?? [],
    complete: errors.length === 0 && compliance.INSUFFICIENT_DATA === 0,
    ...(extra.traffic && extra.traffic.requests > 0 ? { requests: extra.traffic } : {}),
  };
}

/** The summary of a whole audit result. */
export function summarizeAudit(result: AuditResult, rules: readonly AnyRule[]): AuditSummary {
  return summarize(result.evaluations, result.scopes, result.errors, {
    rules,
    skipped: result.skipped,
    traffic: result.traffic,
  });
}
