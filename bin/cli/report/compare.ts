// Config's stored results beside a live audit of the same accounts and regions. A disagreement
// usually means a rule is not triggered where it should be (a change Config did not record, a
// periodic sweep that is off), or a result outlived its resource.

import { stringify } from 'csv-stringify/sync';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { ComplianceType } from '../../../rules/core/engine/outcome.js';
import { defuse } from '../format/csv.js';
import type { StoredResult } from './stored-results.js';

export type Agreement =
  /** Both say the same. */
  | 'agree'
  /** Both judged the resource, differently. */
  | 'disagree'
  /** Config holds a result for a resource the live audit did not find: deleted, or never cleaned up. */
  | 'stored-only'
  /** The live audit judged a resource Config holds no result for: the rule was not triggered. */
  | 'live-only'
  /** The live audit could not read the resource: nothing to compare. */
  | 'live-unread';

export interface Comparison {
  accountId: string;
  region: string;
  ruleId: string;
  resourceType: string;
  resourceId: string;
  resourceName: string;
  agreement: Agreement;
  stored?: { complianceType: ComplianceType; annotation: string; recordedAt?: string };
  live?: { complianceType: ComplianceType; annotation: string };
}

const key = (x: {
  accountId: string;
  region: string;
  ruleId: string;
  resourceType: string;
  resourceId: string;
}) => `${x.accountId}|${x.region}|${x.ruleId}|${x.resourceType}|${x.resourceId}`;

/**
 * Compares within the scopes ("account/region") the live audit covered; stored results elsewhere
 * are not compared. `storesNotApplicable` is false for aggregators, which keep COMPLIANT and
 * NON_COMPLIANT only: a live NOT_APPLICABLE with no stored result then agrees.
 */
export function compareResults(
  stored: readonly StoredResult[],
  live: readonly Evaluation[],
  auditedScopes: ReadonlySet<string>,
  options: { storesNotApplicable: boolean },
): Comparison[] {
  const liveByKey = new Map(live.map((e) => [key(e), e]));
  const out: Comparison[] = [];
  const seen = new Set<string>();
  for (const s of stored) {
    if (!auditedScopes.has(`${s.accountId}/${s.region}`)) continue;
    const k = key(s);
    seen.add(k);
    const l = liveByKey.get(k);
    const storedView = {
      complianceType: s.complianceType,
      annotation: s.annotation,
      ...(s.recordedAt ? { recordedAt: s.recordedAt.toISOString() } : {}),
    };
    out.push({
      accountId: s.accountId,
      region: s.region,
      ruleId: s.ruleId,
      resourceType: s.resourceType,
      resourceId: s.resourceId,
      resourceName: l?.resourceName ?? s.resourceId,
      stored: storedView,
      ...(l ? { live: { complianceType: l.complianceType, annotation: l.annotation } } : {}),
      agreement: !l
        ? 'stored-only'
        : l.complianceType === 'INSUFFICIENT_DATA'
          ? 'live-unread'
          : l.complianceType === s.complianceType
            ? 'agree'
            : 'disagree',
    });
  }
  for (const l of live) {
    const k = key(l);
    if (seen.has(k) || !auditedScopes.has(`${l.accountId}/${l.region}`)) continue;
    const agreement: Agreement =
      l.complianceType === 'INSUFFICIENT_DATA'
        ? 'live-unread'
        : l.complianceType === 'NOT_APPLICABLE' && !options.storesNotApplicable
          ? 'agree'
          : 'live-only';
    out.push({
      accountId: l.accountId,
      region: l.region,
      ruleId: l.ruleId,
      resourceType: l.resourceType,
      resourceId: l.resourceId,
      resourceName: l.resourceName,
      agreement,
      live: { complianceType: l.complianceType, annotation: l.annotation },
    });
  }
  return out.sort(
    (a, b) =>
      RANK[a.agreement] - RANK[b.agreement] ||
      a.accountId.localeCompare(b.accountId) ||
      a.region.localeCompare(b.region) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}

const RANK: Record<Agreement, number> = {
  disagree: 0,
  'live-only': 1,
  'stored-only': 2,
  'live-unread': 3,
  agree: 4,
};

export function countAgreements(comparisons: readonly Comparison[]): Record<Agreement, number> {
  const counts: Record<Agreement, number> = {
    agree: 0,
    disagree: 0,
    'stored-only': 0,
    'live-only': 0,
    'live-unread': 0,
  };
  for (const c of comparisons) counts[c.agreement]++;
  return counts;
}

/** The comparison as text: every row that is not an agreement, then the counts. */
export function formatComparisonTable(comparisons: readonly Comparison[]): string {
  const rows = comparisons.filter((c) => c.agreement !== 'agree');
  const lines = rows.map(
    (c) =>
      `${c.agreement.padEnd(11)} ${c.accountId}/${c.region} ${c.ruleId} ${c.resourceName}: ` +
      `Config ${c.stored?.complianceType ?? '(no result)'}${c.stored?.recordedAt ? ` at ${c.stored.recordedAt}` : ''}, ` +
      `live ${c.live?.complianceType ?? '(not found)'}${c.live?.annotation ? ` (${c.live.annotation})` : ''}`,
  );
  const counts = countAgreements(comparisons);
  lines.push(
    `${comparisons.length} result(s) compared: ${counts.agree} agree, ${counts.disagree} disagree, ` +
      `${counts['live-only']} live only (rule not triggered?), ${counts['stored-only']} stored only (resource gone?), ` +
      `${counts['live-unread']} unread live`,
  );
  return lines.join('\n');
}

export function formatComparisonJson(comparisons: readonly Comparison[]): string {
  return JSON.stringify({ comparisons, summary: countAgreements(comparisons) }, null, 2);
}

const CSV_COLUMNS = [
  'agreement',
  'accountId',
  'region',
  'ruleId',
  'resourceType',
  'resourceId',
  'storedComplianceType',
  'storedRecordedAt',
  'storedAnnotation',
  'liveComplianceType',
  'liveAnnotation',
];

export function formatComparisonCsv(comparisons: readonly Comparison[]): string {
  const rows = comparisons.map((c) =>
    [
      c.agreement,
      c.accountId,
      c.region,
      c.ruleId,
      c.resourceType,
      c.resourceId,
      c.stored?.complianceType ?? '',
      c.stored?.recordedAt ?? '',
      c.stored?.annotation ?? '',
      c.live?.complianceType ?? '',
      c.live?.annotation ?? '',
    ].map(defuse),
  );
  return stringify(rows, { header: true, columns: CSV_COLUMNS, record_delimiter: 'windows' });
}
