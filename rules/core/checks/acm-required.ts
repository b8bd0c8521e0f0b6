// Shared by elbv2-acm-certificate-required and clb-acm-certificate-required: certificates come
// from ACM (which renews them) unless listed in allowedCertificates.
import { fromFindings, notApplicable, type RuleOutcome } from '../engine/outcome.js';
import { certificateSource } from '../tls/certificate-source.js';
import { describeWhere, type ServedCertificate } from '../tls/served-certificates.js';

export const allowedCertificatesParam = {
  type: 'stringList',
  default: [],
  itemPattern: /^(arn:[^:\s]+:(acm|iam):[^\s]+|[\w+=,.@-]+)$/,
  expected: 'certificate ARNs or IAM server certificate names',
  description: 'Certificates accepted although they are not from ACM: ARNs, or IAM server certificate names.',
} as const;

/** `missing`: findings for listeners described without their certificate, which never pass. */
export function judgeAcmOnly(
  served: readonly ServedCertificate[],
  allowed: readonly string[],
  missing: readonly string[] = [],
): RuleOutcome {
  if (served.length === 0 && missing.length === 0)
    return notApplicable('No certificate: the load balancer has no HTTPS, TLS or SSL listener.');
  const findings: string[] = [...missing];
  const notes: string[] = [];
  for (const { arn, where } of served) {
    const source = certificateSource(arn);
    const name = arn.split('/').pop() ?? arn;
    if (source === 'acm') continue;
    if (allowed.includes(arn) || allowed.includes(name)) {
      notes.push(`${arn} (allowed by allowedCertificates)`);
      continue;
    }
    const from = source === 'iam' ? 'an IAM server certificate' : 'not an ACM certificate';
    findings.push(`${arn} on ${describeWhere(where)} is ${from}; import it into ACM or request one there`);
  }
  const acm = served.length - notes.length;
  return fromFindings(
    findings,
    notes.length
      ? `${acm} of ${served.length} certificate(s) from ACM; the others allowed: ${notes.join(', ')}.`
      : `All ${served.length} certificate(s) from ACM.`,
  );
}
