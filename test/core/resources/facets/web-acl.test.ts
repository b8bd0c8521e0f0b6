// The webAcl facet against mocked WAFv2 and WAF Classic (waf-regional) clients.
import {
  GetWebACLForResourceCommand as ClassicGetWebACLForResource,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  WAFRegionalClient,
  type WAFRegionalClientResolvedConfig,
} from '@aws-sdk/client-waf-regional';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
import { webAcl } from '../../../../rules/core/resources/facets/web-acl.js';
import { LiveEstate } from '../../../../rules/core/resources/live/live-estate.js';
import { ACCOUNT, elbv2Arn, elbv2Item, loadBalancerOf, REGION } from '../../../fixtures/network-items.js';
import { lbNamed, open } from '../../../support/live-facets.js';

const wafv2 = mockClient(WAFV2Client);
// The WAF Classic client is of an older SDK generation than aws-sdk-client-mock's types.
const GetClassicWebACLForResourceCommand = ClassicGetWebACLForResource as never;
const classic = mockClient(WAFRegionalClient as never) as unknown as AwsStub<
  ServiceInputTypes,
  ServiceOutputTypes,
  WAFRegionalClientResolvedConfig
>;

beforeEach(() => {
  wafv2.reset();
  classic.reset();
});
afterEach(() => {
  wafv2.reset();
  classic.reset();
});

describe('webAcl facet', () => {
  it('returns the associated web ACL, or null when there is none', async () => {
    const arn = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1234`;
    wafv2
      .on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('protected') })
      .resolves({ WebACL: { ARN: arn, Name: 'edge', Id: '1234' } as never });
    wafv2.on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('bare') }).resolves({});
    classic.on(GetClassicWebACLForResourceCommand).resolves({});
    const estate = await open();
    expect(await estate.facet(webAcl, lbNamed('protected'))).toEqual({
      ok: true,
      value: { arn, name: 'edge', id: '1234', service: 'wafv2' },
    });
    expect(await estate.facet(webAcl, lbNamed('bare'))).toEqual({ ok: true, value: null });
  });

  it('asks WAF Classic only when WAFv2 has no web ACL, and records which service answered', async () => {
    const v2Arn = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1234`;
    wafv2.on(GetWebACLForResourceCommand).resolves({});
    wafv2
      .on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('modern') })
      .resolves({ WebACL: { ARN: v2Arn, Name: 'edge', Id: '1234' } as never });
    classic
      .on(GetClassicWebACLForResourceCommand, { ResourceArn: elbv2Arn('legacy') })
      .resolves({ WebACLSummary: { WebACLId: 'c0ffee-1', Name: 'legacy-edge' } });
    // "If there is no associated resource, a null WebACLSummary is returned."
    classic.on(GetClassicWebACLForResourceCommand, { ResourceArn: elbv2Arn('bare') }).resolves({});
    const estate = await open();
    expect(await estate.facet(webAcl, lbNamed('modern'))).toMatchObject({ value: { service: 'wafv2' } });
    expect(classic.calls()).toHaveLength(0);
    expect(await estate.facet(webAcl, lbNamed('legacy'))).toEqual({
      ok: true,
      value: {
        arn: `arn:aws:waf-regional:${REGION}:${ACCOUNT}:webacl/c0ffee-1`,
        name: 'legacy-edge',
        id: 'c0ffee-1',
        service: 'waf-classic',
      },
    });
    expect(await estate.facet(webAcl, lbNamed('bare'))).toEqual({ ok: true, value: null });
    expect(classic.calls()).toHaveLength(2);
  });

  it('fails the read when WAF Classic cannot answer, never reading it as no web ACL', async () => {
    wafv2.on(GetWebACLForResourceCommand).resolves({});
    classic
      .on(GetClassicWebACLForResourceCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const result = await (await open()).facet(webAcl, lbNamed('legacy'));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.code).toBe('AccessDeniedException');
  });

  it('fails the read when WAF Classic returns a web ACL without its id', async () => {
    wafv2.on(GetWebACLForResourceCommand).resolves({});
    classic.on(GetClassicWebACLForResourceCommand).resolves({ WebACLSummary: { Name: 'nameless' } as never });
    expect((await (await open()).facet(webAcl, lbNamed('legacy'))).ok).toBe(false);
  });

  it('does not ask WAF Classic in a region that has no WAF Classic endpoint', async () => {
    wafv2.on(GetWebACLForResourceCommand).resolves({});
    const region = 'mx-central-1';
    const lb = { ...lbNamed('new-region'), region };
    const estate = await LiveEstate.open(new RegionalAws({ region, accountId: ACCOUNT }));
    expect(await estate.facet(webAcl, lb)).toEqual({ ok: true, value: null });
    expect(classic.calls()).toHaveLength(0);
  });

  it('records either service in snapshots, and accepts values recorded before the service was', () => {
    const v2 = { arn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1234`, name: 'edge' };
    const old = { arn: `arn:aws:waf-regional:${REGION}:${ACCOUNT}:webacl/c0ffee-1`, name: 'legacy-edge' };
    expect(webAcl.snapshot.safeParse(v2).success).toBe(true);
    expect(webAcl.snapshot.safeParse({ ...old, service: 'waf-classic' }).success).toBe(true);
    expect(webAcl.snapshot.safeParse(null).success).toBe(true);
    expect(webAcl.snapshot.safeParse({ ...v2, service: 'waf-classic' }).success).toBe(false);
    expect(webAcl.snapshot.safeParse({ ...v2, service: 'shield' }).success).toBe(false);
    expect(webAcl.snapshot.safeParse({ ...v2, arn: 'arn:aws:s3:::bucket' }).success).toBe(false);
  });

  it('asks for every IAM action the GetWebACLForResource API needs on an ALB', () => {
    // Service Authorization Reference, AWS WAF V2, API operation GetWebACLForResource.
    expect(webAcl.iamActions).toEqual(
      expect.arrayContaining([
        'wafv2:GetWebACLForResource',
        'wafv2:GetWebACL',
        'elasticloadbalancing:GetLoadBalancerWebACL',
        'waf-regional:GetWebACLForResource',
      ]),
    );
  });

  it('does not call WAF for a load balancer it cannot protect', async () => {
    const nlb = loadBalancerOf(elbv2Item({ name: 'nlb', type: 'network' })).lb;
    expect(await (await open()).facet(webAcl, nlb)).toEqual({ ok: true, value: null });
    expect(wafv2.calls()).toHaveLength(0);
    expect(classic.calls()).toHaveLength(0);
  });
});
