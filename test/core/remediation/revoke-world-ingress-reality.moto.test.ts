// ElbConfigRules-RevokeWorldIngress when reality differs from the plan or from one group's view:
// a listener created between plan and apply, a load balancer with two groups, an exempt load
// balancer sharing a group, a group at its rule quota, and a group shared by an internal and an
// internet-facing load balancer. Parameters are passed as Config passes them: the resource id as
// a string, static values as lists of strings.
import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { revokeWorldIngress as remediation } from '../../../rules/core/remediation/revoke-world-ingress/link.js';
import { rule as worldIngressRule } from '../../../rules/lb-sg-world-ingress/rule.js';
import { requireMoto } from '../../support/moto.js';
import { loadDocument, PythonWorker, scriptOf } from '../../support/ssm-runner/index.js';
import { dumpState } from './support/dump.js';
import { forward, world, worldV6 } from './support/estate.js';
import { useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();
const MUTATING = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'];
const AS_CONFIG = { DryRun: ['false'], WorldPrefixListIds: ['none'], KeepWorldIcmp: ['false'] };

function summarize(rules: SecurityGroupRule[]): string[] {
  return rules
    .map((r) => `${r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId} ${r.IpProtocol} ${r.FromPort}-${r.ToPort}`)
    .sort();
}

describe.runIf(run)('ElbConfigRules-RevokeWorldIngress against a changing estate', () => {
  const h = useRemediationHarness('lb-sg-world-ingress', remediation);
  const verdict = (arn: string) => judgeLive(worldIngressRule, h.aws.endpoint, ELBV2_LOAD_BALANCER, arn);

  it('keeps open a public listener created between plan and apply, and Verify checks it', async () => {
    const estate = await h.estate();
    const group = await estate.securityGroup('wide', [world('tcp', 0, 65535)]);
    const alb = await estate.loadBalancer({ name: 'shop', groups: [group] });
    const targets = await estate.targetGroup('shop', 'HTTP', 80);
    await estate.listener(alb, 'HTTPS', 443, forward(targets), {
      certificateArn: await estate.certificate(),
    });

    const result = await h.run(
      { ResourceId: alb, ...AS_CONFIG },
      {
        beforeStep: async (step) => {
          if (step === 'ApplyRevocations') await estate.listener(alb, 'HTTP', 8080, forward(targets));
        },
      },
    );

    expect(result.status).toBe('Success');
    expect(summarize(await estate.ingressRules(group))).toEqual([
      '0.0.0.0/0 tcp 443-443',
      '0.0.0.0/0 tcp 8080-8080',
    ]);
    expect(result.outputs['ApplyRevocations.KeptSincePlan']).toEqual([
      `${group} 0.0.0.0/0 tcp 8080: kept for application shop HTTP:8080, created since the plan`,
    ]);
    expect(result.outputs['VerifyWorldIngress.Result']).toBe(
      'Verified 1 revocation(s); 1 public port(s) still open; 1 listener port(s) created since the plan kept.',
    );
    expect((await verdict(alb)).complianceType).toBe('COMPLIANT');
  });

  it('verifies a load balancer across its groups: 443 open through the other group is not a failure', async () => {
    const estate = await h.estate();
    // 443 reaches the world only through the second group; the first opens tcp 22.
    const ssh = await estate.securityGroup('ssh', [world('tcp', 22)]);
    const https = await estate.securityGroup('https', [world('tcp', 443)]);
    const alb = await estate.loadBalancer({ name: 'two-groups', groups: [ssh, https] });
    const targets = await estate.targetGroup('two-groups', 'HTTP', 80);
    await estate.listener(alb, 'HTTPS', 443, forward(targets), {
      certificateArn: await estate.certificate(),
    });
    const first = await h.run({ ResourceId: alb, ...AS_CONFIG });
    expect(first.failureMessage).toBeUndefined();
    expect(first.status).toBe('Success');
    expect(summarize(await estate.ingressRules(ssh))).toEqual([]);
    expect(summarize(await estate.ingressRules(https))).toEqual(['0.0.0.0/0 tcp 443-443']);
  });

  it('verifies per address family open before: a dualstack ALB whose group admits port 80 only from ::/0', async () => {
    const estate = await h.estate();
    const v6 = await estate.securityGroup('v6-only', [worldV6('tcp', 80), worldV6('tcp', 22)]);
    const dual = await estate.loadBalancer({ name: 'dual', groups: [v6], ipAddressType: 'dualstack' });
    await estate.listener(dual, 'HTTP', 80, forward(await estate.targetGroup('dual', 'HTTP', 80)));
    const second = await h.run({ ResourceId: dual, ...AS_CONFIG });
    expect(second.failureMessage).toBeUndefined();
    expect(summarize(await estate.ingressRules(v6))).toEqual(['::/0 tcp 80-80']);

    expect(second.outputs['VerifyWorldIngress.Result']).toBe(
      'Verified 1 revocation(s); 1 public port(s) still open.',
    );
  });

  it('treats 0.0.0.0/1 in one group and 128.0.0.0/1 in the other as the world, as the rule does', async () => {
    const estate = await h.estate();
    const low = await estate.securityGroup('low', [
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '0.0.0.0/1' }] },
    ]);
    const high = await estate.securityGroup('high', [
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '128.0.0.0/1' }] },
    ]);
    const halves = await estate.loadBalancer({ name: 'halves', groups: [low, high] });
    await estate.listener(halves, 'HTTP', 80, forward(await estate.targetGroup('halves', 'HTTP', 80)));
    expect((await verdict(halves)).complianceType).toBe('NON_COMPLIANT');
    const third = await h.run({ ResourceId: halves, ...AS_CONFIG });
    expect(third.status).toBe('Success');
    expect(summarize(await estate.ingressRules(low))).toEqual(['0.0.0.0/1 tcp 80-80']);
    expect(summarize(await estate.ingressRules(high))).toEqual(['128.0.0.0/1 tcp 80-80']);
    expect((await verdict(halves)).complianceType).toBe('COMPLIANT');
  });

  it('never changes a group an exempt load balancer uses, when run for another load balancer', async () => {
    const estate = await h.estate();
    const shared = await estate.securityGroup('shared', [world('tcp', 443), world('tcp', 22)]);
    const vendor = await estate.loadBalancer({ name: 'vendor', groups: [shared] });
    await estate.tagLoadBalancer(vendor, 'CHG-77 vendor needs SSH');
    const shop = await estate.loadBalancer({ name: 'shop', groups: [shared] });
    await estate.listener(shop, 'HTTP', 443, forward(await estate.targetGroup('shop', 'HTTP', 80)));
    const before = await dumpState(h.aws);

    const result = await h.run({ ResourceId: shop, ...AS_CONFIG });

    expect(await dumpState(h.aws)).toBe(before);
    expect(result.calls.filter((c) => MUTATING.includes(c.iamAction))).toEqual([]);
    expect(result.outputs['PlanRevocations.Action']).toBe('exempt');
    expect(result.outputs['PlanRevocations.Skipped']).toEqual([
      `${shared}: used by exempt application vendor (elb-config-rules:remediation-exempt='CHG-77 vendor needs SSH')`,
    ]);
  });

  it('rolls back what it added when the group is at its rule quota, and says so', async () => {
    const estate = await h.estate();
    // moto enforces the VPC default of 60 rules per group: 1 wide rule + 58 others leaves room for one more.
    const fillers = Array.from({ length: 58 }, (_, i) => ({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: `10.0.${i}.0/24` }],
    }));
    const group = await estate.securityGroup('full', [world('tcp', 0, 65535), ...fillers]);
    const alb = await estate.loadBalancer({ name: 'full', groups: [group] });
    const targets = await estate.targetGroup('full', 'HTTP', 80);
    await estate.listener(alb, 'HTTP', 80, forward(targets));
    await estate.listener(alb, 'HTTPS', 443, forward(targets), {
      certificateArn: await estate.certificate(),
    });
    const before = await dumpState(h.aws);

    const result = await h.run({ ResourceId: alb, ...AS_CONFIG });

    expect(result.status).toBe('Failed');
    expect(result.failureMessage).toMatch(
      /^ApplyRevocations: RuntimeError: RulesPerSecurityGroupLimitExceeded authorizing sg-\w+ 0\.0\.0\.0\/0 tcp 443: nothing was revoked; the 1 rule\(s\) it had added were revoked again, so the groups are as before\. The group is at its quota of rules per security group/,
    );
    expect(await dumpState(h.aws)).toBe(before);
  });

  it('says why a group shared by an internal and an internet-facing load balancer stays open, and converges', async () => {
    const estate = await h.estate();
    const shared = await estate.securityGroup('shared', [world('tcp', 443), world('tcp', 22)]);
    const internet = await estate.loadBalancer({ name: 'public', groups: [shared] });
    const internal = await estate.loadBalancer({ name: 'private', scheme: 'internal', groups: [shared] });
    const certificateArn = await estate.certificate();
    for (const [lb, name] of [
      [internet, 'public'],
      [internal, 'private'],
    ] as const)
      await estate.listener(lb, 'HTTPS', 443, forward(await estate.targetGroup(name, 'HTTP', 80)), {
        certificateArn,
      });

    const why = `${shared} must stay open to the world for application public HTTPS:443, and internal application private use(s) it too: revoking cannot make both compliant. Split the group: give the internal load balancer(s) a security group of their own without world ingress.`;
    const first = await h.run({ ResourceId: internal, ...AS_CONFIG });
    expect(first.status).toBe('Success');
    expect(summarize(await estate.ingressRules(shared))).toEqual(['0.0.0.0/0 tcp 443-443']);
    expect(first.outputs['PlanRevocations.Unfixable']).toEqual([why]);

    const afterFirst = await dumpState(h.aws);
    const second = await h.run({ ResourceId: internal, ...AS_CONFIG });
    expect(second.outputs['PlanRevocations.Action']).toBe('no-change');
    expect(second.outputs['PlanRevocations.Summary']).toBe(
      `application load balancer private: no world-open ingress beyond what public load balancers need. ${why}`,
    );
    expect(second.calls.filter((c) => MUTATING.includes(c.iamAction))).toEqual([]);
    expect(await dumpState(h.aws)).toBe(afterFirst);

    const judged = await verdict(internal);
    expect(judged.complianceType).toBe('NON_COMPLIANT');
    expect(judged.annotation).toContain('split the group');
  });
});

