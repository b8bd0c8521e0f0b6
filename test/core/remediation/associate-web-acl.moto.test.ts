// ElbConfigRules-AssociateWebAcl end to end on moto: the web ACL you name goes on an ALB that has none,
// and no association, WAF or WAF Classic, is ever replaced. moto has no WAF Classic (waf-regional), so
// a small stand-in answers GetWebACLForResource in the shape of the service model.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AssociateWebACLCommand,
  CreateWebACLCommand,
  GetWebACLForResourceCommand,
  WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rule } from '../../../rules/alb-waf-enabled/rule.js';
import { ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { associateWebAcl as remediation } from '../../../rules/core/remediation/associate-web-acl/link.js';
import { requireMoto } from '../../support/moto.js';
import { dumpState } from './support/dump.js';
import { configParameters, leastPrivilegeReport, useRemediationHarness } from './support/harness.js';
import { judgeLive } from './support/judge-live.js';

const run = requireMoto();

/** WAF Classic's answers, by load balancer ARN: a web ACL summary, or a refusal to answer. */
const classic = new Map<string, { WebACLId: string; Name: string } | 'denied'>();
let classicServer: Server;
let classicEndpoint = '';

function startClassicStandIn(): Promise<void> {
  classicServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const answer = classic.get(JSON.parse(body || '{}').ResourceArn);
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'AWSWAF_Regional_20161128.GetWebACLForResource' || answer === 'denied') {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not authorized' }));
        return;
      }
      response.end(JSON.stringify(answer ? { WebACLSummary: answer } : {}));
    });
  });
  classicServer.listen(0, '127.0.0.1');
  return once(classicServer, 'listening').then(() => {
    classicEndpoint = `http://127.0.0.1:${(classicServer.address() as AddressInfo).port}`;
  });
}

