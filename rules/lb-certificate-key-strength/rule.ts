import { fromFindings, notApplicable } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LISTENER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { certificates } from '../core/resources/facets/certificates.js';
import { listenerCertificates } from '../core/resources/facets/listener-certificates.js';
import { listeners } from '../core/resources/facets/listeners.js';
import { parseKeyAlgorithm } from '../core/tls/certificate-key.js';
import { describeWhere, servedCertificates } from '../core/tls/served-certificates.js';

export const rule = defineRule({
  id: 'lb-certificate-key-strength',
  title: 'Certificates on HTTPS, TLS and SSL listeners have strong keys',
  description:
    'Every certificate a listener serves has an RSA key of at least minRsaBits bits or an EC key of at least ' +
    'minEcBits bits. ACM certificates are judged by their KeyAlgorithm (RSA_2048 or RSA-2048 alike); IAM server ' +
    'certificates by the key in their body. A certificate whose key cannot be read fails.',
  severity: 'medium',
  appliesTo: ['application', 'network', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: {
    changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER, CLASSIC_LOAD_BALANCER],
    periodic: 'TwentyFour_Hours',
  },
  parameters: {
    minRsaBits: {
      type: 'integer',
      default: 2048,
      min: 1024,
      max: 16384,
      description: 'Smallest RSA modulus accepted, in bits (2048, like Security Hub ACM.2).',
    },
    minEcBits: {
      type: 'integer',
      default: 256,
      min: 160,
      max: 521,
      description: 'Smallest elliptic-curve key accepted, in bits (256 = P-256).',
    },
  },
  needs: [listeners, listenerCertificates, certificates],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ACM.2',
      relation: 'stricter',
      note: 'ACM.2 judges RSA keys of ACM certificates; this rule also judges EC keys and IAM certificates.',
    },
    {
      framework: 'AWS Config managed rule',
      id: 'acm-certificate-rsa-check',
      relation: 'stricter',
      note: 'The managed rule judges RSA keys of ACM certificates; this rule also judges EC keys and IAM certificates.',
    },
  ],
  evaluate({ lb, listeners, listenerCertificates, certificates }, { params }) {
    const served = servedCertificates(lb, listeners, listenerCertificates);
    if (served.length === 0)
      return notApplicable('No certificate: the load balancer has no HTTPS, TLS or SSL listener.');
    const findings: string[] = [];
    const fine: string[] = [];
    for (const { arn, where } of served) {
      const on = `on ${describeWhere(where)}`;
      const cert = certificates[arn];
      const key = parseKeyAlgorithm(cert?.keyAlgorithm);
      if (!cert?.found) findings.push(`${arn} ${on} does not exist, so its key cannot be read`);
      else if (!key || key.bits === undefined)
        findings.push(
          `${arn} ${on} has a key that cannot be judged (${cert.keyAlgorithm ?? 'no key algorithm recorded'})`,
        );
      else if (key.type === 'RSA' && key.bits < params.minRsaBits)
        findings.push(`${arn} ${on} has a ${key.bits}-bit RSA key; minRsaBits is ${params.minRsaBits}`);
      else if (key.type === 'EC' && key.bits < params.minEcBits)
        findings.push(
          `${arn} ${on} has a ${key.bits}-bit EC key (${key.algorithm}); minEcBits is ${params.minEcBits}`,
        );
      else if (key.type !== 'RSA' && key.type !== 'EC')
        findings.push(`${arn} ${on} has a ${key.algorithm} key, neither RSA nor EC`);
      else fine.push(`${key.algorithm} for ${arn}`);
    }
    return fromFindings(findings, `Every key is strong enough: ${fine.join('; ')}.`);
  },
});
