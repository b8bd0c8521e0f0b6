// The webAcl facet against a mocked WAFv2 client.
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webAcl } from '../../../../rules/core/resources/facets/web-acl.js';
import { ACCOUNT, elbv2Arn, elbv2Item, loadBalancerOf, REGION } from '../../../fixtures/network-items.js';
import { lbNamed, open } from '../../../support/live-facets.js';

const wafv2 = mockClient(WAFV2Client);

beforeEach(() => wafv2.reset());
afterEach(() => wafv2.reset());

describe('webAcl facet', () => {
  it('returns the associated web ACL, or null when there is none', async () => {
    const arn = `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1234`;
    wafv2
      .on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('protected') })
      .resolves({ WebACL: { ARN: arn, Name: 'edge', Id: '1234' } as never });
    wafv2.on(GetWebACLForResourceCommand, { ResourceArn: elbv2Arn('bare') }).resolves({});
    const estate = await open();
    expect(await estate.facet(webAcl, lbNamed('protected'))).toEqual({
      ok: true,
      value: { arn, name: 'edge', id: '1234' },
    });
    expect(await estate.facet(webAcl, lbNamed('bare'))).toEqual({ ok: true, value: null });
  });

  it('asks for every IAM action the GetWebACLForResource API needs on an ALB', () => {
    // Service Authorization Reference, AWS WAF V2, API operation GetWebACLForResource.
    expect(webAcl.iamActions).toEqual(
      expect.arrayContaining([
        'wafv2:GetWebACLForResource',
        'wafv2:GetWebACL',
        'elasticloadbalancing:GetLoadBalancerWebACL',
      ]),
    );
  });

  it('does not call WAF for a load balancer it cannot protect', async () => {
    const nlb = loadBalancerOf(elbv2Item({ name: 'nlb', type: 'network' })).lb;
    expect(await (await open()).facet(webAcl, nlb)).toEqual({ ok: true, value: null });
    expect(wafv2.calls()).toHaveLength(0);
  });
});
