// Links nlb-tls-only to the document that adds a TLS listener beside a plaintext TCP one. It does
// not convert TCP in place: that would break every plaintext client at once (see the document).

import type { RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { ARN, describeOnly, UNLESS_EXEMPT } from '../permissions.js';

export const addNlbTlsListener = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-AddNlbTlsListener',
  description:
    'Adds a TLS listener beside the TCP listener, forwarding to the same targets; the TCP listener is left for its clients to leave.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    CertificateArn: {
      default: '',
      description: '(Required) ACM certificate ARN for the TLS listener; there is no safe default.',
    },
    TlsPort: { default: '443', description: 'Port of the TLS listener to add.' },
    TcpPort: { default: '0', description: "TCP listener to mirror; 0 means the load balancer's only one." },
    SslPolicy: {
      default: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      description: 'Security policy of the TLS listener.',
    },
    AlpnPolicy: { default: 'None', description: 'ALPN policy of the TLS listener.' },
    DryRun: { default: 'false', description: 'true: report what would change and change nothing.' },
  },
  permissions: [
    describeOnly([
      'ec2:DescribeSecurityGroups',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
    ]),
    {
      actions: ['elasticloadbalancing:CreateListener'],
      resources: [ARN.nlbLoadBalancer],
      conditions: UNLESS_EXEMPT,
    },
    {
      actions: ['elasticloadbalancing:AddTags'],
      resources: [ARN.nlbListener],
      conditions: { StringEquals: { 'elasticloadbalancing:CreateAction': 'CreateListener' } },
    },
  ],
} satisfies RemediationLink;
