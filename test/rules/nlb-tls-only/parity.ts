import type { ParityTable } from '../../support/parity.js';
import { elbv2, listener, redirectToHttps } from '../../support/parity-models.js';

const alb = elbv2('application', 'web');
const nlb = elbv2('network', 'edge');
const POLICY = { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' };

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.18',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-18 ; https://docs.aws.amazon.com/config/latest/developerguide/elbv2-listener-encryption-in-transit.html',
    cases: [
      {
        name: 'ALB with only an HTTPS listener',
        lb: alb,
        facets: { listeners: [listener(alb, 'HTTPS', 443, POLICY)] },
        control: 'PASSED',
      },
      {
        name: 'ALB HTTP listener that redirects to HTTPS is still not HTTPS',
        lb: alb,
        facets: {
          listeners: [
            listener(alb, 'HTTPS', 443, POLICY),
            listener(alb, 'HTTP', 80, { actions: [redirectToHttps] }),
          ],
        },
        control: 'FAILED',
      },
      {
        name: 'NLB with only a TLS listener',
        lb: nlb,
        facets: { listeners: [listener(nlb, 'TLS', 443, POLICY)] },
        control: 'PASSED',
      },
      {
        name: 'NLB TCP listener, even one passing TLS through to targets',
        lb: nlb,
        facets: { listeners: [listener(nlb, 'TCP', 443)] },
        control: 'FAILED',
      },
      {
        name: 'NLB UDP listener',
        lb: nlb,
        facets: { listeners: [listener(nlb, 'UDP', 53)] },
        control: 'FAILED',
      },
      {
        name: 'NLB TCP_UDP listener',
        lb: nlb,
        facets: { listeners: [listener(nlb, 'TCP_UDP', 53)] },
        control: 'FAILED',
      },
      {
        name: 'a Gateway Load Balancer is neither ALB nor NLB',
        lb: elbv2('gateway', 'inspect'),
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
