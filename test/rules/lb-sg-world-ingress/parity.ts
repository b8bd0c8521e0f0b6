import type { ParityTable } from '../../support/parity.js';
import { elbv2, ingress, listener, securityGroup } from '../../support/parity-models.js';

const alb = elbv2('application', 'web', { securityGroupIds: ['sg-0a1b2c3d4e5f60001'] });
const internal = elbv2('application', 'admin', {
  scheme: 'internal',
  securityGroupIds: ['sg-0a1b2c3d4e5f60001'],
});
const nlb = elbv2('network', 'edge', { securityGroupIds: ['sg-0a1b2c3d4e5f60001'] });
const group = (...permissions: ReturnType<typeof ingress>[]) => [
  securityGroup('sg-0a1b2c3d4e5f60001', permissions),
];
const httpsListener = [listener(alb, 'HTTPS', 443)];

export const PARITY: ParityTable[] = [
  {
    control: 'EC2.18',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18 ; https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html',
    cases: [
      {
        name: 'TCP 443 and 80 open to 0.0.0.0/0 and ::/0',
        lb: alb,
        facets: {
          securityGroups: group(
            ingress('tcp', 443, 443, ['0.0.0.0/0', '::/0']),
            ingress('tcp', 80, 80, ['0.0.0.0/0']),
          ),
          listeners: httpsListener,
        },
        control: 'PASSED',
      },
      {
        name: 'TCP 443 open to the world on an internal load balancer: EC2.18 does not look at the scheme',
        lb: internal,
        facets: { securityGroups: group(ingress('tcp', 443, 443, ['0.0.0.0/0'])), listeners: httpsListener },
        control: 'PASSED',
      },
      {
        name: 'TCP 8443 open to the world, even though a listener uses it',
        lb: nlb,
        facets: {
          securityGroups: group(ingress('tcp', 8443, 8443, ['0.0.0.0/0'])),
          listeners: [listener(nlb, 'TLS', 8443)],
        },
        control: 'FAILED',
      },
      {
        name: 'UDP 53 open to ::/0 (no UDP port is authorized by default)',
        lb: nlb,
        facets: {
          securityGroups: group(ingress('udp', 53, 53, ['::/0'])),
          listeners: [listener(nlb, 'UDP', 53)],
        },
        control: 'FAILED',
      },
      {
        name: 'every protocol open to 0.0.0.0/0',
        lb: alb,
        facets: {
          securityGroups: group(ingress('-1', undefined, undefined, ['0.0.0.0/0'])),
          listeners: httpsListener,
        },
        control: 'FAILED',
      },
      {
        name: 'TCP 22 open to 10.0.0.0/8 only: no unrestricted rule',
        lb: alb,
        facets: { securityGroups: group(ingress('tcp', 22, 22, ['10.0.0.0/8'])), listeners: httpsListener },
        control: 'NOT_APPLICABLE',
      },
      {
        name: 'TCP 22 open to 0.0.0.0/1 and 128.0.0.0/1: neither is 0.0.0.0/0',
        lb: alb,
        facets: {
          securityGroups: group(ingress('tcp', 22, 22, ['0.0.0.0/1', '128.0.0.0/1'])),
          listeners: httpsListener,
        },
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
