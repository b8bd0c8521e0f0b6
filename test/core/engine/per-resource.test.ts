// Per-resource reporting (reportOn=listener): one evaluation per listener, reported as
// AWS::ElasticLoadBalancingV2::Listener, through change, oversized, deletion and sweep events.
import { describe, expect, it, vi } from 'vitest';
import { runInvocation } from '../../../rules/core/engine/invocation.js';
import { judge, ruleParameters } from '../../../rules/core/engine/judge.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import { reportedTypes, reportOnValue } from '../../../rules/core/engine/per-resource.js';
import type { LoadBalancer } from '../../../rules/core/model/model.js';
import type { Estate } from '../../../rules/core/resources/estate.js';
import { elbv2Listener } from '../../../rules/core/resources/normalize/elbv2.js';
import type { LoadBalancerRecord } from '../../../rules/core/resources/snapshot/format.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { NO_DESCRIBED_POLICIES } from '../../../rules/core/tls/lookup.js';
import { rule as elbv2TlsPolicy } from '../../../rules/elbv2-tls-policy/rule.js';
import { RULES } from '../../../rules/index.js';
import { rule as nlbTlsOnly } from '../../../rules/nlb-tls-only/rule.js';
import {
  ACCOUNT,
  albArn,
  changeEvent,
  elbv2LoadBalancerItem,
  type ListenerShape,
  listenerApiShape,
  listenerArnOf,
  listenerItem,
  nlbArn,
  oversizedEvent,
  REGION,
  scheduledEvent,
} from '../../fixtures/config-items.js';
import { elbv2Record, invocationHarness } from '../../support/invocation-harness.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const PER_LISTENER = { reportOn: 'listener' };
const EDGE = nlbArn('edge', '1111');
const DNS = nlbArn('dns', '2222');
const TCP_80: ListenerShape = { port: 80, protocol: 'TCP', defaultActions: [] };
const TLS_443: ListenerShape = {
  port: 443,
  protocol: 'TLS',
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  defaultActions: [],
};

function record(
  arn: string,
  type: 'network' | 'application',
  listeners: Record<string, ListenerShape>,
  failures?: Record<string, string>,
): LoadBalancerRecord {
  const facets = {
    listeners: Object.entries(listeners).map(([id, l]) => elbv2Listener(listenerApiShape(arn, id, l))),
    tlsPolicies: NO_DESCRIBED_POLICIES,
  };
  return elbv2Record(arn, type, facets, failures);
}

const rows = (evaluations: { resourceType: string; resourceId: string; complianceType: string }[]) =>
  evaluations.map((e) => [e.resourceType, e.resourceId, e.complianceType]).sort();

