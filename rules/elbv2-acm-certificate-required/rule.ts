import { allowedCertificatesParam, judgeAcmOnly } from '../core/checks/acm-required.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LISTENER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { listenerCertificates } from '../core/resources/facets/listener-certificates.js';
import { listeners } from '../core/resources/facets/listeners.js';
import { servedCertificates } from '../core/tls/served-certificates.js';

export const rule = defineRule({
  id: 'elbv2-acm-certificate-required',
  title: 'ALB and NLB listeners serve certificates from ACM',
  description:
    'Every certificate an HTTPS or TLS listener serves, the default and every SNI certificate, is an ACM ' +
    'certificate, which ACM renews and monitors. IAM server certificates fail unless listed in ' +
    'allowedCertificates.',
  severity: 'medium',
  appliesTo: ['application', 'network'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER], periodic: 'TwentyFour_Hours' },
  parameters: { allowedCertificates: allowedCertificatesParam },
  needs: [listeners, listenerCertificates],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.2',
      relation: 'related',
      note: 'ELB.2 is the Classic control; this is its ELBv2 counterpart.',
    },
    { framework: 'AWS Config managed rule', id: 'elbv2-acm-certificate-required', relation: 'equivalent' },
  ],
  evaluate({ lb, listeners, listenerCertificates }, { params }) {
    return judgeAcmOnly(servedCertificates(lb, listeners, listenerCertificates), params.allowedCertificates);
  },
});
