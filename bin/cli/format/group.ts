// Groups evaluations by account, region and rule, worst first: the order every human-facing
// report (table, HTML) shows them in.

import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { COMPLIANCE_ORDER } from '../audit/audit.js';
import { severityRank } from '../audit/gate.js';
import { type Counts, emptyCounts } from '../audit/summary.js';

export interface Group<T> {
  key: string;
  counts: Counts;
  items: T[];
}

export interface RuleGroup extends Group<Evaluation> {
  rule?: AnyRule;
}

export interface RegionGroup extends Group<RuleGroup> {}
export interface AccountGroup extends Group<RegionGroup> {}

/** Worse first: more non-compliant, then more unjudged, then by key. */
function worse(a: Group<unknown>, b: Group<unknown>): number {
  return (
    b.counts.NON_COMPLIANT - a.counts.NON_COMPLIANT ||
    b.counts.INSUFFICIENT_DATA - a.counts.INSUFFICIENT_DATA ||
    a.key.localeCompare(b.key)
  );
}

function count(evaluations: readonly Evaluation[]): Counts {
  const counts = emptyCounts();
  for (const e of evaluations) counts[e.complianceType]++;
  return counts;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

export function byRuleWorstFirst(evaluations: readonly Evaluation[], rules: readonly AnyRule[]): RuleGroup[] {
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const groups: RuleGroup[] = [...groupBy(evaluations, (e) => e.ruleId)].map(([key, items]) => ({
    key,
    rule: ruleById.get(key),
    counts: count(items),
    items: [...items].sort(
      (a, b) =>
        COMPLIANCE_ORDER[a.complianceType] - COMPLIANCE_ORDER[b.complianceType] ||
        a.resourceName.localeCompare(b.resourceName) ||
        a.resourceId.localeCompare(b.resourceId),
    ),
  }));
  // Failing rules first, the most severe of them first; then the rest by severity.
  return groups.sort(
    (a, b) =>
      Number(b.counts.NON_COMPLIANT > 0) - Number(a.counts.NON_COMPLIANT > 0) ||
      severityRank(a.rule?.severity ?? 'informational') - severityRank(b.rule?.severity ?? 'informational') ||
      worse(a, b),
  );
}

export function groupEvaluations(
  evaluations: readonly Evaluation[],
  rules: readonly AnyRule[],
): AccountGroup[] {
  return [...groupBy(evaluations, (e) => e.accountId)]
    .map(([account, inAccount]) => ({
      key: account,
      counts: count(inAccount),
      items: [...groupBy(inAccount, (e) => e.region)]
        .map(([region, inRegion]) => ({
          key: region,
          counts: count(inRegion),
          items: byRuleWorstFirst(inRegion, rules),
        }))
        .sort(worse),
    }))
    .sort(worse);
}
