// Per-resource reporting on target groups (reportOn=targetGroup): one evaluation per target group,
// reported as AWS::ElasticLoadBalancingV2::TargetGroup under its ARN, through change, deletion and
// sweep events, as Security Hub reports ELB.21 and ELB.22.
import { describe, expect, it, vi } from 'vitest';
import type { InvocationDeps } from '../../../rules/core/engine/invocation.js';
import type { TargetGroup } from '../../../rules/core/resources/normalize/targets.js';
import type { LoadBalancerRecord } from '../../../rules/core/resources/snapshot/format.js';
import { rule } from '../../../rules/elbv2-target-encryption/rule.js';
import {
  albArn,
  changeEvent,
  elbv2LoadBalancerItem,
  nlbArn,
  scheduledEvent,
  targetGroupArn,
  targetGroupItem,
} from '../../fixtures/config-items.js';
import { elbv2Record, invocationHarness } from '../../support/invocation-harness.js';
import { targetGroupModel } from '../../support/parity-models.js';

const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const ELB22 = { preset: 'securityhub-elb22', reportOn: 'targetGroup' };
const ELB21 = { preset: 'securityhub-elb21', reportOn: 'targetGroup' };
const PER_GROUP = { reportOn: 'targetGroup' };
const WEB = albArn('web', '1111');
const API = albArn('api', '2222');
const OFFLOAD = 'elb-config-rules:tls-offload';

const group = (name: string, protocol?: string, check?: string, targetType?: string) =>
  targetGroupModel(name, protocol, check, targetType, targetGroupArn);

function record(
  arn: string,
  type: 'application' | 'network' | 'gateway',
  groups: TargetGroup[],
  opts: { lbTags?: Record<string, string>; failures?: Record<string, string> } = {},
): LoadBalancerRecord {
  const facets = {
    targets: groups,
    tags: opts.lbTags ?? {},
    targetGroupTags: Object.fromEntries(groups.map((g) => [g.arn, {}])),
  };
  return elbv2Record(arn, type, facets, opts.failures);
}

/** Runs the ELB.22 / ELB.21 rule over an in-memory estate of the records given. */
function harness(records: LoadBalancerRecord[], extra: Partial<InvocationDeps> = {}) {
  const { run } = invocationHarness(records, extra);
  return (event: unknown) => run(rule, event);
}

const rows = (evaluations: { resourceType: string; resourceId: string; complianceType: string }[]) =>
  evaluations.map((e) => [e.resourceType, e.resourceId, e.complianceType]).sort();

