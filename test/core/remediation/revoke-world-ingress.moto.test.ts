// ElbConfigRules-RevokeWorldIngress end to end on moto: what it revokes, what it keeps, and that
// dry runs, exemptions and second runs change nothing.
import { AuthorizeSecurityGroupIngressCommand, type SecurityGroupRule } from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import {
  revokeWorldIngress as remediation,
  revokeTargetsWorldIngress as targetGroupsRemediation,
} from '../../../rules/core/remediation/revoke-world-ingress/link.js';
import { rule as worldIngressRule } from '../../../rules/lb-sg-world-ingress/rule.js';
import { rule as targetRule } from '../../../rules/lb-target-sg-restricted/rule.js';
import { requireMoto } from '../../support/moto.js';
import { loadDocument, PythonWorker, scriptOf } from '../../support/ssm-runner/index.js';
import { dumpState } from './support/dump.js';
import { type Estate, forward, world, worldV6 } from './support/estate.js';
import { leastPrivilegeReport, useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();
const MUTATING = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'];

/** "cidr protocol from-to" for each ingress rule, sorted: the group as a person reads it. */
function summarize(rules: SecurityGroupRule[]): string[] {
  return rules
    .map((r) => `${r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId} ${r.IpProtocol} ${r.FromPort}-${r.ToPort}`)
    .sort();
}

describe.runIf(run)('ElbConfigRules-RevokeWorldIngress', () => {
  const h = useRemediationHarness('lb-sg-world-ingress', remediation);

  /** A public IPv4 ALB with an HTTPS:443 listener whose group is open to the world more than it must be. */
  async function publicAlb(estate: Estate, extraGroups: string[] = []) {
    const group = await estate.securityGroup('alb', [
      world('tcp', 443),
      world('tcp', 22),
      worldV6('tcp', 0, 65535),
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ]);
    const alb = await estate.loadBalancer({ name: 'public-alb', groups: [group, ...extraGroups] });
    const targets = await estate.targetGroup('web', 'HTTP', 80);
    await estate.listener(alb, 'HTTPS', 443, forward(targets), {
      certificateArn: await estate.certificate(),
    });
    return { group, alb };
  }

  it("keeps a public ALB's 0.0.0.0/0 on 443, revokes 0.0.0.0/0 on 22 and ::/0 on 0-65535, lists exactly that, and is idempotent", async () => {
    const estate = await h.estate();
    const { group, alb } = await publicAlb(estate);
    const original = await estate.ingressRules(group);
    const id = (cidr: string, from: number) =>
      original.find((r) => (r.CidrIpv4 ?? r.CidrIpv6) === cidr && r.FromPort === from)?.SecurityGroupRuleId;
    const verdict = () => judgeLive(worldIngressRule, h.aws.endpoint, ELBV2_LOAD_BALANCER, alb);
    expect((await verdict()).complianceType).toBe('NON_COMPLIANT');

    const result = await h.run({ ResourceId: alb });
    expect((await verdict()).complianceType).toBe('COMPLIANT');

    expect(result.status).toBe('Success');
    expect(summarize(await estate.ingressRules(group))).toEqual([
      '0.0.0.0/0 tcp 443-443',
      '10.0.0.0/8 tcp 22-22',
    ]);
    expect(result.outputs['PlanRevocations.Action']).toBe('apply');
    expect(result.outputs['ApplyRevocations.Revoked']).toEqual([
      `${group} ${id('0.0.0.0/0', 22)} 0.0.0.0/0 tcp 22`,
      `${group} ${id('::/0', 0)} ::/0 tcp 0-65535`,
    ]);
    const planned = result.outputs['PlanRevocations.Revoke'] as { SecurityGroupRuleId: string }[];
    expect(planned.map((r) => r.SecurityGroupRuleId)).toEqual([id('0.0.0.0/0', 22), id('::/0', 0)]);
    expect(result.outputs['ApplyRevocations.Authorized']).toEqual([]);
    expect(result.outputs['PlanRevocations.Kept']).toEqual([
      `${group} ${id('0.0.0.0/0', 443)} 0.0.0.0/0 tcp 443 (needed by application public-alb HTTPS:443)`,
    ]);
    expect(result.outputs['VerifyWorldIngress.Result']).toBe(
      'Verified 2 revocation(s); 1 public port(s) still open.',
    );
    const prior = JSON.parse(String(result.outputs['PlanRevocations.PriorState']));
    expect(
      prior.groups[group].WorldIngressRules.map((r: SecurityGroupRule) => r.SecurityGroupRuleId).sort(),
    ).toEqual([id('0.0.0.0/0', 22), id('0.0.0.0/0', 443), id('::/0', 0)].sort());

    // A second run finds nothing to do and changes nothing.
    const afterFirst = await dumpState(h.aws);
    const second = await h.run({ ResourceId: alb });
    expect(second.status).toBe('Success');
    expect(second.outputs['PlanRevocations.Action']).toBe('no-change');
    expect(second.outputs['PlanRevocations.Changes']).toEqual([]);
    expect(second.steps.map((s) => s.name)).toEqual(['PlanRevocations', 'ChooseAction']);
    expect(second.calls.filter((c) => MUTATING.includes(c.iamAction))).toEqual([]);
    expect(await dumpState(h.aws)).toBe(afterFirst);

    // The rollback commands in the outputs restore what was revoked.
    const commands = result.outputs['ApplyRevocations.RollbackCommands'] as string[];
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      const match =
        /^aws ec2 authorize-security-group-ingress --group-id (sg-\w+) --ip-permissions '(.+)'$/.exec(
          command,
        );
      expect(match, command).not.toBeNull();
      await h.aws.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: match?.[1],
          IpPermissions: JSON.parse(match?.[2] ?? ''),
        }),
      );
    }
    expect(summarize(await estate.ingressRules(group))).toEqual(summarize(original));
  });

  it('leaves the state byte-for-byte unchanged on a dry run, and on an exempt load balancer', async () => {
    const estate = await h.estate();
    const { group, alb } = await publicAlb(estate);
    const before = await dumpState(h.aws);

    const dryRun = await h.run({ ResourceId: alb, DryRun: true });
    expect(await dumpState(h.aws)).toBe(before);
    expect(dryRun.status).toBe('Success');
    expect(dryRun.outputs['PlanRevocations.Action']).toBe('dry-run');
    expect(dryRun.outputs['PlanRevocations.Summary']).toBe(
      'application load balancer public-alb: Would revoke 2 world-open rule(s), authorizing 0 narrower rule(s) first; keeping 1; 0 group(s) exempt.',
    );
    expect(dryRun.outputs['PlanRevocations.Changes']).toEqual([
      expect.stringMatching(
        new RegExp(
          `^revoke ${group} sgr-\\w+ 0\\.0\\.0\\.0/0 tcp 22: no internet-facing load balancer needs it$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^revoke ${group} sgr-\\w+ ::/0 tcp 0-65535: no internet-facing load balancer needs it$`),
      ),
    ]);
    expect(dryRun.calls.filter((c) => MUTATING.includes(c.iamAction))).toEqual([]);

    await estate.tagLoadBalancer(alb, 'CHG-1234 vendor scanner');
    const tagged = await dumpState(h.aws);
    const exempt = await h.run({ ResourceId: alb });
    expect(await dumpState(h.aws)).toBe(tagged);
    expect(exempt.outputs['PlanRevocations.Action']).toBe('exempt');
    expect(exempt.outputs['PlanRevocations.Summary']).toBe(
      "Skipped: application load balancer public-alb is tagged elb-config-rules:remediation-exempt='CHG-1234 vendor scanner'; nothing changed.",
    );
  });

  it("skips an exempt group and fixes the load balancer's other groups", async () => {
    const estate = await h.estate();
    const exempt = await estate.securityGroup('bastion', [world('tcp', 22)]);
    await estate.tagGroup(exempt, 'break-glass SSH');
    const { group, alb } = await publicAlb(estate, [exempt]);
    const result = await h.run({ ResourceId: alb });
    expect(result.outputs['PlanRevocations.Skipped']).toEqual([
      `${exempt}: tagged elb-config-rules:remediation-exempt='break-glass SSH'`,
    ]);
    expect(summarize(await estate.ingressRules(exempt))).toEqual(['0.0.0.0/0 tcp 22-22']);
    expect(summarize(await estate.ingressRules(group))).toEqual([
      '0.0.0.0/0 tcp 443-443',
      '10.0.0.0/8 tcp 22-22',
    ]);
  });

  it('narrows all-traffic rules of a dualstack ALB to its listener ports, authorizing before revoking', async () => {
    const estate = await h.estate();
    const group = await estate.securityGroup('dual', [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      world('tcp', 80, 443),
    ]);
    const alb = await estate.loadBalancer({ name: 'dual-alb', groups: [group], ipAddressType: 'dualstack' });
    const targets = await estate.targetGroup('dual-web', 'HTTP', 80);
    await estate.listener(alb, 'HTTP', 80, forward(targets));
    await estate.listener(alb, 'HTTPS', 443, forward(targets), {
      certificateArn: await estate.certificate(),
    });

    const result = await h.run({ ResourceId: alb });

    expect(result.status).toBe('Success');
    expect(summarize(await estate.ingressRules(group))).toEqual([
      '0.0.0.0/0 tcp 443-443',
      '0.0.0.0/0 tcp 80-80',
      '::/0 tcp 443-443',
      '::/0 tcp 80-80',
    ]);
    const mutations = result.calls.filter((c) => MUTATING.includes(c.iamAction)).map((c) => c.iamAction);
    expect(mutations).toEqual([
      ...Array(4).fill('ec2:AuthorizeSecurityGroupIngress'),
      'ec2:RevokeSecurityGroupIngress',
    ]);
    expect(result.outputs['ApplyRevocations.Revoked']).toHaveLength(3);
    expect(result.outputs['ApplyRevocations.RollbackCommands']).toHaveLength(7);
    expect((await h.run({ ResourceId: alb })).outputs['PlanRevocations.Action']).toBe('no-change');
  });

  it('keeps the listener ports of a public Classic load balancer and a public NLB with groups (UDP too)', async () => {
    const estate = await h.estate();
    const group = await estate.securityGroup('shared', [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ]);
    await estate.classic({
      name: 'legacy',
      groups: [group],
      listeners: [{ Protocol: 'TCP', LoadBalancerPort: 8443, InstanceProtocol: 'TCP', InstancePort: 8443 }],
    });
    const nlb = await estate.loadBalancer({ name: 'dns', type: 'network', groups: [group] });
    await estate.listener(nlb, 'UDP', 53, forward(await estate.targetGroup('dns-targets', 'UDP', 53)));
    const internalGroup = await estate.securityGroup('internal', [world('tcp', 80)]);
    const internal = await estate.loadBalancer({
      name: 'internal-alb',
      scheme: 'internal',
      groups: [internalGroup],
    });
    await estate.listener(
      internal,
      'HTTP',
      80,
      forward(await estate.targetGroup('internal-web', 'HTTP', 80)),
    );

    expect((await h.run({ ResourceId: group })).status).toBe('Success');
    expect((await h.run({ ResourceId: internal })).status).toBe('Success');

    expect(summarize(await estate.ingressRules(group))).toEqual([
      '0.0.0.0/0 tcp 8443-8443',
      '0.0.0.0/0 udp 53-53',
    ]);
    expect(summarize(await estate.ingressRules(internalGroup))).toEqual([]);
  });

  it('treats split ranges and named prefix lists as world, narrowing them too; keeps ICMP only when asked', async () => {
    const estate = await h.estate();
    const prefixList = await estate.prefixList(['0.0.0.0/0']);
    const group = await estate.securityGroup('spelled', [
      {
        IpProtocol: 'tcp',
        FromPort: 0,
        ToPort: 65535,
        IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }],
      },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: prefixList }] },
      { IpProtocol: 'icmp', FromPort: 3, ToPort: 4, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ]);
    const alb = await estate.loadBalancer({ name: 'spelled', groups: [group] });
    await estate.listener(alb, 'HTTP', 80, forward(await estate.targetGroup('spelled', 'HTTP', 80)));

    const result = await h.run({ ResourceId: alb, WorldPrefixListIds: prefixList, KeepWorldIcmp: true });

    expect(result.status).toBe('Success');
    expect(summarize(await estate.ingressRules(group))).toEqual([
      '0.0.0.0/0 icmp 3-4',
      '0.0.0.0/1 tcp 80-80',
      '10.0.0.0/8 tcp 0-65535',
      '128.0.0.0/1 tcp 80-80',
    ]);
    expect(result.outputs['ApplyRevocations.Revoked']).toEqual([
      expect.stringMatching(/ 0\.0\.0\.0\/1 tcp 0-65535$/),
      expect.stringMatching(/ 128\.0\.0\.0\/1 tcp 0-65535$/),
      expect.stringMatching(new RegExp(` ${prefixList} tcp 22$`)),
    ]);
    expect(result.outputs['VerifyWorldIngress.Result']).toBe(
      'Verified 3 revocation(s); 1 public port(s) still open.',
    );
    const again = await h.run({ ResourceId: alb, WorldPrefixListIds: prefixList, KeepWorldIcmp: true });
    expect(again.outputs['PlanRevocations.Action']).toBe('no-change');
    const icmp = await h.run({ ResourceId: alb, WorldPrefixListIds: prefixList });
    expect(icmp.outputs['ApplyRevocations.Revoked']).toEqual([
      expect.stringMatching(/0\.0\.0\.0\/0 icmp 3-4$/),
    ]);
  });

  it('refuses GroupsOf=targets with a security group id, naming the problem', async () => {
    const estate = await h.estate();
    const group = await estate.securityGroup('lonely', [world('tcp', 22)]);
    const result = await h.run({ ResourceId: group, GroupsOf: 'targets' });
    expect(result.status).toBe('Failed');
    expect(result.failureMessage).toMatch(
      /^PlanRevocations: ValueError: GroupsOf=targets needs a load balancer as ResourceId, not a security group/,
    );
    expect(summarize(await estate.ingressRules(group))).toEqual(['0.0.0.0/0 tcp 22-22']);
  });

  it('fails verification when a port a public load balancer needs is no longer open (verify step called directly)', async () => {
    const estate = await h.estate();
    const group = await estate.securityGroup('closed', [world('tcp', 22)]);
    const [ssh] = await estate.ingressRules(group);
    const need = {
      GroupId: group,
      Family: 'ipv4',
      Transport: 'tcp',
      Port: 443,
      UsedBy: ['application shop HTTPS:443'],
    };
    await expect(
      h.callScript(
        'VerifyWorldIngress',
        'verify',
        {
          Revoke: [{ GroupId: group, SecurityGroupRuleId: ssh?.SecurityGroupRuleId }],
          Protected: [need],
          WorldPrefixListIds: 'none',
        },
        {},
      ),
    ).rejects.toThrow(
      `Verification failed: ${group} ${ssh?.SecurityGroupRuleId} is still present; ${group} no longer admits ipv4 tcp 443 needed by application shop HTTPS:443`,
    );
  });

  describe('for lb-target-sg-restricted (GroupsOf=targets)', () => {
    it("keeps the target port of a public NLB's instances (client IPs pass through) and revokes the rest", async () => {
      const estate = await h.estate();
      const targetsGroup = await estate.securityGroup('app-instances', [
        world('tcp', 8080),
        world('tcp', 22),
      ]);
      const instance = await estate.instance([targetsGroup]);
      const nlb = await estate.loadBalancer({ name: 'edge', type: 'network' });
      await estate.listener(
        nlb,
        'TCP',
        443,
        forward(await estate.targetGroup('edge-app', 'TCP', 8080, [instance])),
      );

      const result = await h.run({ ResourceId: nlb, GroupsOf: 'targets' });

      expect(result.status).toBe('Success');
      expect(summarize(await estate.ingressRules(targetsGroup))).toEqual(['0.0.0.0/0 tcp 8080-8080']);
      // The rule still names the kept port: closing it would cut the NLB's clients off (docs/remediation.md).
      const verdict = await judgeLive(targetRule, h.aws.endpoint, ELBV2_LOAD_BALANCER, nlb);
      expect(verdict.complianceType).toBe('NON_COMPLIANT');
      expect(verdict.findings.join(' ')).toMatch(/8080/);
      expect(verdict.findings.join(' ')).not.toMatch(/ 22\b/);
      expect(result.outputs['PlanRevocations.Kept']).toEqual([
        expect.stringMatching(/0\.0\.0\.0\/0 tcp 8080 \(needed by targets of network edge \(edge-app\)\)$/),
      ]);
    });

    it("revokes world-open rules on an ALB's instances: an ALB does not pass client addresses through", async () => {
      const estate = await h.estate();
      const targetsGroup = await estate.securityGroup('web-instances', [world('tcp', 80)]);
      const instance = await estate.instance([targetsGroup]);
      const albGroup = await estate.securityGroup('web-alb', [world('tcp', 80)]);
      const alb = await estate.loadBalancer({ name: 'web', groups: [albGroup] });
      await estate.listener(
        alb,
        'HTTP',
        80,
        forward(await estate.targetGroup('web-app', 'HTTP', 80, [instance])),
      );

      const result = await h.run({ ResourceId: alb, GroupsOf: 'targets' });

      expect(result.status).toBe('Success');
      expect(summarize(await estate.ingressRules(targetsGroup))).toEqual([]);
      expect(summarize(await estate.ingressRules(albGroup))).toEqual(['0.0.0.0/0 tcp 80-80']);
      expect((await judgeLive(targetRule, h.aws.endpoint, ELBV2_LOAD_BALANCER, alb)).complianceType).toBe(
        'COMPLIANT',
      );
    });
  });

  it('made only calls its policy allows, and its policy allows nothing the runs did not use', () => {
    expect(targetGroupsRemediation.permissions).toBe(remediation.permissions);
    expect(leastPrivilegeReport(remediation, h.calls)).toEqual({ denied: [], unused: [] });
  });
});