describe('a Listener change with reportOn=listener', () => {
  it('judges the load balancer once and reports each of its listeners as a Listener', async () => {
    const { run } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80, tls: TLS_443 })]);
    const result = await run(
      nlbTlsOnly,
      changeEvent(listenerItem(EDGE, 'tcp', TCP_80), { parameters: PER_LISTENER }),
    );
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(EDGE, 'tcp'), 'NON_COMPLIANT'],
      [LISTENER, listenerArnOf(EDGE, 'tls'), 'COMPLIANT'],
    ]);
    const tcp = result.evaluations.find((e) => e.resourceId === listenerArnOf(EDGE, 'tcp'))!;
    expect(tcp.annotation).toBe('TCP:80 is plaintext TCP; use a TLS listener');
    expect(tcp.resourceName).toBe('edge listener TCP:80');
  });

  it('still reports the load balancer with the default reportOn', async () => {
    const { run } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80, tls: TLS_443 })]);
    const result = await run(nlbTlsOnly, changeEvent(listenerItem(EDGE, 'tcp', TCP_80)));
    expect(rows(result.evaluations)).toEqual([[LOAD_BALANCER, EDGE, 'NON_COMPLIANT']]);
  });

  it('reports a deleted listener NOT_APPLICABLE and only that one', async () => {
    const { run } = invocationHarness([record(EDGE, 'network', { tls: TLS_443 })]);
    const item = listenerItem(EDGE, 'tcp', TCP_80, 'ResourceDeleted');
    const result = await run(nlbTlsOnly, changeEvent(item, { parameters: PER_LISTENER }));
    expect(rows(result.evaluations)).toEqual([[LISTENER, listenerArnOf(EDGE, 'tcp'), 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toContain('ResourceDeleted');
  });

  it('reports a listener that left the rule scope NOT_APPLICABLE', async () => {
    const { run } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80 })]);
    const item = listenerItem(EDGE, 'tcp', TCP_80);
    const result = await run(nlbTlsOnly, changeEvent(item, { parameters: PER_LISTENER, leftScope: true }));
    expect(rows(result.evaluations)).toEqual([[LISTENER, listenerArnOf(EDGE, 'tcp'), 'NOT_APPLICABLE']]);
  });

  it('reports the changed listener NOT_APPLICABLE when its load balancer is gone', async () => {
    const { run } = invocationHarness([]);
    const result = await run(
      nlbTlsOnly,
      changeEvent(listenerItem(EDGE, 'tcp', TCP_80), { parameters: PER_LISTENER }),
    );
    expect(rows(result.evaluations)).toEqual([[LISTENER, listenerArnOf(EDGE, 'tcp'), 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toMatch(/load balancer no longer exists/);
  });

  it('reports the changed listener NOT_APPLICABLE when its load balancer no longer lists it', async () => {
    const { run } = invocationHarness([record(EDGE, 'network', { tls: TLS_443 })]);
    const result = await run(
      nlbTlsOnly,
      changeEvent(listenerItem(EDGE, 'tcp', TCP_80), { parameters: PER_LISTENER }),
    );
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(EDGE, 'tcp'), 'NOT_APPLICABLE'],
      [LISTENER, listenerArnOf(EDGE, 'tls'), 'COMPLIANT'],
    ]);
  });

  it('reports a listener of a kind the rule skips NOT_APPLICABLE, saying why', async () => {
    const web = albArn('web', '3333');
    const { run } = invocationHarness([record(web, 'application', { tcp: { ...TCP_80, protocol: 'HTTP' } })]);
    const result = await run(
      nlbTlsOnly,
      changeEvent(listenerItem(web, 'tcp', { ...TCP_80, protocol: 'HTTP' }), { parameters: PER_LISTENER }),
    );
    expect(rows(result.evaluations)).toEqual([[LISTENER, listenerArnOf(web, 'tcp'), 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toMatch(/ALB: judged only with preset=securityhub \(ELB.18\)/);
  });

  it('does not send a listener whose load balancer could not be read, and counts it unreadable', async () => {
    const { run } = invocationHarness([
      record(EDGE, 'network', { tcp: TCP_80 }, { listeners: 'AccessDenied' }),
    ]);
    const result = await run(
      nlbTlsOnly,
      changeEvent(listenerItem(EDGE, 'tcp', TCP_80), { parameters: PER_LISTENER }),
    );
    expect(result.evaluations).toEqual([]);
    expect(result.unreadable.map((e) => [e.resourceType, e.resourceId])).toEqual([
      [LISTENER, listenerArnOf(EDGE, 'tcp')],
    ]);
  });

  it('reports every listener when the load balancer item itself changes', async () => {
    const { run } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80, tls: TLS_443 })]);
    const result = await run(
      nlbTlsOnly,
      changeEvent(elbv2LoadBalancerItem({ arn: EDGE, type: 'network' }), { parameters: PER_LISTENER }),
    );
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(EDGE, 'tcp'), 'NON_COMPLIANT'],
      [LISTENER, listenerArnOf(EDGE, 'tls'), 'COMPLIANT'],
    ]);
  });

  it('judges an oversized Listener notification from the item GetResourceConfigHistory returns', async () => {
    const arn = listenerArnOf(EDGE, 'tcp');
    // GetResourceConfigHistory's spelling: accountId, arn, configuration as a JSON string.
    const fetchOversizedItem = vi.fn(async () => ({
      version: '1.3',
      accountId: ACCOUNT,
      configurationItemCaptureTime: new Date('2026-11-20T10:00:00Z'),
      configurationItemStatus: 'OK',
      arn,
      resourceType: LISTENER,
      resourceId: arn,
      awsRegion: REGION,
      configuration: JSON.stringify(listenerApiShape(EDGE, 'tcp', TCP_80)),
      supplementaryConfiguration: {},
      tags: {},
    }));
    const { run } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80, tls: TLS_443 })], {
      fetchOversizedItem,
    });
    const event = {
      ...oversizedEvent({ resourceType: LISTENER, resourceId: arn }),
      ruleParameters: JSON.stringify(PER_LISTENER),
    };
    const result = await run(nlbTlsOnly, event);
    expect(fetchOversizedItem).toHaveBeenCalledOnce();
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, arn, 'NON_COMPLIANT'],
      [LISTENER, listenerArnOf(EDGE, 'tls'), 'COMPLIANT'],
    ]);
  });

  it('reports an oversized Listener deletion NOT_APPLICABLE', async () => {
    const arn = listenerArnOf(EDGE, 'tcp');
    const fetchOversizedItem = vi.fn(async () => ({
      accountId: ACCOUNT,
      configurationItemStatus: 'ResourceDeleted',
      resourceType: LISTENER,
      resourceId: arn,
      awsRegion: REGION,
      configurationItemCaptureTime: new Date('2026-11-20T10:00:00Z'),
    }));
    const { run } = invocationHarness([record(EDGE, 'network', { tls: TLS_443 })], { fetchOversizedItem });
    const event = {
      ...oversizedEvent({ resourceType: LISTENER, resourceId: arn, status: 'ResourceDeleted' }),
      ruleParameters: JSON.stringify(PER_LISTENER),
    };
    const result = await run(nlbTlsOnly, event);
    expect(rows(result.evaluations)).toEqual([[LISTENER, arn, 'NOT_APPLICABLE']]);
  });
});

