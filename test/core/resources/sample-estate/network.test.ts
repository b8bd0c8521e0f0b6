// The built-in sample estate shows every network rule at work: 40-network.json adds targets, the
// groups guarding them and web ACLs to the load balancers of 10-estate.json, plus three new ones.
import { describe, expect, it } from 'vitest';
import { parseSnapshot, SnapshotError } from '../../../../rules/core/resources/snapshot/load.js';
import { selectRules } from '../../../../rules/index.js';
import { NETWORK_RULES } from '../../../fixtures/network-items.js';
import { auditSampleEstate, itShowsVerdicts, snapshotOf } from '../../../support/sample-estate.js';

describe('the sample estate', () => {
  it('has every facet the network rules need, for every load balancer', async () => {
    const result = await auditSampleEstate({ rules: selectRules(NETWORK_RULES) });
    expect(result.evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA')).toEqual([]);
  });

  itShowsVerdicts(NETWORK_RULES, [
    [
      'lb-sg-world-ingress',
      'partner-gateway',
      'NON_COMPLIANT',
      'allows tcp 0-65535 from 0.0.0.0/0: tcp 0-442, 444-65535 are not listener ports',
    ],
    [
      'lb-sg-world-ingress',
      'grpc-internal',
      'NON_COMPLIANT',
      'allows tcp 443 from ::/0 on an internal load balancer',
    ],
    [
      'lb-sg-world-ingress',
      'ops-nlb',
      'NON_COMPLIANT',
      'allows all traffic from 0.0.0.0/0: every protocol and port is open',
    ],
    [
      'lb-sg-world-ingress',
      'legacy-web',
      'NON_COMPLIANT',
      'allows tcp 22 from 0.0.0.0/0: not a listener port',
    ],
    ['lb-sg-world-ingress', 'web-public', 'COMPLIANT', 'World ingress only on listener ports tcp 80, 443.'],
    [
      'lb-target-sg-restricted',
      'api-legacy',
      'NON_COMPLIANT',
      'allows tcp 8080 from 0.0.0.0/0: world ingress',
    ],
    ['lb-target-sg-restricted', 'web-public', 'COMPLIANT', 'Checked 2 targets'],
    [
      'lb-target-sg-restricted',
      'mqtt-ingest',
      'COMPLIANT',
      'Not checked: IP target 10.99.0.5 (registered as outside the VPC)',
    ],
    ['lb-internet-facing-approved', 'partner-gateway', 'NON_COMPLIANT', 'internet-facing but not approved'],
    ['nlb-has-security-groups', 'game-relay', 'NON_COMPLIANT', 'internet-facing NLB has no security groups'],
    ['alb-waf-enabled', 'web-public', 'COMPLIANT', 'Protected by web ACL storefront-edge.'],
    ['alb-waf-enabled', 'api-legacy', 'NON_COMPLIANT', 'internet-facing ALB has no AWS WAF web ACL'],
    ['alb-drop-invalid-headers', 'maintenance-page', 'NON_COMPLIANT', 'is false; set it to true'],
    [
      'lb-desync-mitigation',
      'partner-gateway',
      'NON_COMPLIANT',
      'routing.http.desync_mitigation_mode is monitor',
    ],
    ['lb-desync-mitigation', 'billing-clb', 'NON_COMPLIANT', 'elb.http.desyncmitigationmode is monitor'],
    [
      'lb-sg-world-ingress',
      'pq-legacy-clients',
      'NON_COMPLIANT',
      'allows tcp 80 from 0.0.0.0/0, ::/0: not a listener port',
    ],
    ['lb-deletion-protection', 'inspection-gwlb', 'NON_COMPLIANT', 'deletion_protection.enabled is false'],
    ['lb-access-logs', 'legacy-web', 'NON_COMPLIANT', 'accessLog.enabled=false'],
    ['lb-target-health', 'api-legacy', 'NON_COMPLIANT', 'Target.FailedHealthChecks ×1'],
    [
      'lb-target-health',
      'reports-restricted',
      'COMPLIANT',
      'Health checks disabled: targetgroup/reports-fn.',
    ],
  ]);

  it('refuses a snapshot whose targets facet is malformed, naming the field', () => {
    const bad = snapshotOf(
      {
        kind: 'classic',
        resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
        resourceId: 'x',
        accountId: '111122223333',
        region: 'us-east-1',
        name: 'x',
        scheme: 'internal',
        securityGroupIds: [],
        listeners: [],
        instanceIds: [],
      },
      { targets: [{ name: 'g', targetType: 'container', healthCheck: { enabled: true }, targets: [] }] },
    );
    expect(() => parseSnapshot(bad, 'bad.json')).toThrow(SnapshotError);
    expect(() => parseSnapshot(bad, 'bad.json')).toThrow(/loadBalancers\.0\.facets\.targets\.0\.targetType/);
  });
});