describe('RevokeWorldIngress planning logic (called directly)', () => {
  const script = scriptOf(loadDocument(remediation.file), 'PlanRevocations');
  const python = new PythonWorker({});
  afterAll(() => python.close());

  const rule = (id: string, protocol: string, from: number, to: number, cidr = '0.0.0.0/0') => ({
    GroupId: 'sg-1',
    SecurityGroupRuleId: id,
    IpProtocol: protocol,
    FromPort: from,
    ToPort: to,
    ...(cidr.includes(':') ? { CidrIpv6: cidr } : { CidrIpv4: cidr }),
  });
  const need = (port: number, transport = 'tcp', family = 'ipv4') => ({
    GroupId: 'sg-1',
    Family: family,
    Transport: transport,
    Port: port,
    UsedBy: [`lb ${port}`],
  });

  it('narrows a range to runs of needed ports, keeps exact rules, revokes ICMP and other families', async () => {
    const result = (await python.callFunction(
      script,
      'decide',
      'sg-1',
      [
        rule('r-range', 'tcp', 80, 8443),
        rule('r-443', 'tcp', 443, 443),
        rule('r-icmp', 'icmp', -1, -1),
        rule('r-udp', 'udp', 53, 53),
        rule('r-v6', 'tcp', 443, 443, '::/0'),
      ],
      [need(80), need(443), need(444), need(8443), need(53, 'udp')],
    )) as { Revoke: { SecurityGroupRuleId: string; Reason: string }[]; Authorize: unknown[]; Kept: string[] };
    expect(result.Revoke.map((r) => `${r.SecurityGroupRuleId}: ${r.Reason}`)).toEqual([
      'r-icmp: no internet-facing load balancer needs it',
      'r-range: wider than needed; tcp 80, tcp 443-444, tcp 8443 kept as own rules',
      'r-v6: no internet-facing load balancer needs it',
    ]);
    expect(result.Authorize).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        Cidr: '0.0.0.0/0',
        Description: 'elb-config-rules: kept for lb 80',
      }),
      expect.objectContaining({
        FromPort: 443,
        ToPort: 444,
        Description: 'elb-config-rules: kept for lb 443, lb 444',
      }),
      expect.objectContaining({ FromPort: 8443, ToPort: 8443 }),
    ]);
    expect(result.Kept).toEqual([
      'sg-1 r-443 0.0.0.0/0 tcp 443 (needed by lb 443)',
      'sg-1 r-udp 0.0.0.0/0 udp 53 (needed by lb 53)',
    ]);
  });

  it('recognises the world in any spelling, and nothing else', async () => {
    const r = (
      id: string,
      source: Record<string, string>,
      protocol = 'tcp',
      from = 443,
      to = 443,
      egress = false,
    ) => ({
      GroupId: 'sg-1',
      SecurityGroupRuleId: id,
      IpProtocol: protocol,
      FromPort: from,
      ToPort: to,
      IsEgress: egress,
      ...source,
    });
    const rules = [
      r('any-v4', { CidrIpv4: '0.0.0.0/0' }),
      r('odd-zero', { CidrIpv4: '10.1.2.3/0' }),
      r('half-a', { CidrIpv6: '::/1' }, 'udp', 53, 53),
      r('half-b', { CidrIpv6: '8000::/1' }, 'udp', 53, 53),
      r('inside-half', { CidrIpv6: '2001:db8::/32' }, 'udp', 53, 53),
      r('one-half-only', { CidrIpv4: '0.0.0.0/1' }, 'tcp', 22, 22),
      r('private', { CidrIpv4: '10.0.0.0/8' }),
      r('listed', { PrefixListId: 'pl-0123456789abcdef0' }),
      r('unlisted', { PrefixListId: 'pl-00000000000000000' }),
      r('egress', { CidrIpv4: '0.0.0.0/0' }, '-1', -1, -1, true),
    ];
    const ids = async (lists: string[]) =>
      (
        (await python.callFunction(script, 'world_rules_of', rules, lists)) as {
          SecurityGroupRuleId: string;
        }[]
      )
        .map((x) => x.SecurityGroupRuleId)
        .sort();
    expect(await ids(['pl-0123456789abcdef0'])).toEqual(['any-v4', 'half-a', 'half-b', 'listed', 'odd-zero']);
    expect(await ids(['*'])).toEqual(['any-v4', 'half-a', 'half-b', 'listed', 'odd-zero', 'unlisted']);
    expect(await ids([])).toEqual(['any-v4', 'half-a', 'half-b', 'odd-zero']);
  });

  it('finds contiguous runs of ports', async () => {
    expect(await python.callFunction(script, 'runs', [1, 2, 3, 7, 9, 10])).toEqual([
      [1, 3],
      [7, 7],
      [9, 10],
    ]);
    expect(await python.callFunction(script, 'runs', [])).toEqual([]);
  });
});
