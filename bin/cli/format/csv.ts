// The CSV report: one row per evaluation, for spreadsheets and data pipelines (RFC 4180 quoting
// by csv-stringify). Cells that a spreadsheet would run as a formula are prefixed with a quote.
import { stringify } from 'csv-stringify/sync';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import type { AuditResult } from '../audit/audit.js';

export const CSV_COLUMNS = [
  'accountId',
  'region',
  'ruleId',
  'severity',
  'resourceType',
  'resourceId',
  'resourceName',
  'complianceType',
  'annotation',
  'findings',
] as const;

/** OWASP's advice against CSV injection: a leading =, +, -, @, tab or CR starts a formula. */
function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function formatCsv(result: AuditResult, rules: readonly AnyRule[]): string {
  const severityOf = new Map(rules.map((r) => [r.id, r.severity]));
  const rows = result.evaluations.map((e) =>
    [
      e.accountId,
      e.region,
      e.ruleId,
      severityOf.get(e.ruleId) ?? '',
      e.resourceType,
      e.resourceId,
      e.resourceName,
      e.complianceType,
      e.annotation,
      // Findings are whole sentences; one per line inside the quoted cell.
      e.findings.join('\n'),
    ].map(defuse),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
}
