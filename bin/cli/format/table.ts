// The table report: grouped per account, region and rule, worst first, one line per load
// balancer, then a per-rule summary. Colour only when writing to a terminal.
import pc from 'picocolors';
import type { ComplianceType } from '../../../rules/core/engine/outcome.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import type { AuditResult } from '../audit/audit.js';
import { type Counts, summarizeAudit } from '../audit/summary.js';
import { groupEvaluations } from './group.js';

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
  const tally = (counts: Counts) =>
    (['NON_COMPLIANT', 'INSUFFICIENT_DATA', 'COMPLIANT'] as const)
      .filter((t) => counts[t] > 0)
      .map((t) => paint[t](`${counts[t]} ${LABEL[t]}`))
      .join(', ') || c.dim('nothing applicable');

  const lines: string[] = [];
  for (const account of groupEvaluations(result.evaluations, rules)) {
    lines.push(c.bold(`Account ${account.key}`) + `  ${tally(account.counts)}`);
    for (const region of account.items) {
      lines.push(`  ${c.bold(region.key)}  ${tally(region.counts)}`);
      for (const group of region.items) {
        const rule = group.rule;
        lines.push(
          `    ${c.bold(group.key)}` +
            c.dim(rule ? ` — ${rule.title} [${rule.severity}]` : '') +
            `  ${tally(group.counts)}`,
        );
        const shown = group.items.filter((r) => r.complianceType !== 'NOT_APPLICABLE');
        const nameWidth = Math.min(40, Math.max(0, ...shown.map((r) => r.resourceName.length)));
        for (const row of shown) {
          const status = LABEL[row.complianceType].padEnd(7);
          lines.push(
            `      ${paint[row.complianceType](status)}  ${row.resourceName.padEnd(nameWidth)}  ${row.annotation}`,
          );
        }
        // Other kinds of load balancer are noise here; --format json lists them.
        if (group.counts.NOT_APPLICABLE)
          lines.push(
            c.dim(
              `      ${LABEL.NOT_APPLICABLE.padEnd(7)}  ${group.counts.NOT_APPLICABLE} load balancer(s) this rule does not apply to`,
            ),
          );
      }
    }
    lines.push('');
  }

  const summary = summarizeAudit(result, rules);
  const ruleRows = Object.entries(summary.byRule);
  if (ruleRows.length) {
    const width = Math.max(...ruleRows.map(([id]) => id.length));
    lines.push(c.bold('By rule'));
    for (const [id, counts] of ruleRows) {
      const severity = summary.rules[id]?.severity ?? '';
      lines.push(`  ${id.padEnd(width)}  ${severity.padEnd(13)}  ${tally(counts)}`);
    }
    lines.push('');
  }
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
  for (const skip of result.skipped) {
    lines.push(
      c.dim(`- skipped ${skip.accountId ? `${skip.accountId}/` : ''}${skip.region}: ${skip.reason}`),
    );
  }
  if (summary.requests) {
    lines.push(
      c.dim(
        `${summary.requests.requests} request(s) to AWS, ${summary.requests.throttled} throttled and retried`,
      ),
    );
  }
  return lines.join('\n');
}
