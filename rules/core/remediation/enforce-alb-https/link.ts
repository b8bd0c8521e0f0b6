// The document that fixes alb-https-only findings: it adds HTTPS and only then redirects HTTP to it.

import type { RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { ARN, describeOnly, UNLESS_EXEMPT } from '../permissions.js';

export const enforceAlbHttps = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-EnforceAlbHttps',
  description:
    'Adds an HTTPS listener that routes like the HTTP one, checks it answers, then turns HTTP into a 301 redirect to it.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    CertificateArn: {
      default: '',
      description: '(Required) ACM certificate ARN for the HTTPS listener; there is no safe default.',
    },
    SslPolicy: {
      default: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      description: 'Security policy of the HTTPS listener.',
    },
    HttpsPort: { default: '443', description: 'Port of the HTTPS listener.' },
    DryRun: { default: 'false', description: 'true: report what would change and change nothing.' },
  },
  permissions: [
    describeOnly([
      'ec2:DescribeSecurityGroups',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeRules',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetHealth',
    ]),
    // Creating a listener is authorized on the load balancer, which carries the exemption tag.
    {
      actions: ['elasticloadbalancing:CreateListener'],
      resources: [ARN.albLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
    // Tags can only be added while creating a listener (the source-listener tag), never to existing resources.
    {
      actions: ['elasticloadbalancing:AddTags'],
      resources: [ARN.albListener],
      conditions: { StringEquals: { 'elasticloadbalancing:CreateAction': 'CreateListener' } },
    },
    {
      actions: ['elasticloadbalancing:CreateRule', 'elasticloadbalancing:ModifyListener'],
      resources: [ARN.albListener],
    },
    { actions: ['elasticloadbalancing:ModifyRule'], resources: [ARN.albListenerRule] },
  ],
} satisfies RemediationLink;