describe('RevokeWorldIngress world and verify logic (called directly)', () => {
  const doc = loadDocument(remediation.file);
  const python = new PythonWorker({});
  afterAll(() => python.close());
  const r = (id: string, group: string, protocol: string, from: number, to: number, cidr: string) => ({
    GroupId: group,
    SecurityGroupRuleId: id,
    IpProtocol: protocol,
    FromPort: from,
    ToPort: to,
    IsEgress: false,
    ...(cidr.includes(':') ? { CidrIpv6: cidr } : { CidrIpv4: cidr }),
  });

  it('finds world rules across permissions and groups, per port, as the rules do', async () => {
    const rules = [
      r('ssh-low', 'sg-a', 'tcp', 22, 22, '0.0.0.0/1'),
      r('wide-high', 'sg-b', 'tcp', 0, 1024, '128.0.0.0/1'),
      r('inside', 'sg-b', 'tcp', 22, 22, '10.0.0.0/8'),
      r('udp-low', 'sg-a', 'udp', 53, 53, '0.0.0.0/1'),
      r('all-v6-low', 'sg-a', '-1', -1, -1, '::/1'),
      r('https-v6-high', 'sg-b', 'tcp', 443, 443, '8000::/1'),
    ];
    const ids = (await python.callFunction(
      scriptOf(doc, 'PlanRevocations'),
      'world_rules_of',
      rules,
      [],
    )) as {
      SecurityGroupRuleId: string;
    }[];
    // tcp 22: 0.0.0.0/1 + 128.0.0.0/1 (10.0.0.0/8 inside adds nothing); udp 53 has no other half;
    // tcp 443 over IPv6: ::/1 (all traffic) + 8000::/1.
    expect(ids.map((x) => x.SecurityGroupRuleId).sort()).toEqual([
      'all-v6-low',
      'https-v6-high',
      'ssh-low',
      'wide-high',
    ]);
  });

  it('fails Verify when a listener port kept since the plan is not open through any of the load balancer’s groups', async () => {
    const added = {
      LoadBalancer: 'application shop',
      Groups: ['sg-a', 'sg-b'],
      Family: 'ipv4',
      Transport: 'tcp',
      Port: 8080,
      UsedBy: ['application shop HTTP:8080'],
    };
    const script = `${scriptOf(doc, 'VerifyWorldIngress')}\n\nclass _Pages:\n    def __init__(self, rules):\n        self.rules = rules\n    def paginate(self, Filters):\n        group = Filters[0]['Values'][0]\n        return [{'SecurityGroupRules': [r for r in self.rules if r['GroupId'] == group]}]\n\n\nclass _Ec2:\n    def __init__(self, rules):\n        self.rules = rules\n    def get_paginator(self, name):\n        return _Pages(self.rules)\n\n\ndef verify_with(rules, events):\n    boto3.client = lambda service: _Ec2(rules)\n    return verify(events, {})\n`;
    const events = { Revoke: [], Protected: [], AddedNeeds: [added], WorldPrefixListIds: 'none' };
    await expect(
      python.callFunction(script, 'verify_with', [r('low', 'sg-a', 'tcp', 8080, 8080, '0.0.0.0/1')], events),
    ).rejects.toThrow(
      'Verification failed: application shop (groups sg-a, sg-b) no longer admits ipv4 tcp 8080 needed by application shop HTTP:8080',
    );
    expect(
      await python.callFunction(
        script,
        'verify_with',
        [
          r('low', 'sg-a', 'tcp', 8080, 8080, '0.0.0.0/1'),
          r('high', 'sg-b', 'tcp', 8000, 9000, '128.0.0.0/1'),
        ],
        events,
      ),
    ).toEqual({
      Result:
        'Verified 0 revocation(s); 0 public port(s) still open; 1 listener port(s) created since the plan kept.',
    });
  });
});
