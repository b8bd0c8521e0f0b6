import type { ParityTable } from '../../support/parity.js';
import { elbv2 } from '../../support/parity-models.js';

const KEY = 'routing.http.drop_invalid_header_fields.enabled';
const alb = elbv2('application', 'web');

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.4',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4 ; https://docs.aws.amazon.com/config/latest/developerguide/alb-http-drop-invalid-header-enabled.html',
    cases: [
      {
        name: 'drop invalid header fields is true',
        lb: alb,
        facets: { attributes: { [KEY]: 'true' } },
        control: 'PASSED',
      },
      {
        name: 'drop invalid header fields is false',
        lb: alb,
        facets: { attributes: { [KEY]: 'false' } },
        control: 'FAILED',
      },
      { name: 'a Network Load Balancer', lb: elbv2('network', 'edge'), control: 'NOT_APPLICABLE' },
    ],
  },
];
