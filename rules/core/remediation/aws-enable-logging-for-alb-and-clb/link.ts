// AWS's own runbook AWSConfigRemediation-EnableLoggingForALBAndCLB, linked so the project keeps no copy
// of it: the parameter that receives the non-compliant resource id, its other parameters, and the
// least privilege its assume role needs (from the runbook's "Required IAM permissions"). It has no
// DryRun and does not read the exemption tag: exempt a resource from it with an AWS Config
// remediation exception (docs/remediation.md). It flips one attribute, which is not the kind of
// change that takes a load balancer off the internet.
import type { RemediationLink } from '../../engine/rule.js';
import { ARN, attributeChangeUnlessExempt } from '../permissions.js';

/**
 * Access logs to an S3 bucket for an ALB (by ARN) or a Classic load balancer (by name) (Security Hub
 * ELB.5). The bucket must already grant Elastic Load Balancing log delivery in its bucket policy.
 */
export const enableAccessLogging = {
  kind: 'aws-managed' as const,
  documentName: 'AWSConfigRemediation-EnableLoggingForALBAndCLB',
  description: 'Turns on access logging to S3BucketName for the Application or Classic load balancer.',
  resourceIdParameter: 'LoadBalancerId',
  staticParameters: {
    S3BucketName: {
      default: '',
      description:
        '(Required) Bucket for the access logs, in the same Region, whose policy lets ELB deliver logs.',
    },
    S3BucketPrefix: { default: 'elb-access-logs', description: 'Key prefix for the logs in the bucket.' },
  },
  // The runbook's LoadBalancerId is "(Required) The Classic Load Balancer name or the Application Load
  // Balancer ARN" (Automation runbook reference, automation-aws-enable-logging-alb-clb): never an NLB's.
  unsupportedWhen: {
    parameter: 'checkNetworkLoadBalancers',
    value: true,
    reason:
      'AWSConfigRemediation-EnableLoggingForALBAndCLB takes only a Classic Load Balancer name or an Application ' +
      'Load Balancer ARN, and with checkNetworkLoadBalancers=true Config would pass it NLB ARNs',
  },
  permissions: attributeChangeUnlessExempt([ARN.albLoadBalancer, ARN.classicLoadBalancer]),
} satisfies RemediationLink;
