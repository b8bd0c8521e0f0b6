import type { ParityTable } from '../../support/parity.js';
import { classic, classicListener, elbv2 } from '../../support/parity-models.js';

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.3',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3 ; https://docs.aws.amazon.com/config/latest/developerguide/elb-tls-https-listeners-only.html',
    cases: [
      {
        name: 'HTTPS and SSL listeners only',
        lb: classic('shop', [classicListener('HTTPS', 443), classicListener('SSL', 8443)]),
        control: 'PASSED',
      },
      {
        name: 'an HTTP listener beside an HTTPS one',
        lb: classic('shop', [classicListener('HTTPS', 443), classicListener('HTTP', 80)]),
        control: 'FAILED',
      },
      { name: 'a TCP listener', lb: classic('tcp', [classicListener('TCP', 25)]), control: 'FAILED' },
      {
        name: 'no listener: the control reports no finding',
        lb: classic('empty', []),
        control: 'NOT_APPLICABLE',
      },
      {
        name: 'an ALB is not a Classic Load Balancer',
        lb: elbv2('application', 'web'),
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