describe('a periodic sweep with reportOn=listener', () => {
  const staleListener = listenerArnOf(EDGE, 'deleted');
  const listenerOfGoneLb = listenerArnOf(nlbArn('gone', '9999'), 'x');

  it('reports every listener and clears the stale ones, and results left from per-load-balancer reporting', async () => {
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: LISTENER, resourceId: listenerArnOf(EDGE, 'tcp') },
      { resourceType: LISTENER, resourceId: staleListener },
      { resourceType: LISTENER, resourceId: listenerOfGoneLb },
      { resourceType: LOAD_BALANCER, resourceId: EDGE },
    ]);
    const { run } = invocationHarness(
      [
        record(EDGE, 'network', { tcp: TCP_80, tls: TLS_443 }),
        record(DNS, 'network', { udp: { ...TCP_80, protocol: 'UDP', port: 53 } }),
      ],
      { listEvaluatedResources },
    );
    const result = await run(nlbTlsOnly, scheduledEvent({ parameters: PER_LISTENER }));
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(DNS, 'udp'), 'COMPLIANT'],
      [LISTENER, listenerArnOf(EDGE, 'deleted'), 'NOT_APPLICABLE'],
      [LISTENER, listenerArnOf(EDGE, 'tcp'), 'NON_COMPLIANT'],
      [LISTENER, listenerArnOf(EDGE, 'tls'), 'COMPLIANT'],
      [LISTENER, listenerOfGoneLb, 'NOT_APPLICABLE'],
      [LOAD_BALANCER, EDGE, 'NOT_APPLICABLE'],
    ]);
    const byId = new Map(result.evaluations.map((e) => [e.resourceId, e.annotation]));
    expect(byId.get(staleListener)).toBe('The listener no longer exists.');
    expect(byId.get(EDGE)).toBe(`This rule now reports on ${LISTENER}.`);
  });

  it('clears listener results left from reportOn=listener once the rule reports on load balancers again', async () => {
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: LISTENER, resourceId: listenerArnOf(EDGE, 'tcp') },
    ]);
    const { run } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80 })], { listEvaluatedResources });
    const result = await run(nlbTlsOnly, scheduledEvent());
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(EDGE, 'tcp'), 'NOT_APPLICABLE'],
      [LOAD_BALANCER, EDGE, 'NON_COMPLIANT'],
    ]);
  });

  it('keeps the results of the listeners of a load balancer that could not be read', async () => {
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: LISTENER, resourceId: listenerArnOf(EDGE, 'tcp') },
      { resourceType: LISTENER, resourceId: listenerArnOf(DNS, 'old') },
    ]);
    const { run } = invocationHarness(
      [
        record(EDGE, 'network', { tcp: TCP_80 }, { listeners: 'AccessDenied' }),
        record(DNS, 'network', { tls: TLS_443 }),
      ],
      { listEvaluatedResources },
    );
    const result = await run(nlbTlsOnly, scheduledEvent({ parameters: PER_LISTENER }));
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(DNS, 'old'), 'NOT_APPLICABLE'],
      [LISTENER, listenerArnOf(DNS, 'tls'), 'COMPLIANT'],
    ]);
    expect(result.unreadable.map((e) => e.resourceId)).toEqual([EDGE]);
  });

  it('clears nothing when the load balancers could not be listed', async () => {
    const listEvaluatedResources = vi.fn(async () => [{ resourceType: LISTENER, resourceId: staleListener }]);
    const { estate } = invocationHarness([record(EDGE, 'network', { tcp: TCP_80 })], {
      listEvaluatedResources,
    });
    const failing: Estate = Object.assign(Object.create(estate), {
      // biome-ignore lint/correctness/useYield: a listing that fails before its first page.
      async *listLoadBalancers(): AsyncIterable<LoadBalancer> {
        throw Object.assign(new Error('throttled'), { name: 'Throttling' });
      },
    });
    const result = await runInvocation(nlbTlsOnly, scheduledEvent({ parameters: PER_LISTENER }), {
      openEstate: async () => failing,
      fetchOversizedItem: vi.fn(),
      listEvaluatedResources,
      now: () => new Date('2026-11-20T12:00:00Z'),
      log: silentLog,
    });
    expect(result.evaluations).toEqual([]);
    expect(result.unlisted.map((u) => [u.resourceType, u.code])).toEqual([[LOAD_BALANCER, 'Throttling']]);
  });
});

