import type { ParityTable } from '../../support/parity.js';
import { elbv2, fixedResponse, forward, listener, redirectToHttps } from '../../support/parity-models.js';

const alb = elbv2('application', 'web');

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.1',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1 ; https://docs.aws.amazon.com/config/latest/developerguide/alb-http-to-https-redirection-check.html',
    cases: [
      {
        name: 'HTTP listener redirects to HTTPS',
        lb: alb,
        facets: {
          listeners: [listener(alb, 'HTTP', 80, { actions: [redirectToHttps] }), listener(alb, 'HTTPS', 443)],
          listenerRules: {},
        },
        control: 'PASSED',
      },
      {
        name: 'only an HTTPS listener: no HTTP listener lacks a redirect',
        lb: alb,
        facets: { listeners: [listener(alb, 'HTTPS', 443)], listenerRules: {} },
        control: 'PASSED',
      },
      {
        name: 'HTTP listener forwards to targets instead of redirecting',
        lb: alb,
        facets: { listeners: [listener(alb, 'HTTP', 80, { actions: [forward] })], listenerRules: {} },
        control: 'FAILED',
      },
      {
        name: 'HTTP listener returns a fixed response: not a redirect to HTTPS',
        lb: alb,
        facets: { listeners: [listener(alb, 'HTTP', 80, { actions: [fixedResponse] })], listenerRules: {} },
        control: 'FAILED',
      },
      {
        name: 'a Network Load Balancer is not an Application Load Balancer',
        lb: elbv2('network', 'edge'),
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
