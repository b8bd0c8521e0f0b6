// Links nlb-tls-only to the document that adds a TLS listener beside a plaintext TCP one. It does
// not convert TCP in place: that would break every plaintext client at once (see the document).

import type { RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { DRY_RUN, newListenerCertificateArn, newListenerSslPolicy } from '../parameters.js';
import { ARN, describeOnly, listenerCreationUnlessExempt } from '../permissions.js';

export const addNlbTlsListener = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-AddNlbTlsListener',
  description:
    'Adds a TLS listener beside the TCP listener, forwarding to the same targets; the TCP listener is left for its clients to leave.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    CertificateArn: newListenerCertificateArn('TLS'),
    TlsPort: { default: '443', description: 'Port of the TLS listener to add.' },
    TcpPort: { default: '0', description: "TCP listener to mirror; 0 means the load balancer's only one." },
    SslPolicy: newListenerSslPolicy('TLS'),
    AlpnPolicy: { default: 'None', description: 'ALPN policy of the TLS listener.' },
    DryRun: DRY_RUN,
  },
  permissions: [
    describeOnly([
      'ec2:DescribeSecurityGroups',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
    ]),
    ...listenerCreationUnlessExempt(ARN.nlbLoadBalancer, ARN.nlbListener),
  ],
} satisfies RemediationLink;
