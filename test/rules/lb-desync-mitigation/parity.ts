import type { ParityTable } from '../../support/parity.js';
import { classic, classicListener, elbv2 } from '../../support/parity-models.js';

const alb = elbv2('application', 'web');
const clb = classic('shop', [classicListener('HTTPS', 443)]);
const albMode = (mode: string) => ({ attributes: { 'routing.http.desync_mitigation_mode': mode } });
const clbMode = (mode: string) => ({ attributes: { 'elb.http.desyncmitigationmode': mode } });

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.12',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12 ; https://docs.aws.amazon.com/config/latest/developerguide/alb-desync-mode-check.html',
    cases: [
      { name: 'ALB in defensive mode', lb: alb, facets: albMode('defensive'), control: 'PASSED' },
      { name: 'ALB in strictest mode', lb: alb, facets: albMode('strictest'), control: 'PASSED' },
      { name: 'ALB in monitor mode', lb: alb, facets: albMode('monitor'), control: 'FAILED' },
      { name: 'a Network Load Balancer', lb: elbv2('network', 'edge'), control: 'NOT_APPLICABLE' },
    ],
  },
  {
    control: 'ELB.14',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-14 ; https://docs.aws.amazon.com/config/latest/developerguide/clb-desync-mode-check.html',
    cases: [
      { name: 'Classic in defensive mode', lb: clb, facets: clbMode('defensive'), control: 'PASSED' },
      { name: 'Classic in strictest mode', lb: clb, facets: clbMode('strictest'), control: 'PASSED' },
      { name: 'Classic in monitor mode', lb: clb, facets: clbMode('monitor'), control: 'FAILED' },
    ],
  },
];
