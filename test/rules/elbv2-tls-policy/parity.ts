import type { ParityTable } from '../../support/parity.js';
import { elbv2, listener, NO_DESCRIBED_TLS_POLICIES } from '../../support/parity-models.js';

const alb = elbv2('application', 'web');
const nlb = elbv2('network', 'edge');
const on = (lb: typeof alb, protocol: string, sslPolicy: string) => ({
  lb,
  facets: { listeners: [listener(lb, protocol, 443, { sslPolicy })], tlsPolicies: NO_DESCRIBED_TLS_POLICIES },
});

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.17',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17 ; https://docs.aws.amazon.com/config/latest/developerguide/elbv2-predefined-security-policy-ssl-check.html',
    cases: [
      {
        name: 'ALB HTTPS with TLS13-1-2-Res-2021-06',
        ...on(alb, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
        control: 'PASSED',
      },
      {
        name: 'ALB HTTPS with TLS13-1-3-2021-06',
        ...on(alb, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-3-2021-06'),
        control: 'PASSED',
      },
      {
        name: 'NLB TLS with TLS13-1-2-Res-PQ-2025-09',
        ...on(nlb, 'TLS', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'),
        control: 'PASSED',
      },
      {
        name: 'NLB TLS with TLS13-1-3-FIPS-PQ-2025-09',
        ...on(nlb, 'TLS', 'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09'),
        control: 'PASSED',
      },
      {
        name: 'ALB HTTPS with TLS13-1-2-2021-06 (not on the list)',
        ...on(alb, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-2021-06'),
        control: 'FAILED',
      },
      {
        name: 'NLB TLS with ELBSecurityPolicy-2016-08',
        ...on(nlb, 'TLS', 'ELBSecurityPolicy-2016-08'),
        control: 'FAILED',
      },
      {
        name: 'ALB HTTPS with TLS13-1-2-FIPS-2023-04 (not on the list)',
        ...on(alb, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04'),
        control: 'FAILED',
      },
      {
        name: 'only an HTTP listener: no HTTPS or TLS listener to check',
        lb: alb,
        facets: { listeners: [listener(alb, 'HTTP', 80)], tlsPolicies: NO_DESCRIBED_TLS_POLICIES },
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
