// A configuration item supplies only what it proves: a missing, null, malformed or truncated part
// is read live, and when that read fails the resource is INSUFFICIENT_DATA, never a default.
import { describe, expect, it } from 'vitest';
import { rule as waf } from '../../../../rules/alb-waf-enabled/rule.js';
import { rule as clbAcm } from '../../../../rules/clb-acm-certificate-required/rule.js';
import { rule as clbHttps } from '../../../../rules/clb-https-ssl-only/rule.js';
import { judge, ruleParameters } from '../../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../../rules/core/engine/rule.js';
import { affectedBy } from '../../../../rules/core/resources/affected.js';
import { normalizeConfigurationItem } from '../../../../rules/core/resources/config-item/item.js';
import type { Estate } from '../../../../rules/core/resources/estate.js';
import { failed } from '../../../../rules/core/resources/fetched.js';
import type { LoadBalancerRecord } from '../../../../rules/core/resources/snapshot/format.js';
import { SnapshotEstate } from '../../../../rules/core/resources/snapshot/snapshot-estate.js';
import { rule as internetApproved } from '../../../../rules/lb-internet-facing-approved/rule.js';
import { rule as worldIngress } from '../../../../rules/lb-sg-world-ingress/rule.js';
import { classicItem as realClassicItem } from '../../../fixtures/config-items.js';
import {
  ACCOUNT,
  elbv2Item,
  listenerItem,
  listenerOf,
  loadBalancerOf,
  REGION,
  securityGroupItem,
  securityGroupOf,
  tcp,
} from '../../../fixtures/network-items.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');

/** A snapshot standing for the live APIs; `down` makes every load balancer lookup fail. */
class LiveStandIn extends SnapshotEstate {
  down = false;
  override async getLoadBalancer(ref: Parameters<Estate['getLoadBalancer']>[0]) {
    if (this.down) return failed('ServiceUnavailable', `load balancer ${ref.resourceId}: unavailable`);
    return super.getLoadBalancer(ref);
  }
}

function live(records: LoadBalancerRecord[], down = false): LiveStandIn {
  const estate = new LiveStandIn({ accountId: ACCOUNT, region: REGION, loadBalancers: records });
  estate.down = down;
  return estate;
}

async function judgeChange(rule: AnyRule, raw: unknown, estate: Estate, params = {}) {
  const affected = await affectedBy(normalizeConfigurationItem(raw), estate, false);
  if (!affected.ok) return [affected.code === 'ServiceUnavailable' ? 'INSUFFICIENT_DATA' : affected.code];
  if (affected.value.type !== 'judge') return [affected.value.type];
  return Promise.all(
    affected.value.loadBalancers.map(
      async (lb) => (await judge(rule, lb, estate, ruleParameters(rule, params), NOW)).complianceType,
    ),
  );
}

function withConfiguration(raw: object, configuration: unknown) {
  return { ...raw, configuration };
}

describe('configuration items prove what they supply', () => {
  const plainClassic = realClassicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80 }] });
  const classicRecord = (): LoadBalancerRecord => ({
    loadBalancer: loadBalancerOf(plainClassic).lb,
    facets: {},
  });

  it('reads a Classic item with configuration null live: NON_COMPLIANT, or INSUFFICIENT_DATA when that fails', async () => {
    const item = withConfiguration(plainClassic, null);
    expect(await judgeChange(clbHttps, item, live([classicRecord()]))).toEqual(['NON_COMPLIANT']);
    expect(await judgeChange(clbHttps, item, live([classicRecord()], true))).toEqual(['INSUFFICIENT_DATA']);
  });

  it('reads a Classic item whose HTTPS listener lacks its certificate id live, never NOT_APPLICABLE', async () => {
    const iamCertificate = `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-2019`;
    const truth = realClassicItem({
      name: 'legacy',
      listeners: [
        { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, cert: iamCertificate },
      ],
    });
    const record = (): LoadBalancerRecord => ({ loadBalancer: loadBalancerOf(truth).lb, facets: {} });
    const item = realClassicItem({
      name: 'legacy',
      listeners: [{ protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80 }],
    });
    // Live, the listener serves an IAM server certificate.
    expect(await judgeChange(clbAcm, item, live([record()]))).toEqual(['NON_COMPLIANT']);
    expect(await judgeChange(clbAcm, item, live([record()], true))).toEqual(['INSUFFICIENT_DATA']);
  });

  it('does not read an oversized item whose configuration is an unparseable string', async () => {
    const item = withConfiguration(plainClassic, '{"loadBalancerName": "legacy", "listenerDescr');
    expect(await judgeChange(clbHttps, item, live([classicRecord()], true))).toEqual(['INSUFFICIENT_DATA']);
  });

  it.each([
    ['missing', undefined],
    ['with a trailing space', 'internal '],
    ['null', null],
    ['an object', { value: 'internal' }],
  ])('does not read a scheme %s as internet-facing', async (_, scheme) => {
    const raw = elbv2Item({ name: 'inner', scheme: 'internal' }) as {
      configuration: Record<string, unknown>;
    };
    const truth = loadBalancerOf(raw).lb;
    const item = withConfiguration(raw, { ...raw.configuration, scheme });
    // The load balancer really is internal: read live, it is NOT_APPLICABLE, never NON_COMPLIANT.
    expect(
      await judgeChange(internetApproved, item, live([{ loadBalancer: truth, facets: { tags: {} } }])),
    ).toEqual(['NOT_APPLICABLE']);
    expect(await judgeChange(waf, item, live([{ loadBalancer: truth, facets: {} }], true))).toEqual([
      'INSUFFICIENT_DATA',
    ]);
  });

  it('does not let a security group item with only groupId replace the live group', async () => {
    const group = 'sg-0inner00000000001';
    const raw = elbv2Item({ name: 'inner', scheme: 'internal', securityGroups: [group] });
    const { lb } = loadBalancerOf(raw);
    const open = securityGroupOf(securityGroupItem(group, 'inner', [tcp(443, 443, { v6: ['::/0'] })]));
    const estate = live([
      {
        loadBalancer: lb,
        facets: {
          securityGroups: [open],
          listeners: [listenerOf(listenerItem(lb.resourceId, 'HTTPS', 443))],
        },
      },
    ]);
    const bare = securityGroupItem(group, 'inner', []) as { configuration: Record<string, unknown> };
    const onlyId = withConfiguration(bare, { groupId: group });
    expect(await judgeChange(worldIngress, onlyId, estate)).toEqual(['NON_COMPLIANT']);
  });
});

describe('applicability before data', () => {
  it('reports an internal ALB NOT_APPLICABLE for alb-waf-enabled without reading WAF', async () => {
    const raw = elbv2Item({ name: 'inner', scheme: 'internal' });
    const { lb } = loadBalancerOf(raw);
    // No webAcl recorded: reading it would fail.
    const estate = live([{ loadBalancer: lb, facets: {} }]);
    expect(await judgeChange(waf, raw, estate)).toEqual(['NOT_APPLICABLE']);
    expect(await judgeChange(waf, raw, estate, { scope: 'all' })).toEqual(['INSUFFICIENT_DATA']);
  });
});
