// AWS's own runbook AWSConfigRemediation-EnableELBDeletionProtection, linked so the project keeps no copy
// of it: the parameter that receives the non-compliant resource id, its other parameters, and the
// least privilege its assume role needs (from the runbook's "Required IAM permissions"). It has no
// DryRun and does not read the exemption tag: exempt a resource from it with an AWS Config
// remediation exception (docs/remediation.md). It flips one attribute, which is not the kind of
// change that takes a load balancer off the internet.
import type { RemediationLink } from '../../engine/rule.js';
import { ARN, attributeChangeUnlessExempt } from '../permissions.js';

/** ELBv2 attribute deletion_protection.enabled = true (Security Hub ELB.6). */
export const enableDeletionProtection = {
  kind: 'aws-managed' as const,
  documentName: 'AWSConfigRemediation-EnableELBDeletionProtection',
  description: 'Sets deletion_protection.enabled=true on the Application, Network or Gateway Load Balancer.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {},
  permissions: attributeChangeUnlessExempt(
    [ARN.albLoadBalancer, ARN.nlbLoadBalancer, ARN.gwlbLoadBalancer],
    ['elasticloadbalancing:DescribeLoadBalancers'],
  ),
} satisfies RemediationLink;
