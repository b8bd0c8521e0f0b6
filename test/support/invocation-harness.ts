// runInvocation over an in-memory estate of the records given, with a fixed clock and a silent log;
// fetching an oversized item fails unless a test supplies its own fetchOversizedItem in extra.
import { vi } from 'vitest';
import { type InvocationDeps, runInvocation } from '../../rules/core/engine/invocation.js';
import { silentLog } from '../../rules/core/engine/log.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import type { ElbV2LoadBalancer } from '../../rules/core/model/model.js';
import { elbv2LoadBalancer } from '../../rules/core/resources/normalize/elbv2.js';
import type { LoadBalancerRecord } from '../../rules/core/resources/snapshot/format.js';
import { SnapshotEstate } from '../../rules/core/resources/snapshot/snapshot-estate.js';
import { ACCOUNT, REGION } from '../fixtures/config-items.js';

export function invocationHarness(records: LoadBalancerRecord[], extra: Partial<InvocationDeps> = {}) {
  const estate = new SnapshotEstate({ accountId: ACCOUNT, region: REGION, loadBalancers: records });
  const openEstate = vi.fn(async () => estate);
  const deps: InvocationDeps = {
    openEstate,
    fetchOversizedItem: vi.fn(async () => {
      throw new Error('not expected');
    }),
    now: () => new Date('2026-11-20T12:00:00Z'),
    log: silentLog,
    ...extra,
  };
  return {
    estate,
    deps,
    openEstate,
    run: (rule: AnyRule, event: unknown) => runInvocation(rule, event, deps),
  };
}

/**
 * An internet-facing v2 load balancer's record with the facets given; a facet named in failures is
 * left out of the record, as a failed read leaves it.
 */
export function elbv2Record(
  arn: string,
  type: 'application' | 'network' | 'gateway',
  facets: Record<string, unknown>,
  failures?: Record<string, string>,
): LoadBalancerRecord {
  const loadBalancer = elbv2LoadBalancer(
    { LoadBalancerArn: arn, Type: type, Scheme: 'internet-facing', SecurityGroups: [] },
    ACCOUNT,
    REGION,
  ) as ElbV2LoadBalancer;
  const read = { ...facets };
  for (const key of Object.keys(failures ?? {})) delete read[key];
  return { loadBalancer, facets: read, failures };
}
