// The CSV report: one row per evaluation, for spreadsheets and data pipelines (RFC 4180 quoting
// by csv-stringify). Cells that a spreadsheet would run as a formula are prefixed with a quote.
// The header and each row are written on their own, so a streamed audit writes rows as it goes.
import { stringify } from 'csv-stringify/sync';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';

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

const RECORD_DELIMITER = 'windows';

/** OWASP's advice against CSV injection: a leading =, +, -, @, tab or CR starts a formula. */
export function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvHeader(): string {
  return stringify([], { header: true, columns: [...CSV_COLUMNS], record_delimiter: RECORD_DELIMITER });
}

/** Rows for evaluations of the given rules (for their severity), header excluded. */
export function csvRows(evaluations: readonly Evaluation[], rules: readonly AnyRule[]): string {
  const severityOf = new Map(rules.map((r) => [r.id, r.severity]));
  const rows = evaluations.map((e) =>
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
  return stringify(rows, { record_delimiter: RECORD_DELIMITER });
}
