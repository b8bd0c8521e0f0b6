// ElbConfigRules-AddNlbTlsListener end to end on moto: a TLS listener beside TCP, never instead of it.
import {
  DeleteListenerCommand,
  DescribeListenersCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { addNlbTlsListener as remediation } from '../../../rules/core/remediation/add-nlb-tls-listener/link.js';
import { rule } from '../../../rules/nlb-tls-only/rule.js';
import { requireMoto } from '../../support/moto.js';
import { dumpState } from './support/dump.js';
import { type Estate, forward, world } from './support/estate.js';
import { leastPrivilegeReport, useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();
/** moto names NLBs loadbalancer/app/...; IAM policies are written for the real loadbalancer/net/... */
const asNetwork = (arn: string) => arn.replace(/:(loadbalancer|listener)\/app\//, ':$1/net/');

describe.runIf(run)('ElbConfigRules-AddNlbTlsListener', () => {
  const h = useRemediationHarness('nlb-tls-only', remediation);

  async function tcpNlb(estate: Estate) {
    const group = await estate.securityGroup('nlb', [world('tcp', 80)]);
    const nlb = await estate.loadBalancer({ name: 'mqtt', type: 'network', groups: [group] });
    const targets = await estate.targetGroup('brokers', 'TCP', 1883);
    const tcp = await estate.listener(nlb, 'TCP', 80, forward(targets));
    return { nlb, tcp, targets, group, certificate: await estate.certificate() };
  }
  const listeners = async (nlb: string) =>
    ((await h.aws.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: nlb }))).Listeners ?? []).sort(
      (a, b) => (a.Port ?? 0) - (b.Port ?? 0),
    );

  it('adds TLS beside TCP to the same targets, warns about the security group, and leaves TCP (and the finding) alone', async () => {
    const estate = await h.estate();
    const { nlb, tcp, targets, group, certificate } = await tcpNlb(estate);

    const result = await h.run({ LoadBalancerArn: nlb, CertificateArn: certificate });

    expect(result.status).toBe('Success');
    const [tcpAfter, tls] = await listeners(nlb);
    expect(tcpAfter).toMatchObject({ ListenerArn: tcp, Protocol: 'TCP', Port: 80 });
    expect(tls).toMatchObject({
      Protocol: 'TLS',
      Port: 443,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      Certificates: [{ CertificateArn: certificate }],
      AlpnPolicy: ['None'],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targets }],
    });
    const tags = await h.aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: [tls?.ListenerArn ?? ''] }));
    expect(tags.TagDescriptions?.[0]?.Tags).toEqual([
      { Key: 'elb-config-rules:source-listener', Value: tcp },
    ]);
    expect(result.outputs).toMatchObject({
      'PlanTlsListener.Action': 'apply',
      'PlanTlsListener.Summary': 'Adding TLS:443 beside TCP:80, forwarding to the same targets.',
      'PlanTlsListener.Warnings': [
        `security groups ${group} admit 0.0.0.0/0 on 80 but not on 443: clients cannot use TLS until you allow it`,
      ],
      'CreateTlsListener.ListenerArn': tls?.ListenerArn,
      'VerifyTlsListener.Result': 'Verified: TLS:443 forwards like TCP:80, which is unchanged.',
      'VerifyTlsListener.RollbackCommands': [`aws elbv2 delete-listener --listener-arn ${tls?.ListenerArn}`],
    });
    const verdict = await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, nlb);
    expect(verdict.complianceType).toBe('NON_COMPLIANT');
    expect(verdict.findings).toEqual(['TCP:80 is plaintext TCP; use a TLS listener']);

    const before = await dumpState(h.aws);
    const second = await h.run({ LoadBalancerArn: nlb, CertificateArn: certificate });
    expect(second.outputs['PlanTlsListener.Action']).toBe('no-change');
    expect(second.outputs['PlanTlsListener.Summary']).toBe('TLS:443 already exists; nothing to add.');
    expect(await dumpState(h.aws)).toBe(before);

    await h.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: tls?.ListenerArn }));
    expect((await listeners(nlb)).map((l) => `${l.Protocol}:${l.Port}`)).toEqual(['TCP:80']);
  });

  it('changes nothing on a dry run or for an exempt load balancer', async () => {
    const estate = await h.estate();
    const { nlb, certificate } = await tcpNlb(estate);
    const before = await dumpState(h.aws);
    const dryRun = await h.run({
      LoadBalancerArn: nlb,
      CertificateArn: certificate,
      DryRun: true,
      TlsPort: 8883,
    });
    expect(await dumpState(h.aws)).toBe(before);
    expect(dryRun.outputs['PlanTlsListener.Action']).toBe('dry-run');
    expect(dryRun.outputs['PlanTlsListener.Changes']).toEqual(['create TLS:8883 forwarding like TCP:80']);

    await estate.tagLoadBalancer(nlb, '');
    const tagged = await dumpState(h.aws);
    const exempt = await h.run({ LoadBalancerArn: nlb, CertificateArn: certificate });
    expect(await dumpState(h.aws)).toBe(tagged);
    expect(exempt.outputs['PlanTlsListener.Summary']).toBe(
      "Skipped: the load balancer is tagged elb-config-rules:remediation-exempt='(no reason given)'; nothing changed.",
    );
  });

  it('asks which TCP listener to mirror when there are several, and refuses a TLS port taken by TCP', async () => {
    const estate = await h.estate();
    const { nlb, certificate } = await tcpNlb(estate);
    const other = await estate.targetGroup('admin', 'TCP', 9000);
    await estate.listener(nlb, 'TCP', 9000, forward(other));

    const ambiguous = await h.run({ LoadBalancerArn: nlb, CertificateArn: certificate });
    expect(ambiguous.failureMessage).toMatch(
      /^PlanTlsListener: Refused: several TCP listeners \(TCP:80, TCP:9000\): set TcpPort to the one to mirror/,
    );
    const taken = await h.run({
      LoadBalancerArn: nlb,
      CertificateArn: certificate,
      TlsPort: 9000,
      TcpPort: 80,
    });
    expect(taken.failureMessage).toMatch(/^PlanTlsListener: Refused: port 9000 is already a TCP listener/);

    const chosen = await h.run({
      LoadBalancerArn: nlb,
      CertificateArn: certificate,
      TlsPort: 9443,
      TcpPort: 9000,
    });
    expect(chosen.status).toBe('Success');
    const tls = (await listeners(nlb)).find((l) => l.Port === 9443);
    expect(tls?.DefaultActions).toEqual([{ Type: 'forward', TargetGroupArn: other }]);
  });

  it('refuses a load balancer that is not an NLB', async () => {
    const estate = await h.estate();
    const alb = await estate.loadBalancer({ name: 'web' });
    const result = await h.run({ LoadBalancerArn: alb, CertificateArn: await estate.certificate() });
    expect(result.failureMessage).toBe(
      'AssertNetworkLoadBalancer: $.LoadBalancers[0].Type is application, expected one of network',
    );
  });

  it('made only calls its policy allows, and its policy allows nothing the runs did not use', () => {
    expect(leastPrivilegeReport(remediation, h.calls, asNetwork)).toEqual({ denied: [], unused: [] });
  });
});
