import { allowedCertificatesParam, judgeAcmOnly } from '../core/checks/acm-required.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER } from '../core/model/model.js';
import { missingCertificateFindings, servedCertificates } from '../core/tls/served-certificates.js';

export const rule = defineRule({
  id: 'clb-acm-certificate-required',
  title: 'Classic HTTPS and SSL listeners serve certificates from ACM',
  description:
    'Every Classic HTTPS or SSL listener serves an ACM certificate, which ACM renews and monitors. IAM server ' +
    'certificates fail unless listed in allowedCertificates. Answered from the configuration item alone.',
  severity: 'medium',
  appliesTo: ['classic'],
  resourceTypes: [CLASSIC_LOAD_BALANCER],
  triggers: { changes: [CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: { allowedCertificates: allowedCertificatesParam },
  needs: [],
  controls: [
    { framework: 'Security Hub', id: 'ELB.2', relation: 'equivalent' },
    { framework: 'AWS Config managed rule', id: 'elb-acm-certificate-required', relation: 'equivalent' },
  ],
  evaluate({ lb }, { params }) {
    return judgeAcmOnly(
      servedCertificates(lb, [], {}),
      params.allowedCertificates,
      missingCertificateFindings(lb),
    );
  },
});
