// ElbConfigRules-SetClassicSslPolicy end to end on moto: one negotiation policy, set on the HTTPS and
// SSL listeners, keeping their other policies.
import {
  CreateLBCookieStickinessPolicyCommand,
  CreateLoadBalancerPolicyCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/clb-tls-policy/rule.js';
import { CLASSIC_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { setClassicSslPolicy as remediation } from '../../../rules/core/remediation/set-classic-ssl-policy/link.js';
import { requireMoto } from '../../support/moto.js';
import { dumpState } from './support/dump.js';
import type { Estate } from './support/estate.js';
import { leastPrivilegeReport, useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();
const OURS = 'ElbConfigRules-TLS-1-2-2017-01';

describe.runIf(run)('ElbConfigRules-SetClassicSslPolicy', () => {
  const h = useRemediationHarness('clb-tls-policy', remediation);

  /** HTTPS:443 on an old negotiation policy plus stickiness, SSL:8443 with none, HTTP:80. */
  async function classic(estate: Estate) {
    const certificate = await estate.certificate();
    const name = await estate.classic({
      name: 'legacy-shop',
      listeners: [
        { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTP',
          InstancePort: 80,
          SSLCertificateId: certificate,
        },
        {
          Protocol: 'SSL',
          LoadBalancerPort: 8443,
          InstanceProtocol: 'TCP',
          InstancePort: 8443,
          SSLCertificateId: certificate,
        },
      ],
    });
    await h.aws.elb.send(
      new CreateLoadBalancerPolicyCommand({
        LoadBalancerName: name,
        PolicyName: 'Legacy',
        PolicyTypeName: 'SSLNegotiationPolicyType',
        PolicyAttributes: [
          { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' },
        ],
      }),
    );
    await h.aws.elb.send(
      new CreateLBCookieStickinessPolicyCommand({ LoadBalancerName: name, PolicyName: 'Sticky' }),
    );
    await h.aws.elb.send(
      new SetLoadBalancerPoliciesOfListenerCommand({
        LoadBalancerName: name,
        LoadBalancerPort: 443,
        PolicyNames: ['Legacy', 'Sticky'],
      }),
    );
    return name;
  }
  const listenerPolicies = async (name: string) =>
    Object.fromEntries(
      (
        (await h.aws.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] })))
          .LoadBalancerDescriptions?.[0]?.ListenerDescriptions ?? []
      ).map((d) => [`${d.Listener?.Protocol}:${d.Listener?.LoadBalancerPort}`, d.PolicyNames]),
    );

  it('creates the negotiation policy, sets it on HTTPS and SSL listeners keeping stickiness, and is idempotent', async () => {
    const estate = await h.estate();
    const name = await classic(estate);
    expect((await judgeLive(rule, h.aws.endpoint, CLASSIC_LOAD_BALANCER, name)).complianceType).toBe(
      'NON_COMPLIANT',
    );

    const result = await h.run({ LoadBalancerName: name });

    expect(result.status).toBe('Success');
    expect((await judgeLive(rule, h.aws.endpoint, CLASSIC_LOAD_BALANCER, name)).complianceType).toBe(
      'COMPLIANT',
    );
    expect(await listenerPolicies(name)).toEqual({
      'HTTP:80': [],
      'HTTPS:443': ['Sticky', OURS],
      'SSL:8443': [OURS],
    });
    const created = await h.aws.elb.send(
      new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: name, PolicyNames: [OURS] }),
    );
    expect(created.PolicyDescriptions?.[0]).toMatchObject({
      PolicyTypeName: 'SSLNegotiationPolicyType',
      PolicyAttributeDescriptions: [
        { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
      ],
    });
    expect(result.outputs).toMatchObject({
      'PlanClassicPolicy.Action': 'apply',
      'PlanClassicPolicy.Changes': [
        `create policy ${OURS} (SSLNegotiationPolicyType, Reference-Security-Policy=ELBSecurityPolicy-TLS-1-2-2017-01)`,
        'HTTPS:443: ELBSecurityPolicy-2016-08 -> ELBSecurityPolicy-TLS-1-2-2017-01',
        'SSL:8443: (default) -> ELBSecurityPolicy-TLS-1-2-2017-01',
      ],
      'SetListenerPolicies.Changed': [
        `HTTPS:443: Legacy, Sticky -> Sticky, ${OURS}`,
        `SSL:8443: (none) -> ${OURS}`,
      ],
      'SetListenerPolicies.RollbackCommands': [
        'aws elb set-load-balancer-policies-of-listener --load-balancer-name legacy-shop --load-balancer-port 443 --policy-names Legacy Sticky',
        "aws elb set-load-balancer-policies-of-listener --load-balancer-name legacy-shop --load-balancer-port 8443 --policy-names '[]'",
      ],
      'VerifyListenerPolicies.Result': `Verified: 2 listener(s) carry ${OURS}.`,
    });
    expect(result.steps.map((s) => s.name)).toContain('CreateNegotiationPolicy');

    const before = await dumpState(h.aws);
    const second = await h.run({ LoadBalancerName: name });
    expect(second.outputs['PlanClassicPolicy.Action']).toBe('no-change');
    expect(second.outputs['PlanClassicPolicy.Summary']).toBe(
      '2 HTTPS/SSL listener(s), all on ELBSecurityPolicy-TLS-1-2-2017-01.',
    );
    expect(await dumpState(h.aws)).toBe(before);
  });

  it('reuses a negotiation policy that already exists instead of failing', async () => {
    const estate = await h.estate();
    const name = await classic(estate);
    await h.aws.elb.send(
      new CreateLoadBalancerPolicyCommand({
        LoadBalancerName: name,
        PolicyName: OURS,
        PolicyTypeName: 'SSLNegotiationPolicyType',
        PolicyAttributes: [
          { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
        ],
      }),
    );
    const result = await h.run({ LoadBalancerName: name });
    expect(result.status).toBe('Success');
    expect(result.steps.map((s) => s.name)).toEqual([
      'ReadTags',
      'PlanClassicPolicy',
      'ChooseAction',
      'SetListenerPolicies',
      'VerifyListenerPolicies',
    ]);
    expect((await listenerPolicies(name))['HTTPS:443']).toEqual(['Sticky', OURS]);
  });

  it('refuses, changing nothing, when a policy with its name references something else', async () => {
    const estate = await h.estate();
    const name = await classic(estate);
    await h.aws.elb.send(
      new CreateLoadBalancerPolicyCommand({
        LoadBalancerName: name,
        PolicyName: OURS,
        PolicyTypeName: 'SSLNegotiationPolicyType',
        PolicyAttributes: [
          { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' },
        ],
      }),
    );
    const before = await dumpState(h.aws);
    const result = await h.run({ LoadBalancerName: name });
    expect(result.failureMessage).toMatch(
      new RegExp(
        `^PlanClassicPolicy: Refused: a policy named ${OURS} exists with type SSLNegotiationPolicyType and reference ELBSecurityPolicy-2016-08; delete or rename it`,
      ),
    );
    expect(await dumpState(h.aws)).toBe(before);
  });

  it('changes nothing on a dry run or for an exempt load balancer', async () => {
    const estate = await h.estate();
    const name = await classic(estate);
    const before = await dumpState(h.aws);
    const dryRun = await h.run({ LoadBalancerName: name, DryRun: true });
    expect(dryRun.outputs['PlanClassicPolicy.Action']).toBe('dry-run');
    expect(await dumpState(h.aws)).toBe(before);

    await estate.tagClassic(name, 'decommission 2027-01');
    const tagged = await dumpState(h.aws);
    const exempt = await h.run({ LoadBalancerName: name });
    expect(exempt.outputs['PlanClassicPolicy.Summary']).toBe(
      "Skipped: the load balancer is tagged elb-config-rules:remediation-exempt='decommission 2027-01'; nothing changed.",
    );
    expect(await dumpState(h.aws)).toBe(tagged);
  });

  it('treats a policy that references the right predefined policy but enables more as custom (planning called directly)', async () => {
    const policy = (attributes: [string, string][]) => ({
      PolicyName: 'Custom',
      PolicyAttributeDescriptions: [
        { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
        ...attributes.map(([AttributeName, AttributeValue]) => ({ AttributeName, AttributeValue })),
      ],
    });
    const predefined = {
      'Protocol-TLSv1': 'false',
      'Protocol-TLSv1.2': 'true',
      'ECDHE-RSA-AES128-GCM-SHA256': 'true',
    };
    expect(
      await h.callScript(
        'PlanClassicPolicy',
        'deviations',
        policy([
          ['Protocol-TLSv1', 'true'],
          ['Protocol-TLSv1.2', 'true'],
        ]),
        predefined,
      ),
    ).toEqual(['Protocol-TLSv1']);
    expect(
      await h.callScript(
        'PlanClassicPolicy',
        'deviations',
        policy([['Protocol-TLSv1', 'false']]),
        predefined,
      ),
    ).toEqual([]);
    expect(
      await h.callScript('PlanClassicPolicy', 'deviations', policy([['Protocol-TLSv1', 'true']]), null),
    ).toEqual([]);
  });

  it('made only calls its policy allows, and its policy allows nothing the runs did not use', () => {
    expect(leastPrivilegeReport(remediation, h.calls)).toEqual({ denied: [], unused: [] });
  });
});
