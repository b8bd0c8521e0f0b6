import type { ParityTable } from '../../support/parity.js';
import { classic, classicListener, IAM_CERTIFICATE } from '../../support/parity-models.js';

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.2',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-2 ; https://docs.aws.amazon.com/config/latest/developerguide/elb-acm-certificate-required.html',
    cases: [
      {
        name: 'HTTPS listener with an ACM certificate',
        lb: classic('shop', [classicListener('HTTPS', 443)]),
        control: 'PASSED',
      },
      {
        name: 'SSL listener with an IAM server certificate',
        lb: classic('legacy', [classicListener('SSL', 443, { certificate: IAM_CERTIFICATE })]),
        control: 'FAILED',
      },
    ],
  },
];
