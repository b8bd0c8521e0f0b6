import type { ParityTable } from '../../support/parity.js';
import { classic, classicListener, elbv2 } from '../../support/parity-models.js';

const KEY = 'deletion_protection.enabled';
const on = { attributes: { [KEY]: 'true' } };
const off = { attributes: { [KEY]: 'false' } };

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.6',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6 ; https://docs.aws.amazon.com/config/latest/developerguide/elb-deletion-protection-enabled.html',
    cases: [
      {
        name: 'ALB with deletion protection',
        lb: elbv2('application', 'web'),
        facets: on,
        control: 'PASSED',
      },
      {
        name: 'ALB without deletion protection',
        lb: elbv2('application', 'web'),
        facets: off,
        control: 'FAILED',
      },
      { name: 'NLB with deletion protection', lb: elbv2('network', 'edge'), facets: on, control: 'PASSED' },
      {
        name: 'NLB without deletion protection',
        lb: elbv2('network', 'edge'),
        facets: off,
        control: 'FAILED',
      },
      {
        name: 'GWLB with deletion protection',
        lb: elbv2('gateway', 'inspect'),
        facets: on,
        control: 'PASSED',
      },
      {
        name: 'GWLB without deletion protection',
        lb: elbv2('gateway', 'inspect'),
        facets: off,
        control: 'FAILED',
      },
      {
        name: 'a Classic Load Balancer is not an ELBv2 load balancer',
        lb: classic('shop', [classicListener('HTTPS', 443)]),
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
