// The fleet audit under throttling storms and partial AccessDenied, against the real SDK on a
// simulated endpoint (test/support/simulated-aws.ts).
import { describe, expect, it } from 'vitest';
import { type AuditScope, runAudit } from '../../../bin/cli/audit/audit.js';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import { compliant } from '../../../rules/core/engine/outcome.js';
import { type AnyRule, defineRule } from '../../../rules/core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { attributes, listeners, tags } from '../../../rules/core/resources/facets/index.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { RULES } from '../../../rules/index.js';
import { type Fault, SIMULATED_CREDENTIALS, SimulatedAws } from '../../support/simulated-aws.js';

const ACCOUNT = '111111111111';
const REGIONS = ['us-east-1', 'eu-west-1'];

/** A rule that needs batched and per-load-balancer facets, to prove they load under pressure. */
const probe = (id: string): AnyRule =>
  defineRule({
    id,
    title: 'probe',
    description: 'reads listeners, tags and attributes',
    severity: 'low',
    appliesTo: ['application', 'network', 'classic'],
    resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
    triggers: { changes: [] },
    parameters: {},
    needs: [listeners, tags, attributes],
    controls: [],
    evaluate: ({ listeners, tags, attributes }) =>
      compliant(
        `${listeners.length} listener(s), tags ${JSON.stringify(tags)}, ${Object.keys(attributes).length} attribute(s)`,
      ),
  });

function scopes(): AuditScope[] {
  return REGIONS.map((region) => ({
    label: `${ACCOUNT}/${region}`,
    accountId: ACCOUNT,
    region,
    open: (io) =>
      LiveEstate.open(io.aws({ region, accountId: ACCOUNT, credentials: async () => SIMULATED_CREDENTIALS })),
  }));
}

async function audit(
  rules: readonly AnyRule[],
  loadBalancers: number,
  fault?: (r: { api: string; region: string; sequence: number }) => Fault,
) {
  const sim = new SimulatedAws({
    estates: REGIONS.map((region) => ({ accountId: ACCOUNT, region, loadBalancers })),
    fault,
  });
  const result = await runAudit(scopes(), {
    rules,
    clientConfig: { requestHandler: sim.requestHandler },
    apiPressure: { retry: { baseDelayMs: 1, maxDelayMs: 20 } },
  });
  return { sim, result };
}

/** Evaluations a region of n load balancers yields: each rule reports on its own resource types. */
function expectedPerRegion(rules: readonly AnyRule[], n: number): number {
  const classic = (n / 10) * 2;
  const elbv2 = n - classic;
  return rules.reduce(
    (sum, r) =>
      sum +
      (r.resourceTypes.includes(ELBV2_LOAD_BALANCER) ? elbv2 : 0) +
      (r.resourceTypes.includes(CLASSIC_LOAD_BALANCER) ? classic : 0),
    0,
  );
}

const key = (e: Evaluation) => `${e.region}|${e.ruleId}|${e.resourceId}`;
const view = (evaluations: readonly Evaluation[]) =>
  evaluations.map((e) => `${key(e)}|${e.complianceType}|${e.annotation}`).sort();

/** Deterministic pseudo-random numbers (mulberry32). */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fleet audit resilience', () => {
  const rules = [...RULES, probe('probe-a')];

  it('loses no load balancer and reports none twice when a third of all calls are throttled', async () => {
    const calm = await audit(rules, 60);
    const random = seeded(7);
    const storm = await audit(rules, 60, () => (random() < 1 / 3 ? 'throttle' : undefined));

    const totals = storm.sim.totals();
    expect(totals.throttled / (totals.ok + totals.throttled)).toBeGreaterThan(0.25);
    expect(storm.result.traffic.throttled).toBe(totals.throttled);
    expect(storm.result.errors).toEqual([]);
    expect(storm.result.evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA')).toEqual([]);
    // Every load balancer of both regions, judged by every rule, exactly once.
    const keys = storm.result.evaluations.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(2 * expectedPerRegion(rules, 60));
    expect(view(storm.result.evaluations)).toEqual(view(calm.result.evaluations));
    // Retries re-send the throttled calls only: the calls that succeeded are the calm run's.
    expect(storm.sim.okCalls()).toEqual(calm.sim.okCalls());
  });

  it('reports AccessDenied on one API in one region on the load balancers that need it, and judges the rest', async () => {
    const { result } = await audit(RULES, 60, ({ api, region }) =>
      api === 'ELBv2.DescribeRules' && region === 'eu-west-1' ? 'access-denied' : undefined,
    );
    expect(result.errors).toEqual([]);
    const unjudged = result.evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA');
    // 30 ALBs in eu-west-1 (5 of every 10), for the one rule that reads listener rules.
    expect(unjudged).toHaveLength(30);
    for (const e of unjudged) {
      expect(e).toMatchObject({
        region: 'eu-west-1',
        ruleId: 'alb-https-only',
        error: { code: 'AccessDenied' },
      });
      expect(e.annotation).toMatch(/AccessDenied/);
    }
    const usEast = result.evaluations.filter((e) => e.region === 'us-east-1');
    expect(usEast).toHaveLength(expectedPerRegion(RULES, 60));
    expect(usEast.some((e) => e.complianceType === 'INSUFFICIENT_DATA')).toBe(false);
    // NLB and Classic rules in the denied region are unaffected.
    const euOthers = result.evaluations.filter(
      (e) => e.region === 'eu-west-1' && e.ruleId !== 'alb-https-only',
    );
    expect(euOthers.some((e) => e.complianceType === 'INSUFFICIENT_DATA')).toBe(false);
  });

  it('reports a region whose ELBv2 listing is denied as an error, and finishes its Classic ones and the other region', async () => {
    const { result } = await audit(RULES, 40, ({ api, region }) =>
      api === 'ELBv2.DescribeLoadBalancers' && region === 'eu-west-1' ? 'access-denied' : undefined,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      accountId: ACCOUNT,
      region: 'eu-west-1',
      resourceType: ELBV2_LOAD_BALANCER,
      code: 'AccessDenied',
    });
    const euWest = result.evaluations.filter((e) => e.region === 'eu-west-1');
    // The denied ELBv2 listing no longer discards the region's Classic load balancers.
    expect(euWest.every((e) => e.resourceType === CLASSIC_LOAD_BALANCER)).toBe(true);
    const classicRules = RULES.filter((r) => r.resourceTypes.includes(CLASSIC_LOAD_BALANCER)).length;
    expect(euWest).toHaveLength(classicRules * (40 / 10) * 2);
    expect(result.evaluations.filter((e) => e.region === 'us-east-1')).toHaveLength(
      expectedPerRegion(RULES, 40),
    );
  });

  it('reads each facet once for every rule that needs it, and tags in batches of 20', async () => {
    const { sim } = await audit([probe('probe-a'), probe('probe-b')], 100);
    const ok = sim.okCalls();
    const elbv2PerRegion = 80; // 8 of every 10
    const classicPerRegion = 20;
    expect(ok.get('ELBv2.DescribeListeners')).toBe(2 * elbv2PerRegion);
    expect(ok.get('ELBv2.DescribeLoadBalancerAttributes')).toBe(2 * elbv2PerRegion);
    expect(ok.get('ELB.DescribeLoadBalancerAttributes')).toBe(2 * classicPerRegion);
    // ELBv2 and Classic DescribeTags both take 20 resources a call.
    expect(ok.get('ELBv2.DescribeTags')).toBe(2 * Math.ceil(elbv2PerRegion / 20));
    expect(ok.get('ELB.DescribeTags')).toBe(2 * Math.ceil(classicPerRegion / 20));
  });
});
