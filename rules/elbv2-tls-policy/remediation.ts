// The document that fixes elbv2-tls-policy findings. The rule's own rule.ts links it
// (`remediation` from this module) when the rule lands.
import { ARN, describeOnly } from '../engine/remediation-permissions.js';
import type { RemediationLink } from '../engine/rule.js';

/** Security Hub ELB.17's accepted policies: listeners already on one are left alone. */
export const ELB17_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
] as const;

export const remediation = {
  kind: 'document' as const,
  file: 'remediation.yaml',
  documentName: 'ElbConfigRules-SetElbv2SslPolicy',
  description: 'Sets a current security policy on every HTTPS or TLS listener whose policy is not accepted.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    SslPolicy: {
      default: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      description: 'Policy to set on failing listeners.',
    },
    AcceptedPolicies: {
      default: ELB17_POLICIES.join(','),
      description: 'Comma-separated policies that need no change; align it with the rule’s parameters.',
    },
    DryRun: { default: 'false', description: 'true: report what would change and change nothing.' },
  },
  permissions: [
    describeOnly([
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeSSLPolicies',
      'elasticloadbalancing:DescribeTags',
    ]),
    // Listener ARNs carry no load balancer tags, so the exemption is enforced by the document's own check.
    { actions: ['elasticloadbalancing:ModifyListener'], resources: [ARN.albListener, ARN.nlbListener] },
  ],
} satisfies RemediationLink;
