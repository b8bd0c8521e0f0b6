// The document that fixes clb-tls-policy findings.

import type { RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { DRY_RUN } from '../parameters.js';
import { ARN, describeOnly, UNLESS_EXEMPT } from '../permissions.js';

export const setClassicSslPolicy = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-SetClassicSslPolicy',
  description:
    'Creates an SSLNegotiationPolicyType policy referencing a current predefined policy and sets it on HTTPS/SSL listeners.',
  resourceIdParameter: 'LoadBalancerName',
  staticParameters: {
    ReferenceSecurityPolicy: {
      default: 'ELBSecurityPolicy-TLS-1-2-2017-01',
      description: 'Predefined policy to reference (TLS 1.2 only; Classic Load Balancers have no TLS 1.3).',
    },
    DryRun: DRY_RUN,
  },
  permissions: [
    describeOnly([
      'elasticloadbalancing:DescribeLoadBalancerPolicies',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
    ]),
    {
      actions: [
        'elasticloadbalancing:CreateLoadBalancerPolicy',
        'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
      ],
      resources: [ARN.classicLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
  ],
} satisfies RemediationLink;
