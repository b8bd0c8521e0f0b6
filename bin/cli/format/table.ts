// The table report: per rule, one line per load balancer, worst first, then a summary.
// Colour only when writing to a terminal.
import pc from 'picocolors';
import type { AuditResult } from '../../../rules/audit/audit.js';
import { summarize } from '../../../rules/audit/summary.js';
import type { Evaluation } from '../../../rules/engine/judge.js';
import type { ComplianceType } from '../../../rules/engine/outcome.js';
import type { AnyRule } from '../../../rules/engine/rule.js';

const LABEL: Record<ComplianceType, string> = {
  NON_COMPLIANT: 'FAIL',
  INSUFFICIENT_DATA: 'NO DATA',
  COMPLIANT: 'PASS',
  NOT_APPLICABLE: 'N/A',
};

export function formatTable(result: AuditResult, rules: readonly AnyRule[], color: boolean): string {
  const c = pc.createColors(color);
  const paint: Record<ComplianceType, (s: string) => string> = {
    NON_COMPLIANT: c.red,
    INSUFFICIENT_DATA: c.yellow,
    COMPLIANT: c.green,
    NOT_APPLICABLE: c.dim,
  };
  const lines: string[] = [];
  const multiScope = new Set(result.evaluations.map((e) => `${e.accountId}/${e.region}`)).size > 1;
  for (const rule of rules) {
    const rows = result.evaluations.filter((e) => e.ruleId === rule.id);
    if (rows.length === 0) continue;
    lines.push(c.bold(`${rule.id}`) + c.dim(` — ${rule.title} [${rule.severity}]`));
    const shown = rows.filter((r) => r.complianceType !== 'NOT_APPLICABLE');
    const hidden = rows.length - shown.length;
    const nameWidth = Math.min(40, Math.max(0, ...shown.map((r) => where(r, multiScope).length)));
    for (const row of shown) {
      const status = LABEL[row.complianceType].padEnd(7);
      const name = where(row, multiScope).padEnd(nameWidth);
      lines.push(`  ${paint[row.complianceType](status)}  ${name}  ${row.annotation}`);
    }
    // Other kinds of load balancer are noise here; --format json lists them.
    if (hidden)
      lines.push(
        c.dim(`  ${LABEL.NOT_APPLICABLE.padEnd(7)}  ${hidden} load balancer(s) this rule does not apply to`),
      );
    lines.push('');
  }
  const summary = summarize(result.evaluations, result.scopes, result.errors);
  const counts = summary.compliance;
  lines.push(
    `${summary.loadBalancers} load balancer(s), ${rules.length} rule(s): ` +
      [
        c.red(`${counts.NON_COMPLIANT} non-compliant`),
        c.green(`${counts.COMPLIANT} compliant`),
        c.dim(`${counts.NOT_APPLICABLE} not applicable`),
        c.yellow(`${counts.INSUFFICIENT_DATA} insufficient data`),
      ].join(', '),
  );
  for (const error of result.errors) {
    lines.push(
      c.yellow(
        `! ${error.accountId ?? ''}${error.accountId ? '/' : ''}${error.region}: ${error.code}: ${error.message}`,
      ),
    );
  }
  return lines.join('\n');
}

function where(e: Evaluation, multiScope: boolean): string {
  return multiScope ? `${e.resourceName} (${e.accountId}/${e.region})` : e.resourceName;
}
