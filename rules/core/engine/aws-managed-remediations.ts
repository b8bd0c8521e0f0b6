// AWS's own runbooks for the attribute rules, so the project does not keep copies of them. Each link
// names the runbook, the parameter that receives the non-compliant resource id, its other parameters,
// and the least privilege its assume role needs (from the runbooks' "Required IAM permissions").
//
// These runbooks have no DryRun and do not read the exemption tag: exempt a resource from them with
// an AWS Config remediation exception (README, Remediation). They flip one attribute each, which is
// not the kind of change that takes a load balancer off the internet.
import { ARN, describeOnly, UNLESS_EXEMPT } from './remediation-permissions.js';
import type { RemediationLink } from './rule.js';

/** ALB attribute routing.http.drop_invalid_header_fields.enabled = true (Security Hub ELB.4). */
export const dropInvalidHeaderFields = {
  kind: 'aws-managed' as const,
  documentName: 'AWSConfigRemediation-DropInvalidHeadersForALB',
  description: 'Sets routing.http.drop_invalid_header_fields.enabled=true on the Application Load Balancer.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {},
  permissions: [
    describeOnly(['elasticloadbalancing:DescribeLoadBalancerAttributes']),
    {
      actions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
      resources: [ARN.albLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
  ],
} satisfies RemediationLink;

/** ELBv2 attribute deletion_protection.enabled = true (Security Hub ELB.6). */
export const enableDeletionProtection = {
  kind: 'aws-managed' as const,
  documentName: 'AWSConfigRemediation-EnableELBDeletionProtection',
  description: 'Sets deletion_protection.enabled=true on the Application, Network or Gateway Load Balancer.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {},
  permissions: [
    describeOnly([
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'elasticloadbalancing:DescribeLoadBalancers',
    ]),
    {
      actions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
      resources: [ARN.albLoadBalancer, ARN.nlbLoadBalancer, ARN.gwlbLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
  ],
} satisfies RemediationLink;

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
  permissions: [
    describeOnly(['elasticloadbalancing:DescribeLoadBalancerAttributes']),
    {
      actions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
      resources: [ARN.albLoadBalancer, ARN.classicLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
  ],
} satisfies RemediationLink;

/** Every AWS-managed link, by the attribute it fixes, for docs and tests. */
export const AWS_MANAGED_REMEDIATIONS = {
  dropInvalidHeaderFields,
  enableDeletionProtection,
  enableAccessLogging,
} as const;
