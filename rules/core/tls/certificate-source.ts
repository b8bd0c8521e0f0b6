// Who issued a certificate, read from its ARN alone: ACM renews its own; IAM server certificates
// and anything else are managed by hand.

export type CertificateSource = 'acm' | 'iam' | 'other';

export function certificateSource(arn: string): CertificateSource {
  if (/^arn:[^:]+:acm:/.test(arn)) return 'acm';
  if (/^arn:[^:]+:iam::[^:]*:server-certificate\//.test(arn)) return 'iam';
  return 'other';
}
