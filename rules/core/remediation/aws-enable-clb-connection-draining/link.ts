// AWS's own runbook AWS-EnableCLBConnectionDraining, linked so the project keeps no copy of it: the
// parameter that receives the non-compliant resource id, its other parameters, and the least
// privilege its assume role needs (from the runbook's "Required IAM permissions": ssm:StartAutomationExecution,
// ssm:GetAutomationExecution, elasticloadbalancing:DescribeLoadBalancerAttributes and
// elasticloadbalancing:ModifyLoadBalancerAttributes; the ssm actions belong to whoever starts it).
// It has no DryRun and does not read the exemption tag: exempt a resource from it with an AWS Config
// remediation exception (docs/remediation.md), and the role cannot modify a tagged one. It sets one
// attribute and verifies it, which is not the kind of change that takes a load balancer off the internet.
import type { RemediationLink } from '../../engine/rule.js';
import { ARN, attributeChangeUnlessExempt } from '../permissions.js';

/** The runbook's own default for ConnectionTimeout (valid values 1-3600). */
export const RUNBOOK_DEFAULT_TIMEOUT = 300;

/** Classic ConnectionDraining.Enabled = true with a timeout (Security Hub ELB.7). */
export const enableConnectionDraining = {
  kind: 'aws-managed' as const,
  documentName: 'AWS-EnableCLBConnectionDraining',
  description: 'Turns on connection draining, with ConnectionTimeout seconds, on the Classic Load Balancer.',
  // "LoadBalancerName (Required) The name of the load balancer": Config's resource id for Classic.
  resourceIdParameter: 'LoadBalancerName',
  staticParameters: {
    ConnectionTimeout: {
      default: String(RUNBOOK_DEFAULT_TIMEOUT),
      description:
        'Seconds to keep connections to a deregistering instance open (1 to 3600; the runbook default is 300).',
    },
  },
  /** At least the rule's minimum timeout, so a fixed load balancer passes the rule. */
  staticValuesFor(ruleParameters) {
    const minimum = Number(ruleParameters.minimumTimeoutSeconds ?? 0);
    return { ConnectionTimeout: String(Math.max(RUNBOOK_DEFAULT_TIMEOUT, minimum)) };
  },
  permissions: attributeChangeUnlessExempt([ARN.classicLoadBalancer]),
} satisfies RemediationLink;
