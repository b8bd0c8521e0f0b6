// Links alb-waf-enabled to the document that associates a web ACL the deployer names with an ALB
// that has none. It never replaces an association, WAF or WAF Classic (see the document).
import type { RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { ARN, describeOnly, UNLESS_EXEMPT } from '../permissions.js';

const REGIONAL_WEB_ACL = `arn:\${AWS::Partition}:wafv2:\${AWS::Region}:\${AWS::AccountId}:regional/webacl/*/*`;

export const associateWebAcl = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-AssociateWebAcl',
  description:
    'Associates the web ACL you name with an ALB that has no web ACL; an existing WAF or WAF Classic association is never replaced.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    WebAclArn: {
      default: '',
      description:
        '(Required) ARN of the regional WAF web ACL to associate; which rules protect an application has no safe default.',
    },
    DryRun: { default: 'false', description: 'true: report what would change and change nothing.' },
  },
  permissions: [
    // Service Authorization Reference: wafv2:GetWebACLForResource also authorizes
    // elasticloadbalancing:GetLoadBalancerWebACL on the ALB and wafv2:GetWebACL on the web ACL it returns.
    describeOnly([
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:GetLoadBalancerWebACL',
      'waf-regional:GetWebACLForResource',
      'wafv2:GetWebACL',
      'wafv2:GetWebACLForResource',
    ]),
    // AssociateWebACL is authorized on the web ACL (required) and on the ALB (Service Authorization
    // Reference, AWS WAF V2); the wafv2 ALB resource type has no tag condition keys.
    { actions: ['wafv2:AssociateWebACL'], resources: [REGIONAL_WEB_ACL, ARN.albLoadBalancer] },
    // Elastic Load Balancing authorizes the association on the ALB itself, which carries the exemption
    // tag: CreateWebACLAssociation (permission-only, loadbalancer/app, aws:ResourceTag), or the older
    // SetWebACL that AWS's own AccessDenied names on the ALB's ARN. Either may be checked, so both.
    {
      actions: ['elasticloadbalancing:CreateWebACLAssociation', 'elasticloadbalancing:SetWebAcl'],
      resources: [ARN.albLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
  ],
} satisfies RemediationLink;
