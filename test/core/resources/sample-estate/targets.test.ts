// The built-in sample estate shows both target group rules at work: 50-targets.json adds target group
// tags and attributes to the load balancers of the other sample files.
import { describe, expect, it } from 'vitest';
import {
  parseSnapshot,
  readSnapshots,
  SnapshotError,
} from '../../../../rules/core/resources/snapshot/load.js';
import { selectRules } from '../../../../rules/index.js';
import {
  auditSampleEstate,
  itShowsVerdicts,
  SAMPLE_ESTATE_DAY,
  SAMPLE_ESTATE_FOLDER,
  snapshotOf,
} from '../../../support/sample-estate.js';

const TARGET_RULES = ['elbv2-target-encryption', 'lb-cross-zone'];

describe('the sample estate, target groups', () => {
  it('has every facet the target group rules need, for every load balancer, and shows each verdict', async () => {
    const { evaluations } = await auditSampleEstate({
      rules: selectRules(TARGET_RULES),
      now: SAMPLE_ESTATE_DAY,
    });
    expect(evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA')).toEqual([]);
    for (const ruleId of TARGET_RULES) {
      const verdicts = new Set(evaluations.filter((e) => e.ruleId === ruleId).map((e) => e.complianceType));
      expect([...verdicts].sort(), ruleId).toEqual(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']);
    }
  });

  itShowsVerdicts(TARGET_RULES, [
    ['elbv2-target-encryption', 'web-public', 'NON_COMPLIANT', 'storefront HTTP:8080: sends plaintext HTTP'],
    ['elbv2-target-encryption', 'eu-storefront', 'NON_COMPLIANT', 'health check uses HTTP; use HTTPS'],
    ['elbv2-target-encryption', 'db-proxy', 'COMPLIANT', 'pg TCP:5432 (TLS offload declared by tag'],
    ['elbv2-target-encryption', 'dns-resolver', 'COMPLIANT', 'resolvers UDP:53 (cannot carry TLS)'],
    ['elbv2-target-encryption', 'reports-restricted', 'NOT_APPLICABLE', 'reports-fn (Lambda target)'],
    ['elbv2-target-encryption', 'inspection-gwlb', 'NOT_APPLICABLE', 'Gateway Load Balancer'],
    [
      'lb-cross-zone',
      'api-legacy',
      'NON_COMPLIANT',
      'target group api-legacy turns cross-zone load balancing off',
    ],
    ['lb-cross-zone', 'ops-nlb', 'NON_COMPLIANT', 'cross-zone load balancing is off'],
    ['lb-cross-zone', 'mqtt-ingest', 'NON_COMPLIANT', 'mqtt-brokers follows the load balancer'],
    [
      'lb-cross-zone',
      'dns-resolver',
      'COMPLIANT',
      'Load balancer: off. Cross-zone on for target groups resolvers.',
    ],
    ['lb-cross-zone', 'legacy-web', 'COMPLIANT', 'Cross-zone load balancing is enabled.'],
    ['lb-cross-zone', 'inspection-gwlb', 'NOT_APPLICABLE', ''],
  ]);

  it('refuses a snapshot whose target group attributes are malformed, naming the field', () => {
    const bad = snapshotOf(readSnapshots([SAMPLE_ESTATE_FOLDER])[0]!.loadBalancers[0]!.loadBalancer, {
      targetGroupAttributes: [{ arn: 'not-an-arn', name: 'x', targetType: 'ip', attributes: {} }],
    });
    expect(() => parseSnapshot(bad, 'bad.json')).toThrow(SnapshotError);
    expect(() => parseSnapshot(bad, 'bad.json')).toThrow(/targetGroupAttributes\.0\.arn/);
  });
});