describe('a TargetGroup change with reportOn=targetGroup', () => {
  const web = record(WEB, 'application', [
    group('plain', 'HTTP', 'HTTP'),
    group('secure', 'HTTPS', 'HTTPS'),
    group('fn', undefined, undefined, 'lambda'),
  ]);

  it('judges its load balancer once and gives each target group its own verdict and annotation', async () => {
    const run = harness([web]);
    const result = await run(
      changeEvent(targetGroupItem('plain', { loadBalancerArns: [WEB] }), { parameters: ELB22 }),
    );
    expect(rows(result.evaluations)).toEqual([
      [TARGET_GROUP, targetGroupArn('fn'), 'NOT_APPLICABLE'],
      [TARGET_GROUP, targetGroupArn('plain'), 'NON_COMPLIANT'],
      [TARGET_GROUP, targetGroupArn('secure'), 'COMPLIANT'],
    ]);
    const byId = new Map(result.evaluations.map((e) => [e.resourceId, e]));
    expect(byId.get(targetGroupArn('plain'))!.annotation).toBe(
      'plain HTTP:443: sends plaintext HTTP to its targets; use HTTPS',
    );
    expect(byId.get(targetGroupArn('secure'))!.annotation).toBe('Encrypted target groups: secure HTTPS:443.');
    expect(byId.get(targetGroupArn('fn'))!.annotation).toBe(
      'Nothing to judge. Not judged: fn (Lambda target).',
    );
    expect(byId.get(targetGroupArn('plain'))!.resourceName).toBe('web target group plain');
    expect(byId.get(targetGroupArn('plain'))!.loadBalancerId).toBe(WEB);
  });

  it('judges health checks per target group under preset=securityhub-elb21', async () => {
    const run = harness([web]);
    const result = await run(
      changeEvent(targetGroupItem('secure', { loadBalancerArns: [WEB] }), { parameters: ELB21 }),
    );
    expect(rows(result.evaluations)).toEqual([
      [TARGET_GROUP, targetGroupArn('fn'), 'NOT_APPLICABLE'],
      [TARGET_GROUP, targetGroupArn('plain'), 'NON_COMPLIANT'],
      [TARGET_GROUP, targetGroupArn('secure'), 'COMPLIANT'],
    ]);
  });

  it('still reports the load balancer with the default reportOn', async () => {
    const run = harness([web]);
    const result = await run(changeEvent(targetGroupItem('plain', { loadBalancerArns: [WEB] })));
    expect(rows(result.evaluations)).toEqual([[LOAD_BALANCER, WEB, 'NON_COMPLIANT']]);
  });

  it('reports a deleted target group NOT_APPLICABLE and only that one', async () => {
    const run = harness([web]);
    const item = targetGroupItem('old', { status: 'ResourceDeleted' });
    const result = await run(changeEvent(item, { parameters: ELB22 }));
    expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('old'), 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toContain('ResourceDeleted');
  });

  it('reports a target group that serves no load balancer NOT_APPLICABLE, saying so', async () => {
    const run = harness([web]);
    const result = await run(
      changeEvent(targetGroupItem('spare', { protocol: 'HTTP' }), { parameters: ELB22 }),
    );
    expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('spare'), 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toBe('The target group serves no load balancer.');
  });

  it('reports a target group that left the rule scope NOT_APPLICABLE', async () => {
    const run = harness([web]);
    const item = targetGroupItem('plain', { loadBalancerArns: [WEB] });
    const result = await run(changeEvent(item, { parameters: ELB22, leftScope: true }));
    expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('plain'), 'NOT_APPLICABLE']]);
  });

  it('does not send a target group whose load balancer could not be read, and counts it unreadable', async () => {
    const run = harness([
      record(WEB, 'application', [group('plain', 'HTTP', 'HTTP')], { failures: { targets: 'AccessDenied' } }),
    ]);
    const result = await run(
      changeEvent(targetGroupItem('plain', { loadBalancerArns: [WEB] }), { parameters: ELB22 }),
    );
    expect(result.evaluations).toEqual([]);
    expect(result.unreadable.map((e) => [e.resourceType, e.resourceId])).toEqual([
      [TARGET_GROUP, targetGroupArn('plain')],
    ]);
  });

  it('reports every target group when the load balancer item itself changes', async () => {
    const run = harness([web]);
    const result = await run(
      changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application' }), { parameters: ELB22 }),
    );
    expect(rows(result.evaluations).map((r) => r[1])).toEqual(
      ['fn', 'plain', 'secure'].map((n) => targetGroupArn(n)),
    );
  });

  it('gives each GENEVE target group of a Gateway Load Balancer its own NOT_APPLICABLE', async () => {
    const gwy = albArn('gwy', '3333').replace('/app/', '/gwy/');
    const run = harness([record(gwy, 'gateway', [group('geneve', 'GENEVE', 'TCP')])]);
    const result = await run(
      changeEvent(targetGroupItem('geneve', { loadBalancerArns: [gwy] }), { parameters: ELB22 }),
    );
    expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('geneve'), 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toBe('Nothing to judge. Not judged: geneve (GENEVE).');
  });

  it('refuses to report a target group with no ARN: the load balancer is unreadable, nothing is sent', async () => {
    const nameless = { ...group('plain', 'HTTP', 'HTTP'), arn: undefined };
    const lb = record(WEB, 'application', [nameless]);
    lb.facets.targetGroupTags = {};
    const run = harness([lb]);
    const result = await run(
      changeEvent(targetGroupItem('plain', { loadBalancerArns: [WEB] }), { parameters: ELB22 }),
    );
    expect(result.evaluations).toEqual([]);
    expect(result.unreadable[0]!.annotation).toMatch(/target group plain has no ARN supplied/);
  });
});

