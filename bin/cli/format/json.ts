// The JSON report: {"evaluations":[...], "summary":{...}}, documented in docs/json-report.md.

import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { RULES } from '../../../rules/index.js';
import type { AuditResult } from '../audit/audit.js';
import { summarizeAudit } from '../audit/summary.js';

export function formatJson(result: AuditResult, rules: readonly AnyRule[] = RULES): string {
  const evaluations = result.evaluations.map((e) => ({
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
  }));
  return JSON.stringify({ evaluations, summary: summarizeAudit(result, rules) }, null, 2);
}
