import {
  GetWebACLForResourceCommand as GetClassicWebACLForResourceCommand,
  WAFRegionalClient,
} from '@aws-sdk/client-waf-regional';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { z } from 'zod';
import type { LoadBalancer } from '../../model/model.js';
import { defineFacet } from '../facet.js';

/** Which AWS WAF holds the association: WAFv2, or WAF Classic (the regional API, waf-regional). */
export type WafService = 'wafv2' | 'waf-classic';

export interface WebAclRef {
  arn: string;
  name: string;
  id?: string;
  /**
   * Absent only in snapshots recorded before WAF Classic was read: those read WAFv2 alone. The
   * ARN's service (wafv2 or waf-regional) says the same; webAclService() reads either.
   */
  service?: WafService;
}

/**
 * The regions with a WAF Classic regional endpoint (botocore 1.43.11 data/endpoints.json,
 * service waf-regional). WAF Classic reached end of support on 30 September 2025 and gains no
 * region, so an ALB anywhere else cannot have a WAF Classic web ACL: it is not asked about.
 */
export const WAF_CLASSIC_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ca-central-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
]);

/** The service of a web ACL: as recorded, else from its ARN (arn:<partition>:wafv2|waf-regional:…). */
export function webAclService(acl: WebAclRef): WafService {
  if (acl.service) return acl.service;
  return acl.arn.split(':')[2] === 'waf-regional' ? 'waf-classic' : 'wafv2';
}

const WAF_SERVICE_OF_ARN: Record<string, WafService> = { wafv2: 'wafv2', 'waf-regional': 'waf-classic' };

const webAclSnapshot = z
  .object({
    arn: z.string().startsWith('arn:'),
    name: z.string(),
    id: z.string().optional(),
    service: z.enum(['wafv2', 'waf-classic']).optional(),
  })
  .refine((acl) => WAF_SERVICE_OF_ARN[acl.arn.split(':')[2] ?? ''] !== undefined, {
    message: 'arn must be a wafv2 or waf-regional web ACL ARN',
    path: ['arn'],
  })
  .refine((acl) => !acl.service || WAF_SERVICE_OF_ARN[acl.arn.split(':')[2] ?? ''] === acl.service, {
    message: 'service must match the service of the arn (wafv2, or waf-classic for waf-regional)',
    path: ['service'],
  });

/**
 * The web ACL associated with an Application Load Balancer, or null when there is none: WAFv2
 * first, then, only when WAFv2 has none, WAF Classic (waf-regional), so the common case costs one
 * call. An error from either is a failed read, never "none". Always null for other kinds, which
 * WAF cannot protect. Config items do not record it.
 */
export const webAcl = defineFacet<'webAcl', WebAclRef | null>({
  key: 'webAcl',
  description: 'The AWS WAF web ACL (WAFv2, or WAF Classic) associated with an ALB',
  // The Service Authorization Reference lists elasticloadbalancing:GetLoadBalancerWebACL among the
  // IAM actions of the WAFv2 GetWebACLForResource API for an ALB; the call also checks wafv2:GetWebACL
  // on the web ACL it returns. WAF Classic's GetWebACLForResource is waf-regional:GetWebACLForResource.
  iamActions: [
    'wafv2:GetWebACLForResource',
    'wafv2:GetWebACL',
    'elasticloadbalancing:GetLoadBalancerWebACL',
    'waf-regional:GetWebACLForResource',
  ],
  snapshot: webAclSnapshot.nullable() as z.ZodType<WebAclRef | null>,
  async live(lb, { aws }) {
    if (lb.kind !== 'application') return null;
    const out = await aws.client(WAFV2Client).send(new GetWebACLForResourceCommand({ ResourceArn: lb.arn }));
    const acl = out.WebACL;
    if (acl?.ARN) {
      return {
        arn: acl.ARN,
        name: acl.Name ?? acl.ARN.split('/').at(-2) ?? acl.ARN,
        id: acl.Id,
        service: 'wafv2',
      };
    }
    if (!WAF_CLASSIC_REGIONS.has(lb.region)) return null;
    const classic = await aws
      .client(WAFRegionalClient)
      .send(new GetClassicWebACLForResourceCommand({ ResourceArn: lb.arn }));
    // "If there is no associated resource, a null WebACLSummary is returned" (the API reference).
    const summary = classic.WebACLSummary;
    if (!summary) return null;
    if (!summary.WebACLId)
      throw new Error(`WAF Classic GetWebACLForResource returned a web ACL without WebACLId for ${lb.name}`);
    return {
      arn: classicWebAclArn(lb, lb.arn, summary.WebACLId),
      name: summary.Name ?? summary.WebACLId,
      id: summary.WebACLId,
      service: 'waf-classic',
    };
  },
});

/** arn:<partition>:waf-regional:<region>:<account>:webacl/<id>, the ARN WAF Classic regional web ACLs have. */
function classicWebAclArn(lb: LoadBalancer, lbArn: string, id: string): string {
  const partition = lbArn.split(':')[1] ?? 'aws';
  return `arn:${partition}:waf-regional:${lb.region}:${lb.accountId}:webacl/${id}`;
}
