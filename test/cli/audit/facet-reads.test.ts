// Which facet reads the audit starts, and that each has settled before its load balancer is
// released: a read nobody waits for would still be in flight when the audit returns, its call
// missing from the traffic the audit reports.
import { describe, expect, it } from 'vitest';
import { type AuditScope, runAudit } from '../../../bin/cli/audit/audit.js';
import { rule as clbTlsPolicy } from '../../../rules/clb-tls-policy/rule.js';
import { compliant } from '../../../rules/core/engine/outcome.js';
import { defineRule } from '../../../rules/core/engine/rule.js';
import type { LoadBalancer } from '../../../rules/core/model/model.js';
import { type Estate, MemoisingEstate } from '../../../rules/core/resources/estate.js';
import type { AnyFacet, Facet } from '../../../rules/core/resources/facet.js';
import { listeners, tags } from '../../../rules/core/resources/facets/index.js';
import { type Fetched, failed, loaded } from '../../../rules/core/resources/fetched.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { alb } from '../../support/certificate-models.js';
import { SIMULATED_CREDENTIALS, SimulatedAws } from '../../support/simulated-aws.js';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';

describe('audit facet reads', () => {
  it('reads a rule’s facets only for the load balancers the rule judges', async () => {
    // 60 load balancers: 12 Classic (indexes 8 and 9 of every 10), the even ones with an HTTPS listener.
    const sim = new SimulatedAws({ estates: [{ accountId: ACCOUNT, region: REGION, loadBalancers: 60 }] });
    const requested: string[] = [];
    const scope: AuditScope = {
      label: `${ACCOUNT}/${REGION}`,
      accountId: ACCOUNT,
      region: REGION,
      open: async (io) => {
        const estate = await LiveEstate.open(
          io.aws({ region: REGION, accountId: ACCOUNT, credentials: async () => SIMULATED_CREDENTIALS }),
        );
        const facet = estate.facet.bind(estate);
        estate.facet = <T>(f: Facet<string, T>, lb: LoadBalancer) => {
          requested.push(`${f.key} ${lb.name}`);
          return facet(f, lb);
        };
        return estate;
      },
    };
    const result = await runAudit([scope], {
      rules: [clbTlsPolicy],
      clientConfig: { requestHandler: sim.requestHandler },
    });

    const secure = ['lb-8', 'lb-18', 'lb-28', 'lb-38', 'lb-48', 'lb-58'];
    const judged = result.evaluations.filter((e) => e.complianceType !== 'NOT_APPLICABLE');
    expect(judged.map((e) => e.resourceName).sort()).toEqual([...secure].sort());
    // The HTTP-only Classic load balancers are not applicable: nothing is read for them.
    expect([...new Set(requested.filter((r) => r.startsWith('classicPolicies ')))].sort()).toEqual(
      secure.map((name) => `classicPolicies ${name}`).sort(),
    );
    expect(sim.okCalls().get('ELB.DescribeLoadBalancerPolicies')).toBe(secure.length);
  });

  it('releases a load balancer, and returns, only once every read requested for it has settled', async () => {
    // The rule stops at listeners, which fails; tags, requested with it, is still being read.
    const rule = defineRule({
      id: 'needs-listeners-then-tags',
      title: 'needs listeners then tags',
      description: 'reads listeners, then tags',
      severity: 'low',
      appliesTo: ['application'],
      resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
      triggers: { changes: [] },
      parameters: {},
      needs: [listeners, tags],
      controls: [],
      evaluate: () => compliant('read'),
    });
    const estate = new ControlledEstate([alb('lb-0')]);
    const result = await runAudit(
      [{ label: `${ACCOUNT}/${REGION}`, accountId: ACCOUNT, region: REGION, open: async () => estate }],
      {
        rules: [rule],
        // The tags answer arrives after the evaluation is made, in a later turn of the event loop.
        onEvaluation: () => {
          setTimeout(() => estate.answerTags(), 0);
        },
      },
    );

    expect(result.evaluations.map((e) => [e.resourceName, e.complianceType, e.error?.code])).toEqual([
      ['lb-0', 'INSUFFICIENT_DATA', 'AccessDenied'],
    ]);
    expect(estate.releasedWhileReading).toEqual([]);
    expect(estate.released).toEqual(['lb-0']);
    expect([...estate.reading]).toEqual([]);
  });
});

/** Listeners are denied at once; tags answer when the test says so. */
class ControlledEstate extends MemoisingEstate implements Estate {
  readonly accountId = ACCOUNT;
  readonly region = REGION;
  readonly reading = new Set<string>();
  readonly released: string[] = [];
  readonly releasedWhileReading: string[] = [];
  private answer: () => void = () => {};
  private readonly tagsAnswered = new Promise<void>((resolve) => {
    this.answer = resolve;
  });

  constructor(private readonly loadBalancers: readonly LoadBalancer[]) {
    super();
  }

  answerTags(): void {
    this.answer();
  }

  protected async read(facet: AnyFacet, lb: LoadBalancer): Promise<Fetched<unknown>> {
    if (facet.key !== tags.key) return failed('AccessDenied', `${facet.key} of ${lb.name}: AccessDenied`);
    const key = `${facet.key} ${lb.name}`;
    this.reading.add(key);
    await this.tagsAnswered;
    this.reading.delete(key);
    return loaded({});
  }

  override release(lb: LoadBalancer): void {
    this.released.push(lb.name);
    for (const key of this.reading) if (key.endsWith(` ${lb.name}`)) this.releasedWhileReading.push(key);
    super.release(lb);
  }

  async *listLoadBalancers(): AsyncIterable<LoadBalancer> {
    yield* this.loadBalancers;
  }

  async getLoadBalancer(): Promise<Fetched<LoadBalancer | undefined>> {
    throw new Error('not used by the audit');
  }

  async loadBalancersUsingSecurityGroup(): Promise<Fetched<LoadBalancer[]>> {
    throw new Error('not used by the audit');
  }

  primeLoadBalancer(): void {}

  primeSecurityGroup(): void {}
}