describe('a target group shared by two load balancers', () => {
  // The load balancer tag exempts the group under one load balancer only: the failure stands.
  const shared = () => group('shared', 'HTTP', 'HTTPS');
  const records = () => [
    record(WEB, 'application', [shared()], { lbTags: { [OFFLOAD]: 'terminates here' } }),
    record(API, 'application', [shared()]),
  ];

  it('gets one evaluation, the failing one, on a change', async () => {
    const run = harness(records());
    const result = await run(
      changeEvent(targetGroupItem('shared', { loadBalancerArns: [API, WEB] }), { parameters: PER_GROUP }),
    );
    expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('shared'), 'NON_COMPLIANT']]);
  });

  it('gets one evaluation, the failing one, on a sweep, whichever load balancer is judged last', async () => {
    for (const order of [records(), records().reverse()]) {
      const result = await harness(order)(scheduledEvent({ parameters: PER_GROUP }));
      expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('shared'), 'NON_COMPLIANT']]);
    }
  });
});

describe('a periodic sweep with reportOn=targetGroup', () => {
  const nlb = nlbArn('edge', '4444');

  it('reports every target group and clears stale ones and results left from per-load-balancer reporting', async () => {
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: TARGET_GROUP, resourceId: targetGroupArn('plain') },
      { resourceType: TARGET_GROUP, resourceId: targetGroupArn('deleted') },
      { resourceType: LOAD_BALANCER, resourceId: WEB },
    ]);
    const run = harness(
      [
        record(WEB, 'application', [group('plain', 'HTTP', 'HTTP'), group('secure', 'HTTPS', 'HTTPS')]),
        record(nlb, 'network', [group('tls', 'TLS', 'TCP'), group('dns', 'UDP', 'TCP')]),
      ],
      { listEvaluatedResources },
    );
    const result = await run(scheduledEvent({ parameters: ELB22 }));
    expect(rows(result.evaluations)).toEqual([
      [LOAD_BALANCER, WEB, 'NOT_APPLICABLE'],
      [TARGET_GROUP, targetGroupArn('deleted'), 'NOT_APPLICABLE'],
      [TARGET_GROUP, targetGroupArn('dns'), 'NON_COMPLIANT'],
      [TARGET_GROUP, targetGroupArn('plain'), 'NON_COMPLIANT'],
      [TARGET_GROUP, targetGroupArn('secure'), 'COMPLIANT'],
      [TARGET_GROUP, targetGroupArn('tls'), 'COMPLIANT'],
    ]);
    const byId = new Map(result.evaluations.map((e) => [e.resourceId, e.annotation]));
    expect(byId.get(targetGroupArn('deleted'))).toBe(
      'The target group no longer serves a load balancer this rule judges.',
    );
    expect(byId.get(WEB)).toBe(`This rule now reports on ${TARGET_GROUP}.`);
  });

  it('clears target group results once the rule reports on load balancers again', async () => {
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: TARGET_GROUP, resourceId: targetGroupArn('plain') },
    ]);
    const run = harness([record(WEB, 'application', [group('plain', 'HTTP', 'HTTP')])], {
      listEvaluatedResources,
    });
    const result = await run(scheduledEvent());
    expect(rows(result.evaluations)).toEqual([
      [LOAD_BALANCER, WEB, 'NON_COMPLIANT'],
      [TARGET_GROUP, targetGroupArn('plain'), 'NOT_APPLICABLE'],
    ]);
  });

  it('keeps every earlier target group result while a load balancer could not be read', async () => {
    // A target group may serve any load balancer, so one unread load balancer keeps them all.
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: TARGET_GROUP, resourceId: targetGroupArn('gone') },
    ]);
    const run = harness(
      [
        record(WEB, 'application', [group('plain', 'HTTP', 'HTTP')], {
          failures: { targets: 'AccessDenied' },
        }),
        record(API, 'application', [group('secure', 'HTTPS', 'HTTPS')]),
      ],
      { listEvaluatedResources },
    );
    const result = await run(scheduledEvent({ parameters: ELB22 }));
    expect(rows(result.evaluations)).toEqual([[TARGET_GROUP, targetGroupArn('secure'), 'COMPLIANT']]);
    expect(result.unreadable.map((e) => e.resourceId)).toEqual([WEB]);
  });
});
