// The document that fixes alb-https-only findings: it adds HTTPS and only then redirects HTTP to it.

import type { RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { DRY_RUN, newListenerCertificateArn, newListenerSslPolicy } from '../parameters.js';
import { ARN, describeOnly, listenerCreationUnlessExempt } from '../permissions.js';

export const enforceAlbHttps = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-EnforceAlbHttps',
  description:
    'Adds an HTTPS listener that routes like the HTTP one, checks it answers, then turns HTTP into a 301 redirect to it.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    CertificateArn: newListenerCertificateArn('HTTPS'),
    SslPolicy: newListenerSslPolicy('HTTPS'),
    HttpsPort: { default: '443', description: 'Port of the HTTPS listener.' },
    DryRun: DRY_RUN,
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
    ...listenerCreationUnlessExempt(ARN.albLoadBalancer, ARN.albListener),
    {
      actions: ['elasticloadbalancing:CreateRule', 'elasticloadbalancing:ModifyListener'],
      resources: [ARN.albListener],
    },
    { actions: ['elasticloadbalancing:ModifyRule'], resources: [ARN.albListenerRule] },
  ],
} satisfies RemediationLink;
