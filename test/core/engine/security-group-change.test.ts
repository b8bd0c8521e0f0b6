// A security group's configuration-item change is reported on every load balancer that uses
// the group, judged with the group as the item recorded it (not as it was read earlier).
import { describe, expect, it } from 'vitest';
import { runInvocation } from '../../../rules/core/engine/invocation.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import type { LoadBalancerRecord } from '../../../rules/core/resources/snapshot/format.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { rule } from '../../../rules/lb-sg-world-ingress/rule.js';
import {
  ACCOUNT,
  CLASSIC_CERTIFICATE,
  classicItem,
  elbv2Item,
  listenerItem,
  listenerOf,
  loadBalancerOf,
  REGION,
  securityGroupItem,
  securityGroupOf,
  tcp,
} from '../../fixtures/network-items.js';

const SHARED = 'sg-0shared000000001';
const OTHER = 'sg-0other0000000002';
const WORLD4 = { v4: ['0.0.0.0/0'] };

function record(raw: unknown, groups: string[], listeners: [string, number][]): LoadBalancerRecord {
  const { lb } = loadBalancerOf(raw);
  return {
    loadBalancer: lb,
    facets: {
      listeners: listeners.map(([protocol, port]) => listenerOf(listenerItem(lb.resourceId, protocol, port))),
      securityGroups: groups.map((id) => securityGroupOf(securityGroupItem(id, id, [tcp(443, 443, WORLD4)]))),
    },
  };
}

/** Three load balancers use the shared group (ALB, NLB, Classic); one uses another group. */
function estate() {
  return new SnapshotEstate({
    accountId: ACCOUNT,
    region: REGION,
    loadBalancers: [
      record(elbv2Item({ name: 'shop', securityGroups: [SHARED] }), [SHARED], [['HTTPS', 443]]),
      record(
        elbv2Item({ name: 'mqtt', type: 'network', securityGroups: [SHARED] }),
        [SHARED],
        [['TLS', 443]],
      ),
      record(
        classicItem({
          name: 'legacy',
          securityGroups: [SHARED],
          listeners: [{ protocol: 'HTTPS', port: 443, instancePort: 80, certificate: CLASSIC_CERTIFICATE }],
        }),
        [SHARED],
        [],
      ),
      record(elbv2Item({ name: 'unrelated', securityGroups: [OTHER] }), [OTHER], [['HTTPS', 443]]),
    ],
  });
}

function changeEvent(configurationItem: unknown) {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify({
      configurationItem,
      configurationItemDiff: { changeType: 'UPDATE', changedProperties: {} },
      notificationCreationTime: '2026-11-20T10:00:05.000Z',
      messageType: 'ConfigurationItemChangeNotification',
      recordVersion: '1.3',
    }),
    ruleParameters: '{}',
    resultToken: 'token',
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/config-role`,
    configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-abc123`,
    configRuleName: 'lb-sg-world-ingress',
    configRuleId: 'config-rule-abc123',
    accountId: ACCOUNT,
  };
}

async function invoke(configurationItem: unknown) {
  return runInvocation(rule, changeEvent(configurationItem), {
    openEstate: async () => estate(),
    fetchOversizedItem: async () => {
      throw new Error('not oversized');
    },
    now: () => new Date('2026-11-20T10:00:06.000Z'),
    log: silentLog,
  });
}

describe('a security-group configuration-item change', () => {
  it('produces an evaluation for every load balancer using the group, judged on the changed group', async () => {
    const changed = securityGroupItem(SHARED, 'shared-web', [tcp(443, 443, WORLD4), tcp(22, 22, WORLD4)]);
    const result = await invoke(changed);
    const byName = Object.fromEntries(result.evaluations.map((e) => [e.resourceName, e]));
    expect(Object.keys(byName).sort()).toEqual(['legacy', 'mqtt', 'shop']);
    for (const evaluation of result.evaluations) {
      expect(evaluation.complianceType).toBe('NON_COMPLIANT');
      expect(evaluation.annotation).toBe(
        'sg-0shared000000001 (shared-web) allows tcp 22 from 0.0.0.0/0: not a listener port',
      );
    }
    expect(byName.legacy?.resourceType).toBe('AWS::ElasticLoadBalancing::LoadBalancer');
    expect(byName.shop?.resourceType).toBe('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(result.unreadable).toEqual([]);
  });

  it('clears the finding on every user once the group is fixed', async () => {
    const fixed = securityGroupItem(SHARED, 'shared-web', [tcp(443, 443, WORLD4)]);
    const result = await invoke(fixed);
    expect(result.evaluations.map((e) => [e.resourceName, e.complianceType]).sort()).toEqual([
      ['legacy', 'COMPLIANT'],
      ['mqtt', 'COMPLIANT'],
      ['shop', 'COMPLIANT'],
    ]);
  });

  it('reports nothing for a group no load balancer uses', async () => {
    const result = await invoke(securityGroupItem('sg-0unused00000003', 'unused', [tcp(22, 22, WORLD4)]));
    expect(result.evaluations).toEqual([]);
  });
});
