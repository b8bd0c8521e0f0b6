// ElbConfigRules-SetElbv2SslPolicy end to end on moto: failing HTTPS/TLS listeners get the policy,
// accepted ones and plaintext ones are left alone.
import { DescribeListenersCommand, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import {
  RULE_DEFAULTS,
  setElbv2SslPolicy as remediation,
} from '../../../rules/core/remediation/set-elbv2-ssl-policy/link.js';
import { rule } from '../../../rules/elbv2-tls-policy/rule.js';
import { requireMoto } from '../../support/moto.js';
import { dumpState } from './support/dump.js';
import { type Estate, forward } from './support/estate.js';
import { leastPrivilegeReport, useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();
const STRICT = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
const asNetwork = (arn: string) => arn.replace(/:(loadbalancer|listener)\/app\/(tls-)/, ':$1/net/$2');

describe.runIf(run)('ElbConfigRules-SetElbv2SslPolicy', () => {
  const h = useRemediationHarness('elbv2-tls-policy', remediation);

  async function alb(estate: Estate) {
    const certificateArn = await estate.certificate();
    const lb = await estate.loadBalancer({ name: 'api' });
    const targets = await estate.targetGroup('api', 'HTTP', 80);
    await estate.listener(lb, 'HTTP', 80, forward(targets));
    const legacy = await estate.listener(lb, 'HTTPS', 443, forward(targets), {
      certificateArn,
      sslPolicy: 'ELBSecurityPolicy-2016-08',
    });
    const modern = await estate.listener(lb, 'HTTPS', 8443, forward(targets), {
      certificateArn,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
    });
    return { lb, legacy, modern };
  }
  const policies = async (lb: string) =>
    ((await h.aws.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb }))).Listeners ?? [])
      .sort((a, b) => (a.Port ?? 0) - (b.Port ?? 0))
      .map((l) => `${l.Protocol}:${l.Port} ${l.Protocol === 'HTTP' ? '-' : l.SslPolicy}`);

  it('moves failing HTTPS listeners to the policy, leaves accepted and plaintext ones, and is idempotent', async () => {
    const estate = await h.estate();
    const { lb, legacy } = await alb(estate);
    expect((await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, lb)).complianceType).toBe(
      'NON_COMPLIANT',
    );

    const result = await h.run({ LoadBalancerArn: lb });

    expect(result.status).toBe('Success');
    expect(await policies(lb)).toEqual([
      'HTTP:80 -',
      `HTTPS:443 ${STRICT}`,
      'HTTPS:8443 ELBSecurityPolicy-TLS13-1-3-2021-06',
    ]);
    expect(result.outputs).toMatchObject({
      'PlanSslPolicy.Action': 'apply',
      'PlanSslPolicy.Summary': `Setting ${STRICT} on 1 of 2 HTTPS/TLS listener(s).`,
      'ApplySslPolicy.Changed': [`HTTPS:443: ELBSecurityPolicy-2016-08 -> ${STRICT}`],
      'ApplySslPolicy.Skipped': [],
      'ApplySslPolicy.RollbackCommands': [
        `aws elbv2 modify-listener --listener-arn ${legacy} --ssl-policy ELBSecurityPolicy-2016-08`,
      ],
      'VerifySslPolicy.Result': 'Verified: 1 listener(s) on an accepted policy.',
    });
    expect((await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, lb)).complianceType).toBe('COMPLIANT');
    expect(JSON.parse(String(result.outputs['PlanSslPolicy.PriorState']))).toEqual([
      { ListenerArn: legacy, Port: 443, Protocol: 'HTTPS', From: 'ELBSecurityPolicy-2016-08', To: STRICT },
    ]);

    const before = await dumpState(h.aws);
    const second = await h.run({ LoadBalancerArn: lb });
    expect(second.outputs['PlanSslPolicy.Action']).toBe('no-change');
    expect(second.outputs['PlanSslPolicy.Summary']).toBe(
      '2 HTTPS/TLS listener(s), all on accepted policies.',
    );
    expect(await dumpState(h.aws)).toBe(before);
  });

  it("runs with exactly the parameters Config's remediation configuration passes", async () => {
    const estate = await h.estate();
    const { lb } = await alb(estate);
    const result = await h.runAsConfig(lb);
    expect(result.status).toBe('Success');
    expect(await policies(lb)).toEqual([
      'HTTP:80 -',
      `HTTPS:443 ${STRICT}`,
      'HTTPS:8443 ELBSecurityPolicy-TLS13-1-3-2021-06',
    ]);
    const permissive = await h.runAsConfig(lb, {
      ruleParameters: { minTlsVersion: 'TLSv1.1', requireForwardSecrecy: false },
    });
    expect(permissive.outputs['PlanSslPolicy.Action']).toBe('no-change');
  });

  it('with the policies the permissive rule rejects (more than 25 accepted), changes only those', async () => {
    const estate = await h.estate();
    const { lb } = await alb(estate);
    const permissive = remediation.staticValuesFor({
      ...RULE_DEFAULTS,
      minTlsVersion: 'TLSv1.1',
      requireForwardSecrecy: false,
    });
    expect(permissive.PoliciesAre).toBe('rejected');
    expect(permissive.Policies).toContain('ELBSecurityPolicy-2016-08');
    const result = await h.run({ LoadBalancerArn: lb, ...permissive });
    expect(result.status).toBe('Success');
    expect(await policies(lb)).toEqual([
      'HTTP:80 -',
      `HTTPS:443 ${STRICT}`,
      'HTTPS:8443 ELBSecurityPolicy-TLS13-1-3-2021-06',
    ]);
    const again = await h.run({
      LoadBalancerArn: lb,
      PoliciesAre: 'rejected',
      Policies: ['ELBSecurityPolicy-TLS13-1-3-2021-06'],
      DryRun: true,
    });
    expect(again.outputs['PlanSslPolicy.Changes']).toEqual([
      `HTTPS:8443: ELBSecurityPolicy-TLS13-1-3-2021-06 -> ${STRICT}`,
    ]);
  });

  it("sets the policy on an NLB's TLS listener", async () => {
    const estate = await h.estate();
    const nlb = await estate.loadBalancer({ name: 'tls-edge', type: 'network' });
    await estate.listener(nlb, 'TLS', 443, forward(await estate.targetGroup('tls-edge', 'TCP', 443)), {
      certificateArn: await estate.certificate(),
      sslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01',
    });
    const result = await h.run({ LoadBalancerArn: nlb, SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09' });
    expect(result.status).toBe('Success');
    expect(await policies(nlb)).toEqual(['TLS:443 ELBSecurityPolicy-TLS13-1-3-PQ-2025-09']);
  });

  it('changes nothing on a dry run, for an exempt load balancer, or when the policy does not exist', async () => {
    const estate = await h.estate();
    const { lb } = await alb(estate);
    const before = await dumpState(h.aws);

    const dryRun = await h.run({ LoadBalancerArn: lb, DryRun: true });
    expect(dryRun.outputs['PlanSslPolicy.Changes']).toEqual([
      `HTTPS:443: ELBSecurityPolicy-2016-08 -> ${STRICT}`,
    ]);
    const unknown = await h.run({ LoadBalancerArn: lb, SslPolicy: 'ELBSecurityPolicy-TLS13-9-9-Nope' });
    expect(unknown.failureMessage).toBe(
      'AssertPolicyExists: $.SslPolicies[0].Name selects nothing; expected one of ELBSecurityPolicy-TLS13-9-9-Nope',
    );
    expect(await dumpState(h.aws)).toBe(before);

    await estate.tagLoadBalancer(lb, 'legacy clients until Q3');
    const tagged = await dumpState(h.aws);
    const exempt = await h.run({ LoadBalancerArn: lb });
    expect(exempt.outputs['PlanSslPolicy.Action']).toBe('exempt');
    expect(await dumpState(h.aws)).toBe(tagged);
  });

  it('leaves a listener alone when its policy changed after the plan (apply step called directly)', async () => {
    const estate = await h.estate();
    const { lb, legacy } = await alb(estate);
    await h.aws.elbv2.send(
      new ModifyListenerCommand({ ListenerArn: legacy, SslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01' }),
    );
    const result = await h.callScript(
      'ApplySslPolicy',
      'apply',
      {
        Listeners: [
          {
            ListenerArn: legacy,
            Port: 443,
            Protocol: 'HTTPS',
            From: 'ELBSecurityPolicy-2016-08',
            To: STRICT,
          },
        ],
      },
      {},
    );
    expect(result).toEqual({
      Changed: [],
      Skipped: ['HTTPS:443: policy changed to ELBSecurityPolicy-TLS-1-2-2017-01 since the plan; left alone'],
      RollbackCommands: [],
    });
    expect((await policies(lb))[1]).toBe('HTTPS:443 ELBSecurityPolicy-TLS-1-2-2017-01');
  });

  it('made only calls its policy allows, and its policy allows nothing the runs did not use', () => {
    expect(leastPrivilegeReport(remediation, h.calls, asNetwork)).toEqual({ denied: [], unused: [] });
  });
});
