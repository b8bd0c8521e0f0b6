// AWS's own runbook AWSConfigRemediation-EnableCLBCrossZoneLoadBalancing, linked so the project keeps no
// copy of it: the parameter that receives the non-compliant resource id, its other parameters, and the
// least privilege its assume role needs (from the runbook's "Required IAM permissions", which spell the
// service prefix elb:; IAM's is elasticloadbalancing:). It has no DryRun and does not read the exemption
// tag: exempt a resource from it with an AWS Config remediation exception (docs/remediation.md). It flips
// one attribute, which is not the kind of change that takes a load balancer off the internet.
import type { RemediationLink } from '../../engine/rule.js';
import { ARN, attributeChangeUnlessExempt } from '../permissions.js';

/** Classic attribute CrossZoneLoadBalancing.Enabled = true (Security Hub ELB.9). */
export const enableClbCrossZone = {
  kind: 'aws-managed' as const,
  documentName: 'AWSConfigRemediation-EnableCLBCrossZoneLoadBalancing',
  description: 'Turns on cross-zone load balancing for the Classic Load Balancer.',
  // "(Required) The name of the CLB that you want to enable cross-zone load balancing on."
  resourceIdParameter: 'LoadBalancerName',
  staticParameters: {},
  // The runbook takes only a Classic load balancer's name (Automation runbook reference,
  // automation-aws-enable-clb-crosszone); ELBv2 findings would reach it as ARNs.
  unsupportedWhen: {
    parameter: 'preset',
    value: 'none',
    reason:
      'AWSConfigRemediation-EnableCLBCrossZoneLoadBalancing takes only a Classic Load Balancer name, and with ' +
      'preset=none the rule also reports Network Load Balancers and ALB target groups (fix those with ' +
      'AWSConfigRemediation-EnableNLBCrossZoneLoadBalancing or by hand)',
  },
  permissions: attributeChangeUnlessExempt([ARN.classicLoadBalancer]),
} satisfies RemediationLink;
