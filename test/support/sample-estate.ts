// The built-in sample estate (rules/core/resources/sample-estate) audited as the CLI's --snapshot does,
// for the tests that show each rule at work on it.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { type AuditOptions, type AuditScope, runAudit } from '../../bin/cli/audit/audit.js';
import type { Evaluation } from '../../rules/core/engine/judge.js';
import { readSnapshots } from '../../rules/core/resources/snapshot/load.js';
import { SnapshotEstate } from '../../rules/core/resources/snapshot/snapshot-estate.js';
import { selectRules } from '../../rules/index.js';

export const SAMPLE_ESTATE_FOLDER = fileURLToPath(
  new URL('../../rules/core/resources/sample-estate', import.meta.url),
);

/** The day the sample estate was recorded on: its verdicts are stated for this clock. */
export const SAMPLE_ESTATE_DAY = new Date('2026-11-20T10:00:00Z');

/** One scope per account and region of the sample estate, each opened from its snapshot. */
export function sampleEstateScopes(): AuditScope[] {
  return readSnapshots([SAMPLE_ESTATE_FOLDER]).map((region) => ({
    label: `${region.accountId}/${region.region}`,
    accountId: region.accountId,
    region: region.region,
    open: async () => new SnapshotEstate(region),
  }));
}

export function auditSampleEstate(options: AuditOptions) {
  return runAudit(sampleEstateScopes(), options);
}

/** The one evaluation of ruleId for the load balancer called name; throws when there is none. */
export function evaluationOf(evaluations: readonly Evaluation[], ruleId: string, name: string): Evaluation {
  const found = evaluations.find((e) => e.ruleId === ruleId && e.resourceName === name);
  if (!found) throw new Error(`no ${ruleId} evaluation for ${name}`);
  return found;
}

/** A verdict the sample estate shows: rule, load balancer name, compliance, a part of the annotation. */
export type SampleVerdict = [ruleId: string, name: string, compliance: string, text: string];

/** One test per verdict, each auditing the sample estate with ruleIds on the day it was recorded. */
export function itShowsVerdicts(ruleIds: readonly string[], verdicts: SampleVerdict[]): void {
  it.each(verdicts)('%s on %s: %s', async (ruleId, name, compliance, text) => {
    const { evaluations } = await auditSampleEstate({ rules: selectRules(ruleIds), now: SAMPLE_ESTATE_DAY });
    const evaluation = evaluationOf(evaluations, ruleId, name);
    expect(evaluation.complianceType).toBe(compliance);
    expect(evaluation.annotation).toContain(text);
  });
}

/** A snapshot document (as JSON text) of one load balancer in one region, with the facets given. */
export function snapshotOf(loadBalancer: unknown, facets: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'elb-config-rules/snapshot',
    version: 1,
    recordedAt: '2026-11-20T09:00:00.000Z',
    regions: [{ accountId: '111122223333', region: 'us-east-1', loadBalancers: [{ loadBalancer, facets }] }],
  });
}
