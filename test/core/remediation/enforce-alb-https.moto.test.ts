// ElbConfigRules-EnforceAlbHttps end to end on moto: HTTPS first, redirect second, and never a
// change when the HTTPS path could not answer.
import {
  DeleteListenerCommand,
  DeleteRuleCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  type Listener,
  ModifyListenerCommand,
  ModifyRuleCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/alb-https-only/rule.js';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { enforceAlbHttps as remediation } from '../../../rules/core/remediation/enforce-alb-https/link.js';
import { requireMoto } from '../../support/moto.js';
import { dumpState } from './support/dump.js';
import { type Estate, forward, world } from './support/estate.js';
import { leastPrivilegeReport, useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();
const REDIRECT = {
  Type: 'redirect',
  RedirectConfig: {
    Protocol: 'HTTPS',
    Port: '443',
    Host: '#{host}',
    Path: '/#{path}',
    Query: '#{query}',
    StatusCode: 'HTTP_301',
  },
};

describe.runIf(run)('ElbConfigRules-EnforceAlbHttps', () => {
  const h = useRemediationHarness('alb-https-only', remediation);

  /** A public ALB whose HTTP:80 forwards (default and /api/* rule) and has a fixed-response rule. */
  async function httpAlb(estate: Estate, options: { httpsOpen?: boolean; healthy?: boolean } = {}) {
    const group = await estate.securityGroup('alb', [
      world('tcp', 80),
      ...(options.httpsOpen === false ? [] : [world('tcp', 443)]),
    ]);
    const instance = await estate.instance([group]);
    const registered = options.healthy === false ? [] : [instance];
    const web = await estate.targetGroup('web', 'HTTP', 80, registered);
    const api = await estate.targetGroup('api', 'HTTP', 8080, registered);
    const alb = await estate.loadBalancer({ name: 'shop', groups: [group] });
    const http = await estate.listener(alb, 'HTTP', 80, forward(web));
    await estate.rule(http, 10, '/api/*', forward(api));
    await estate.rule(http, 20, '/health', [
      { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain' } },
    ]);
    return { alb, http, web, api, instance, certificate: await estate.certificate() };
  }

  const listeners = async (alb: string): Promise<Listener[]> =>
    ((await h.aws.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: alb }))).Listeners ?? []).sort(
      (a, b) => (a.Port ?? 0) - (b.Port ?? 0),
    );
  const rulesOf = async (listener: string) =>
    ((await h.aws.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules ?? [])
      .filter((r) => !r.IsDefault)
      .sort((a, b) => Number(a.Priority) - Number(b.Priority))
      .map((r) => ({
        priority: r.Priority,
        type: r.Actions?.[0]?.Type,
        target: r.Actions?.[0]?.TargetGroupArn,
      }));

  it('adds HTTPS that routes like HTTP, then redirects HTTP to it; the rule then passes; a second run changes nothing', async () => {
    const estate = await h.estate();
    const { alb, http, web, api, certificate } = await httpAlb(estate);
    expect((await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, alb)).complianceType).toBe(
      'NON_COMPLIANT',
    );

    const result = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });

    expect(result.status).toBe('Success');
    const [httpListener, https] = await listeners(alb);
    expect(https).toMatchObject({
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      Certificates: [{ CertificateArn: certificate }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: web }],
    });
    expect(await rulesOf(https?.ListenerArn ?? '')).toEqual([
      { priority: '10', type: 'forward', target: api },
      { priority: '20', type: 'fixed-response', target: undefined },
    ]);
    const tags = await h.aws.elbv2.send(
      new DescribeTagsCommand({ ResourceArns: [https?.ListenerArn ?? ''] }),
    );
    expect(tags.TagDescriptions?.[0]?.Tags).toEqual([
      { Key: 'elb-config-rules:source-listener', Value: http },
    ]);
    expect(httpListener?.DefaultActions).toEqual([REDIRECT]);
    expect(await rulesOf(http)).toEqual([
      { priority: '10', type: 'redirect', target: undefined },
      { priority: '20', type: 'fixed-response', target: undefined },
    ]);
    expect(result.outputs).toMatchObject({
      'PlanHttps.Action': 'apply',
      'PlanHttps.Summary': 'Redirecting HTTP:80 to HTTPS:443 (new listener).',
      'EnsureHttpsListener.Created': true,
      'EnsureHttpsListener.CopiedRules': ['rule 10', 'rule 20'],
      'CheckHttpsAnswers.Result': 'HTTPS:443 is ready: 2 target group(s) with healthy targets.',
      'RedirectHttpToHttps.Changed': [
        'HTTP:80 rule 10 now redirects to HTTPS:443',
        'HTTP:80 default action now redirects to HTTPS:443',
      ],
      'VerifyHttpsOnly.Result': 'Verified: no HTTP listener forwards; HTTPS:443 is in place.',
    });
    expect(result.sleeps).toEqual([15]);
    const order = result.calls.map((c) => c.iamAction).filter((a) => !/:Describe/.test(a));
    expect(order).toEqual([
      'elasticloadbalancing:CreateListener',
      'elasticloadbalancing:CreateRule',
      'elasticloadbalancing:CreateRule',
      'elasticloadbalancing:ModifyRule',
      'elasticloadbalancing:ModifyListener',
    ]);
    expect((await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, alb)).complianceType).toBe(
      'COMPLIANT',
    );

    const before = await dumpState(h.aws);
    const second = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    expect(second.outputs['PlanHttps.Action']).toBe('no-change');
    expect(second.outputs['PlanHttps.Summary']).toBe('No HTTP listener forwards to targets.');
    expect(await dumpState(h.aws)).toBe(before);
  });

  it('outputs the prior routing and rollback commands that restore it', async () => {
    const estate = await h.estate();
    const { alb, http, certificate } = await httpAlb(estate);
    const original = { default: (await listeners(alb))[0]?.DefaultActions, rules: await rulesOf(http) };
    const result = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    const prior = JSON.parse(String(result.outputs['PlanHttps.PriorState']));
    expect(prior.HttpListeners[0].DefaultActions).toEqual(original.default);

    for (const command of result.outputs['RedirectHttpToHttps.RollbackCommands'] as string[]) {
      const [, verb, arn, json] =
        /^aws elbv2 (modify-rule --rule-arn|modify-listener --listener-arn|delete-listener --listener-arn) (\S+)(?: --(?:actions|default-actions) '(.+)')?$/.exec(
          command,
        ) ?? [];
      if (verb === 'modify-rule --rule-arn') {
        await h.aws.elbv2.send(new ModifyRuleCommand({ RuleArn: arn, Actions: JSON.parse(json ?? '') }));
      } else if (verb === 'modify-listener --listener-arn') {
        await h.aws.elbv2.send(
          new ModifyListenerCommand({ ListenerArn: arn, DefaultActions: JSON.parse(json ?? '') }),
        );
      } else if (verb === 'delete-listener --listener-arn') {
        await h.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: arn }));
      } else {
        throw new Error(`unexpected rollback command: ${command}`);
      }
    }
    const restored = await listeners(alb);
    expect(restored.map((l) => `${l.Protocol}:${l.Port}`)).toEqual(['HTTP:80']);
    expect({ default: restored[0]?.DefaultActions, rules: await rulesOf(http) }).toEqual(original);
  });

  it('changes nothing on a dry run or for an exempt load balancer', async () => {
    const estate = await h.estate();
    const { alb, certificate } = await httpAlb(estate);
    const before = await dumpState(h.aws);
    const dryRun = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate, DryRun: 'true' });
    expect(await dumpState(h.aws)).toBe(before);
    expect(dryRun.outputs['PlanHttps.Action']).toBe('dry-run');
    expect(dryRun.outputs['PlanHttps.Changes']).toEqual([
      `create HTTPS:443 with certificate ${certificate} and policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, routing like HTTP:80 (default action and 2 rule(s))`,
      'HTTP:80 default action: forward -> 301 redirect to HTTPS:443',
      'HTTP:80 rule 10: forward -> 301 redirect to HTTPS:443',
    ]);

    await estate.tagLoadBalancer(alb, 'migrating next quarter');
    const tagged = await dumpState(h.aws);
    const exempt = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    expect(await dumpState(h.aws)).toBe(tagged);
    expect(exempt.outputs['PlanHttps.Action']).toBe('exempt');
    expect(exempt.outputs['PlanHttps.Summary']).toBe(
      "Skipped: the load balancer is tagged elb-config-rules:remediation-exempt='migrating next quarter'; nothing changed.",
    );
  });

  it('refuses, changing nothing, when the security groups would not let HTTP clients reach HTTPS', async () => {
    const estate = await h.estate();
    const { alb, certificate } = await httpAlb(estate, { httpsOpen: false });
    const before = await dumpState(h.aws);
    const result = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    expect(result.status).toBe('Failed');
    expect(result.failureMessage).toMatch(
      /^PlanHttps: Refused: security groups sg-\w+ let 0\.0\.0\.0\/0 reach HTTP port\(s\) 80 but not port 443: allow them on 443 first/,
    );
    expect(await dumpState(h.aws)).toBe(before);
  });

  it('stops before touching HTTP while HTTPS has no healthy target, and resumes (copying missing rules) once it has', async () => {
    const estate = await h.estate();
    const { alb, http, web, api, instance, certificate } = await httpAlb(estate);
    for (const group of [web, api]) {
      await h.aws.elbv2.send(
        new DeregisterTargetsCommand({ TargetGroupArn: group, Targets: [{ Id: instance }] }),
      );
    }
    const failed = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    expect(failed.status).toBe('Failed');
    expect(failed.failureMessage).toMatch(
      /^CheckHttpsAnswers: RuntimeError: target group\(s\) api, web behind HTTPS have no healthy target: HTTP was left as it is/,
    );
    const [httpListener, https] = await listeners(alb);
    expect(httpListener?.DefaultActions).toEqual([{ Type: 'forward', TargetGroupArn: web }]);
    expect((await rulesOf(http))[0]).toEqual({ priority: '10', type: 'forward', target: api });

    // Half-finished HTTPS listener: one copied rule lost. The next run completes it rather than redirecting to it as is.
    const copied =
      (await h.aws.elbv2.send(new DescribeRulesCommand({ ListenerArn: https?.ListenerArn }))).Rules ?? [];
    await h.aws.elbv2.send(
      new DeleteRuleCommand({ RuleArn: copied.find((r) => r.Priority === '10')?.RuleArn }),
    );
    for (const group of [web, api]) {
      await h.aws.elbv2.send(
        new RegisterTargetsCommand({ TargetGroupArn: group, Targets: [{ Id: instance }] }),
      );
    }
    const resumed = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    expect(resumed.status).toBe('Success');
    expect(resumed.outputs['PlanHttps.Changes']).toContain(
      'complete the HTTPS:443 listener a previous run created (copy its missing rules)',
    );
    expect(resumed.outputs['EnsureHttpsListener.Created']).toBe(false);
    expect(resumed.outputs['EnsureHttpsListener.CopiedRules']).toEqual(['rule 10']);
    expect(await rulesOf(https?.ListenerArn ?? '')).toEqual([
      { priority: '10', type: 'forward', target: api },
      { priority: '20', type: 'fixed-response', target: undefined },
    ]);
    expect((await listeners(alb))[0]?.DefaultActions).toEqual([REDIRECT]);
  });

  it('refuses a port taken by another protocol, and reuses an HTTPS listener the owner already has, as it is', async () => {
    const estate = await h.estate();
    const { alb, web, certificate } = await httpAlb(estate);
    const taken = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate, HttpsPort: 80 });
    expect(taken.failureMessage).toMatch(
      /^PlanHttps: Refused: port 80 is already a HTTP listener; choose another HttpsPort/,
    );

    const owned = await estate.listener(alb, 'HTTPS', 443, forward(web), { certificateArn: certificate });
    const result = await h.run({ LoadBalancerArn: alb, CertificateArn: certificate });
    expect(result.status).toBe('Success');
    expect(result.outputs['EnsureHttpsListener.ListenerArn']).toBe(owned);
    expect(result.outputs['EnsureHttpsListener.CopiedRules']).toEqual([]);
    expect(await rulesOf(owned)).toEqual([]);
  });

  it('fails verification while an HTTP listener still forwards (verify step called directly)', async () => {
    const estate = await h.estate();
    const { alb } = await httpAlb(estate);
    await expect(
      h.callScript('VerifyHttpsOnly', 'verify', { LoadBalancerArn: alb, HttpsPort: 443 }, {}),
    ).rejects.toThrow(
      'Verification failed: no HTTPS listener on port 443; HTTP:80 default action still forwards; HTTP:80 rule 10 still forwards',
    );
  });

  it('refuses a load balancer that is not an ALB', async () => {
    const estate = await h.estate();
    const nlb = await estate.loadBalancer({ name: 'tcp', type: 'network' });
    const result = await h.run({ LoadBalancerArn: nlb, CertificateArn: await estate.certificate() });
    expect(result.failureMessage).toBe(
      'AssertApplicationLoadBalancer: $.LoadBalancers[0].Type is network, expected one of application',
    );
    expect(result.steps).toHaveLength(1);
  });

  it('made only calls its policy allows, and its policy allows nothing the runs did not use', () => {
    expect(leastPrivilegeReport(remediation, h.calls)).toEqual({ denied: [], unused: [] });
  });
});
