import type { ParityTable } from '../../support/parity.js';
import { classic, classicListener, elbv2 } from '../../support/parity-models.js';

const alb = elbv2('application', 'web');
const clb = classic('shop', [classicListener('HTTPS', 443)]);

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.5',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5 ; https://docs.aws.amazon.com/config/latest/developerguide/elb-logging-enabled.html',
    cases: [
      {
        name: 'ALB with access_logs.s3.enabled true',
        lb: alb,
        facets: {
          attributes: { 'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': 'logs-111122223333' },
        },
        control: 'PASSED',
      },
      {
        name: 'ALB with access_logs.s3.enabled false',
        lb: alb,
        facets: { attributes: { 'access_logs.s3.enabled': 'false' } },
        control: 'FAILED',
      },
      {
        name: 'Classic Load Balancer with access logging on',
        lb: clb,
        facets: {
          attributes: { 'accessLog.enabled': 'true', 'accessLog.s3BucketName': 'logs-111122223333' },
        },
        control: 'PASSED',
      },
      {
        name: 'Classic Load Balancer with access logging off',
        lb: clb,
        facets: { attributes: { 'accessLog.enabled': 'false' } },
        control: 'FAILED',
      },
    ],
  },
];