describe.runIf(run)('ElbConfigRules-AssociateWebAcl', () => {
  beforeAll(startClassicStandIn);
  afterAll(() => new Promise<void>((resolve) => classicServer.close(() => resolve())));
  const h = useRemediationHarness('alb-waf-enabled', remediation, () => ({
    AWS_ENDPOINT_URL_WAF_REGIONAL: classicEndpoint,
  }));
  let waf: WAFV2Client;
  beforeAll(() => {
    waf = new WAFV2Client({
      endpoint: h.aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
  });
  afterAll(() => waf?.destroy());

  async function webAcl(name: string): Promise<string> {
    const out = await waf.send(
      new CreateWebACLCommand({
        Name: name,
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        VisibilityConfig: {
          SampledRequestsEnabled: false,
          CloudWatchMetricsEnabled: false,
          MetricName: name,
        },
      }),
    );
    return out.Summary?.ARN ?? '';
  }
  const associated = async (lb: string) =>
    (await waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb }))).WebACL?.ARN;
  /** Everything the document could change: the load balancers and every WAF association. */
  async function state(lbs: string[]): Promise<string> {
    const associations = [];
    for (const lb of lbs) associations.push([lb, (await associated(lb)) ?? null]);
    return `${await dumpState(h.aws)}\n${JSON.stringify(associations)}`;
  }
  async function alb(name = 'shop') {
    classic.clear();
    const estate = await h.estate();
    return { estate, lb: await estate.loadBalancer({ name }) };
  }

  it('associates the named web ACL with an ALB that has none, verifies it, and a second run changes nothing', async () => {
    const { lb } = await alb();
    const acl = await webAcl('shield');
    expect(
      (await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, lb, {}, classicEndpoint)).complianceType,
    ).toBe('NON_COMPLIANT');

    const result = await h.run({ LoadBalancerArn: lb, WebAclArn: acl });

    expect(result.status).toBe('Success');
    expect(await associated(lb)).toBe(acl);
    expect(result.outputs).toMatchObject({
      'PlanAssociation.Action': 'apply',
      'PlanAssociation.Summary': 'Associating web ACL shield with the load balancer, which has none.',
      'PlanAssociation.Changes': [`associate ${acl}`],
      'VerifyAssociation.Result': 'Verified: the load balancer is associated with web ACL shield.',
      'VerifyAssociation.RollbackCommands': [`aws wafv2 disassociate-web-acl --resource-arn ${lb}`],
    });
    expect(JSON.parse(String(result.outputs['PlanAssociation.PriorState']))).toEqual({
      LoadBalancerArn: lb,
      WebACLArn: null,
      WafClassicWebACL: null,
    });
    const verdict = await judgeLive(rule, h.aws.endpoint, ELBV2_LOAD_BALANCER, lb, {}, classicEndpoint);
    expect(verdict.complianceType).toBe('COMPLIANT');

    const before = await state([lb]);
    const second = await h.run({ LoadBalancerArn: lb, WebAclArn: acl });
    expect(second.status).toBe('Success');
    expect(second.outputs['PlanAssociation.Action']).toBe('no-change');
    expect(second.outputs['PlanAssociation.Summary']).toBe(
      'Already associated with web ACL shield; nothing to do.',
    );
    expect(second.outputs['VerifyAssociation.Result']).toBeUndefined();
    expect(await state([lb])).toBe(before);
  });

  it('never replaces an association with another web ACL, and records it as the prior state', async () => {
    const { lb } = await alb();
    const theirs = await webAcl('theirs');
    const ours = await webAcl('ours');
    await waf.send(new AssociateWebACLCommand({ WebACLArn: theirs, ResourceArn: lb }));
    const before = await state([lb]);

    const result = await h.run({ LoadBalancerArn: lb, WebAclArn: ours });

    expect(result.status).toBe('Success');
    expect(await state([lb])).toBe(before);
    expect(await associated(lb)).toBe(theirs);
    expect(result.outputs).toMatchObject({
      'PlanAssociation.Action': 'no-change',
      'PlanAssociation.Summary': `Associated with another web ACL, theirs (${theirs}); it is never replaced, nothing changed.`,
      'PlanAssociation.CurrentWebAclArn': theirs,
    });
    expect(JSON.parse(String(result.outputs['PlanAssociation.PriorState'])).WebACLArn).toBe(theirs);
  });

  it('leaves an ALB still on WAF Classic alone, and refuses when the Classic association cannot be read', async () => {
    const { estate, lb } = await alb();
    const acl = await webAcl('shield');
    classic.set(lb, { WebACLId: 'c0ffee00-1111-2222-3333-444455556666', Name: 'legacy' });
    const before = await state([lb]);

    const onClassic = await h.run({ LoadBalancerArn: lb, WebAclArn: acl });
    expect(onClassic.status).toBe('Success');
    expect(onClassic.outputs['PlanAssociation.Action']).toBe('no-change');
    expect(onClassic.outputs['PlanAssociation.Summary']).toBe(
      'Associated with the AWS WAF Classic web ACL legacy (c0ffee00-1111-2222-3333-444455556666); ' +
        'a WAF association would replace it, so nothing changed: migrate it yourself.',
    );
    expect(JSON.parse(String(onClassic.outputs['PlanAssociation.PriorState'])).WafClassicWebACL).toEqual({
      WebACLId: 'c0ffee00-1111-2222-3333-444455556666',
      Name: 'legacy',
    });

    classic.set(lb, 'denied');
    const unreadable = await h.run({ LoadBalancerArn: lb, WebAclArn: acl });
    expect(unreadable.status).toBe('Failed');
    expect(unreadable.failureMessage).toMatch(
      /^PlanAssociation: Refused: the AWS WAF Classic association of the load balancer could not be read \(.*AccessDeniedException.*\); associating a WAF web ACL would replace a Classic one, so nothing was changed/,
    );
    expect(await state([lb])).toBe(before);

    // Another load balancer, which WAF Classic reads as unprotected, is fixed.
    const other = await estate.loadBalancer({ name: 'other' });
    expect((await h.run({ LoadBalancerArn: other, WebAclArn: acl })).status).toBe('Success');
    expect(await associated(other)).toBe(acl);
    expect(await associated(lb)).toBeUndefined();
  });

  it('changes nothing on a dry run or for an exempt load balancer', async () => {
    const { estate, lb } = await alb();
    const acl = await webAcl('shield');
    const before = await state([lb]);

    const dryRun = await h.run({ LoadBalancerArn: lb, WebAclArn: acl, DryRun: true });
    expect(await state([lb])).toBe(before);
    expect(dryRun.outputs).toMatchObject({
      'PlanAssociation.Action': 'dry-run',
      'PlanAssociation.Summary': 'Would associate web ACL shield with the load balancer, which has none.',
      'PlanAssociation.Changes': [`associate ${acl}`],
    });

    await estate.tagLoadBalancer(lb, 'CHG-42');
    const tagged = await state([lb]);
    const exempt = await h.run({ LoadBalancerArn: lb, WebAclArn: acl });
    expect(await state([lb])).toBe(tagged);
    expect(exempt.outputs['PlanAssociation.Action']).toBe('exempt');
    expect(exempt.outputs['PlanAssociation.Summary']).toBe(
      "Skipped: the load balancer is tagged elb-config-rules:remediation-exempt='CHG-42'; nothing changed.",
    );
  });

  it('refuses a Network Load Balancer, a web ACL that does not exist, and one from another Region', async () => {
    const { estate, lb } = await alb();
    const acl = await webAcl('shield');
    const nlb = await estate.loadBalancer({ name: 'mqtt', type: 'network' });
    const before = await state([lb, nlb]);

    const notAlb = await h.run({ LoadBalancerArn: nlb, WebAclArn: acl });
    expect(notAlb.failureMessage).toBe(
      'AssertApplicationLoadBalancer: $.LoadBalancers[0].Type is network, expected one of application',
    );
    const missing = acl.replace(/[0-9a-f-]{36}$/, '00000000-0000-0000-0000-000000000000');
    const gone = await h.run({ LoadBalancerArn: lb, WebAclArn: missing });
    expect(gone.failureMessage).toMatch(
      new RegExp(`^PlanAssociation: Refused: web ACL ${missing} does not exist; nothing changed`),
    );
    const elsewhere = acl.replace(':us-east-1:', ':eu-west-1:');
    const otherRegion = await h.run({ LoadBalancerArn: lb, WebAclArn: elsewhere });
    expect(otherRegion.failureMessage).toMatch(
      /^PlanAssociation: Refused: web ACL \S+ is in eu-west-1\/123456789012, the load balancer in us-east-1\/123456789012/,
    );
    // A name instead of an ARN, or a CloudFront (global) web ACL, never reaches a step.
    await expect(h.run({ LoadBalancerArn: lb, WebAclArn: 'shield' })).rejects.toThrow(
      /^Parameter WebAclArn must match/,
    );
    await expect(
      h.run({ LoadBalancerArn: lb, WebAclArn: acl.replace(':regional/', ':global/') }),
    ).rejects.toThrow(/^Parameter WebAclArn must match/);
    expect(await state([lb, nlb])).toBe(before);
  });

  it('does not associate over an association made since the plan, and its verification fails when none took', async () => {
    const { lb } = await alb();
    const theirs = await webAcl('theirs');
    const ours = await webAcl('ours');
    await expect(
      h.callScript('VerifyAssociation', 'check', { LoadBalancerArn: lb, WebAclArn: ours }, []),
    ).rejects.toThrow(
      `Verification failed: the load balancer reads as associated with no web ACL, not ${ours}`,
    );

    await waf.send(new AssociateWebACLCommand({ WebACLArn: theirs, ResourceArn: lb }));
    await expect(
      h.callScript('AssociateWebAcl', 'associate', { LoadBalancerArn: lb, WebAclArn: ours }, {}),
    ).rejects.toThrow(`the load balancer was associated with ${theirs} since the plan; it is never replaced`);
    expect(await associated(lb)).toBe(theirs);
    await expect(
      h.callScript('VerifyAssociation', 'check', { LoadBalancerArn: lb, WebAclArn: ours }, []),
    ).rejects.toThrow(`reads as associated with ${theirs}, not ${ours}`);
  });

  it('runs with the parameters Config passes, and Config gets none until the web ACL is named', async () => {
    const { lb } = await alb();
    const acl = await webAcl('shield');
    expect(() => configParameters('alb-waf-enabled', lb)).toThrow(
      /staticValues\.WebAclArn is required by ElbConfigRules-AssociateWebAcl/,
    );
    const result = await h.runAsConfig(lb, { staticValues: { WebAclArn: acl } });
    expect(result.status).toBe('Success');
    expect(await associated(lb)).toBe(acl);
  });

  it('made only calls its policy allows, and its policy allows nothing the runs did not use', () => {
    expect(leastPrivilegeReport(remediation, h.calls)).toEqual({ denied: [], unused: [] });
  });
});
