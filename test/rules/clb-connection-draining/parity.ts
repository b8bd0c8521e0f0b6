// Security Hub ELB.7: "checks whether Classic Load Balancers have connection draining enabled" (no
// parameters; the timeout is not part of the control). Parity: the rule's defaults.

import { classicWith } from '../../fixtures/network-items.js';
import type { ParityTable } from '../../support/parity.js';

const { lb } = classicWith({});
const attributes = (enabled: string, timeout?: string) => ({
  attributes: {
    'connectionDraining.enabled': enabled,
    ...(timeout === undefined ? {} : { 'connectionDraining.timeout': timeout }),
    'elb.http.desyncmitigationmode': 'defensive',
  },
});

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.7',
    source: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-7',
    cases: [
      {
        name: 'connection draining enabled (300s)',
        lb,
        facets: attributes('true', '300'),
        control: 'PASSED',
      },
      {
        name: 'connection draining enabled, 1s timeout',
        lb,
        facets: attributes('true', '1'),
        control: 'PASSED',
      },
      { name: 'connection draining disabled', lb, facets: attributes('false', '300'), control: 'FAILED' },
      {
        name: 'connection draining disabled, no timeout',
        lb,
        facets: attributes('false'),
        control: 'FAILED',
      },
    ],
  },
];
