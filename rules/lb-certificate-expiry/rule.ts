import { fromFindings, notApplicable } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LISTENER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { certificates } from '../core/resources/facets/certificates.js';
import { listenerCertificates } from '../core/resources/facets/listener-certificates.js';
import { listeners } from '../core/resources/facets/listeners.js';
import {
  describeWhere,
  missingCertificateFindings,
  servedCertificates,
} from '../core/tls/served-certificates.js';

const DAY_MS = 86_400_000;

export const rule = defineRule({
  id: 'lb-certificate-expiry',
  title: 'Certificates on HTTPS, TLS and SSL listeners are issued and not about to expire',
  description:
    'Every certificate a listener serves (the default and every SNI certificate of ALB and NLB listeners, ' +
    'the certificate of each Classic HTTPS or SSL listener), from ACM or IAM, is ISSUED and valid for at least ' +
    'minDaysToExpiry more days. An expired, revoked or not-yet-issued certificate fails, and so does one ACM or ' +
    'IAM no longer knows. Periodic, because certificates expire without any configuration change.',
  severity: 'high',
  appliesTo: ['application', 'network', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: {
    changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER, CLASSIC_LOAD_BALANCER],
    periodic: 'TwentyFour_Hours',
  },
  parameters: {
    minDaysToExpiry: {
      type: 'integer',
      default: 30,
      min: 0,
      max: 3650,
      description: 'Fewest whole days a certificate must still be valid (30, like Security Hub ACM.1).',
    },
  },
  needs: [listeners, listenerCertificates, certificates],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ACM.1',
      relation: 'related',
      note: 'ACM.1 judges ACM certificates (default 30 days); this rule judges what listeners serve, ACM or IAM.',
    },
    {
      framework: 'AWS Config managed rule',
      id: 'acm-certificate-expiration-check',
      relation: 'related',
      note: 'The managed rule defaults to 14 days; set minDaysToExpiry=14 to match it.',
    },
  ],
  evaluate({ lb, listeners, listenerCertificates, certificates }, { params, now }) {
    const served = servedCertificates(lb, listeners, listenerCertificates);
    const findings = missingCertificateFindings(lb);
    if (served.length === 0 && findings.length === 0)
      return notApplicable('No certificate: the load balancer has no HTTPS, TLS or SSL listener.');
    const fine: string[] = [];
    for (const { arn, where } of served) {
      const on = `on ${describeWhere(where)}`;
      const cert = certificates[arn];
      if (!cert?.found) {
        findings.push(`${arn} ${on} does not exist in ${cert?.source === 'iam' ? 'IAM' : 'ACM'}`);
        continue;
      }
      if (cert.source === 'acm' && cert.status !== 'ISSUED') {
        findings.push(`${arn} ${on} is ${cert.status ?? 'of unknown status'}, not ISSUED`);
        continue;
      }
      if (!cert.notAfter) {
        findings.push(`${arn} ${on} has no recorded expiry date`);
        continue;
      }
      const expiry = new Date(cert.notAfter);
      const daysLeft = Math.floor((expiry.getTime() - now.getTime()) / DAY_MS);
      const date = cert.notAfter.slice(0, 10);
      if (expiry.getTime() <= now.getTime())
        findings.push(`${arn} ${on} expired ${-daysLeft} day(s) ago (${date})`);
      else if (daysLeft < params.minDaysToExpiry)
        findings.push(
          `${arn} ${on} expires in ${daysLeft} day(s) (${date}); minDaysToExpiry is ${params.minDaysToExpiry}`,
        );
      else fine.push(`${daysLeft} days (${date}) for ${arn}`);
    }
    return fromFindings(
      findings,
      `Every certificate valid for at least ${params.minDaysToExpiry} days: ${fine.join('; ')}.`,
    );
  },
});
