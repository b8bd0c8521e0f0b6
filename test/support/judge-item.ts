// Judges a rule against a real-shaped configuration item through the same judge() the Lambda and
// the CLI use, with any further facets (listeners, rules...) given as API-shaped data.
import { type Evaluation, judge, ruleParameters } from '../../rules/core/engine/judge.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { normalizeConfigurationItem } from '../../rules/core/resources/config-item/item.js';
import { subjectOf } from '../../rules/core/resources/config-item/to-model.js';
import { SnapshotEstate } from '../../rules/core/resources/snapshot/snapshot-estate.js';

export const NOW = new Date('2026-11-20T12:00:00.000Z');

export async function judgeItem(
  rule: AnyRule,
  item: unknown,
  facets: Record<string, unknown> = {},
  params: Record<string, unknown> = {},
): Promise<Evaluation> {
  const subject = subjectOf(normalizeConfigurationItem(item));
  if (subject.type !== 'loadBalancer' || !subject.lb)
    throw new Error('judgeItem needs a load balancer item that proves the load balancer');
  const carried = Object.fromEntries(subject.carried.map((c) => [c.facet.key, c.value]));
  const estate = new SnapshotEstate({
    accountId: subject.lb.accountId,
    region: subject.lb.region,
    loadBalancers: [{ loadBalancer: subject.lb, facets: { ...carried, ...facets } }],
  });
  return judge(rule, subject.lb, estate, ruleParameters(rule, params), NOW);
}
