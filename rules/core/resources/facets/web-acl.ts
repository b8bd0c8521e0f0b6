import { defineFacet } from '../facet.js';

export interface WebAclRef {
  arn: string;
  name: string;
  id?: string;
}

/**
 * The WAFv2 web ACL associated with an Application Load Balancer, or null when there is none.
 * Always null for other kinds, which WAF cannot protect. Config items do not record it.
 */
export const webAcl = defineFacet<'webAcl', WebAclRef | null>({
  key: 'webAcl',
  description: 'The AWS WAF (WAFv2) web ACL associated with an ALB',
  // The Service Authorization Reference lists elasticloadbalancing:GetLoadBalancerWebACL among the
  // IAM actions of the GetWebACLForResource API for an ALB; the call also checks wafv2:GetWebACL on
  // the web ACL it returns.
  iamActions: ['wafv2:GetWebACLForResource', 'wafv2:GetWebACL', 'elasticloadbalancing:GetLoadBalancerWebACL'],
  async live(lb, { aws }) {
    if (lb.kind !== 'application') return null;
    const { GetWebACLForResourceCommand, WAFV2Client } = await import('../../aws/sdk/wafv2.js');
    const out = await aws.client(WAFV2Client).send(new GetWebACLForResourceCommand({ ResourceArn: lb.arn }));
    const acl = out.WebACL;
    if (!acl?.ARN) return null;
    return { arn: acl.ARN, name: acl.Name ?? acl.ARN.split('/').at(-2) ?? acl.ARN, id: acl.Id };
  },
});
