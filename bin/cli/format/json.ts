// The JSON report: {"evaluations":[...], "summary":{...}}, documented in docs/json-report.md.

import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { RULES } from '../../../rules/index.js';
import type { AuditResult } from '../audit/audit.js';
import { summarizeAudit } from '../audit/summary.js';

/** One entry of evaluations[]; also each line of --format jsonl. */
export function reportEvaluation(e: Evaluation) {
  return {
    ruleId: e.ruleId,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    resourceName: e.resourceName,
    complianceType: e.complianceType,
    annotation: e.annotation,
    findings: e.findings,
    region: e.region,
    accountId: e.accountId,
    ...(e.error ? { error: e.error } : {}),
  };
}

export function formatJson(result: AuditResult, rules: readonly AnyRule[] = RULES): string {
  const evaluations = result.evaluations.map(reportEvaluation);
  return JSON.stringify({ evaluations, summary: summarizeAudit(result, rules) }, null, 2);
}