describe('per-listener verdicts', () => {
  it('elbv2-tls-policy judges each HTTPS or TLS listener and finds plaintext ones not applicable', async () => {
    const web = albArn('web', '4444');
    const { run } = invocationHarness([
      record(web, 'application', {
        http: { port: 80, protocol: 'HTTP', defaultActions: [] },
        good: { ...TLS_443, protocol: 'HTTPS' },
        old: { port: 8443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08', defaultActions: [] },
      }),
    ]);
    const result = await run(elbv2TlsPolicy, scheduledEvent({ parameters: PER_LISTENER }));
    expect(rows(result.evaluations)).toEqual([
      [LISTENER, listenerArnOf(web, 'good'), 'COMPLIANT'],
      [LISTENER, listenerArnOf(web, 'http'), 'NOT_APPLICABLE'],
      [LISTENER, listenerArnOf(web, 'old'), 'NON_COMPLIANT'],
    ]);
  });

  it.each([nlbTlsOnly, elbv2TlsPolicy])(
    '%s: the load balancer fails exactly when one of its listeners fails',
    async (rule) => {
      const lb = record(EDGE, 'network', {
        tcp: TCP_80,
        tls: TLS_443,
        weak: { port: 8443, protocol: 'TLS', sslPolicy: 'ELBSecurityPolicy-2016-08', defaultActions: [] },
      });
      for (const ids of [['tls'], ['tcp', 'tls'], ['tls', 'weak'], ['tcp']]) {
        const facets = {
          ...lb.facets,
          listeners: (lb.facets.listeners as { arn: string }[]).filter((l) =>
            ids.some((id) => l.arn.endsWith(`/${id}`)),
          ),
        };
        const estate = new SnapshotEstate({
          accountId: ACCOUNT,
          region: REGION,
          loadBalancers: [{ ...lb, facets }],
        });
        const params = ruleParameters(rule, {});
        const whole = await judge(rule, lb.loadBalancer, estate, params, new Date());
        const result = await runInvocation(rule, scheduledEvent({ parameters: PER_LISTENER }), {
          openEstate: async () => estate,
          fetchOversizedItem: vi.fn(),
          now: () => new Date(),
          log: silentLog,
        });
        const anyFails = result.evaluations.some((e) => e.complianceType === 'NON_COMPLIANT');
        expect(whole.complianceType === 'NON_COMPLIANT', ids.join(',')).toBe(anyFails);
      }
    },
  );
});

describe('rules that report per resource', () => {
  const perResource = RULES.filter((r) => r.reportEach);

  it('include the listener rules and the target group rule', () => {
    expect(perResource.map((r) => r.id)).toEqual(
      expect.arrayContaining(['nlb-tls-only', 'elbv2-tls-policy', 'elbv2-target-encryption']),
    );
  });

  it.each(perResource.map((r) => [r.id, r] as const))(
    '%s declares reportOn, defaulting to load balancers',
    (_id, rule) => {
      expect(rule.parameters.reportOn?.default).toBe('loadBalancer');
      expect(reportedTypes(rule, ruleParameters(rule, {}))).toEqual([...rule.resourceTypes]);
      const perChild = { reportOn: reportOnValue(rule) };
      expect(reportedTypes(rule, ruleParameters(rule, perChild))).toEqual([rule.reportEach!.resourceType]);
      expect(rule.triggers.changes).toContain(rule.reportEach!.resourceType);
    },
  );
});
