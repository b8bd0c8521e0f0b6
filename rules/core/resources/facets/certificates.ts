import { X509Certificate } from 'node:crypto';
import type { RegionalAws } from '../../aws/regional-aws.js';
import type { LoadBalancer } from '../../model/model.js';
import { keyFromDetails, parseKeyAlgorithm } from '../../tls/certificate-key.js';
import { type CertificateSource, certificateSource } from '../../tls/certificate-source.js';
import { defineFacet } from '../facet.js';
import { errorCode } from '../fetched.js';
import { listenerCertificates } from './listener-certificates.js';

/** What ACM or IAM says about one certificate a listener serves. */
export interface CertificateDetails {
  arn: string;
  source: CertificateSource;
  /** False when ACM or IAM says the certificate does not exist. */
  found: boolean;
  /** ACM status (ISSUED, EXPIRED, REVOKED, PENDING_VALIDATION…); IAM certificates have none. */
  status?: string;
  /** ACM: AMAZON_ISSUED, IMPORTED or PRIVATE. */
  type?: string;
  domainName?: string;
  notBefore?: string;
  notAfter?: string;
  /** Canonical key algorithm: RSA-2048, EC-prime256v1. */
  keyAlgorithm?: string;
}

const CONCURRENT_DESCRIBES = 10;

/** The ARNs of every certificate a load balancer's listeners serve. */
export function certificateArnsOf(lb: LoadBalancer, byListener: Record<string, { arn: string }[]>): string[] {
  const arns =
    lb.kind === 'classic'
      ? lb.listeners.flatMap((l) => (l.sslCertificateId ? [l.sslCertificateId] : []))
      : Object.values(byListener).flatMap((certs) => certs.map((c) => c.arn));
  return [...new Set(arns)].sort();
}

/**
 * Every certificate the load balancer serves, from ACM (DescribeCertificate) or IAM
 * (GetServerCertificate, whose body is parsed for the key). Each certificate is read once per
 * region however many load balancers share it.
 */
export const certificates = defineFacet<'certificates', Record<string, CertificateDetails>>({
  key: 'certificates',
  description: 'ACM and IAM certificates served by HTTPS/TLS/SSL listeners: status, validity and key',
  iamActions: ['acm:DescribeCertificate', 'iam:GetServerCertificate', ...listenerCertificates.iamActions],
  async live(lb, { aws, need }) {
    const arns = certificateArnsOf(lb, lb.kind === 'classic' ? {} : await need(listenerCertificates, lb));
    const loader = certificateLoader(aws);
    const details = await Promise.all(arns.map((arn) => loader.load(arn)));
    return Object.fromEntries(details.map((d) => [d.arn, d]));
  },
});

export function certificateLoader(aws: RegionalAws) {
  return aws.batcher<string, CertificateDetails>('certificates', 100, async (arns) => {
    const out: (CertificateDetails | Error)[] = [];
    for (let i = 0; i < arns.length; i += CONCURRENT_DESCRIBES) {
      const chunk = arns.slice(i, i + CONCURRENT_DESCRIBES);
      out.push(
        ...(await Promise.all(
          chunk.map((arn) => readCertificate(aws, arn).catch((error: unknown) => error as Error)),
        )),
      );
    }
    return out;
  });
}

async function readCertificate(aws: RegionalAws, arn: string): Promise<CertificateDetails> {
  const source = certificateSource(arn);
  if (source === 'acm') return readAcm(aws, arn);
  if (source === 'iam') return readIam(aws, arn);
  return { arn, source, found: false };
}

async function readAcm(aws: RegionalAws, arn: string): Promise<CertificateDetails> {
  try {
    const { ACMClient, DescribeCertificateCommand } = await import('../../aws/sdk/acm.js');
    // ACM certificates are regional, like the load balancer that serves them: same client region.
    const out = await aws.client(ACMClient).send(new DescribeCertificateCommand({ CertificateArn: arn }));
    const c = out.Certificate;
    return {
      arn,
      source: 'acm',
      found: true,
      status: c?.Status,
      type: c?.Type,
      domainName: c?.DomainName,
      notBefore: c?.NotBefore?.toISOString(),
      notAfter: c?.NotAfter?.toISOString(),
      keyAlgorithm: parseKeyAlgorithm(c?.KeyAlgorithm)?.algorithm ?? c?.KeyAlgorithm,
    };
  } catch (error) {
    if (errorCode(error) === 'ResourceNotFoundException') return { arn, source: 'acm', found: false };
    throw error;
  }
}

async function readIam(aws: RegionalAws, arn: string): Promise<CertificateDetails> {
  const name = arn.split('/').pop() ?? arn;
  try {
    const { GetServerCertificateCommand, IAMClient } = await import('../../aws/sdk/iam.js');
    const out = await aws
      .client(IAMClient)
      .send(new GetServerCertificateCommand({ ServerCertificateName: name }));
    const body = out.ServerCertificate?.CertificateBody;
    const meta = out.ServerCertificate?.ServerCertificateMetadata;
    const parsed = body ? parsePem(body) : undefined;
    return {
      arn,
      source: 'iam',
      found: true,
      domainName: parsed?.subject,
      // The body is the certificate itself; the metadata's Expiration is only IAM's copy of it.
      notBefore: parsed?.notBefore ?? meta?.UploadDate?.toISOString(),
      notAfter: parsed?.notAfter ?? meta?.Expiration?.toISOString(),
      keyAlgorithm: parsed?.keyAlgorithm,
    };
  } catch (error) {
    if (errorCode(error) === 'NoSuchEntity' || errorCode(error) === 'NoSuchEntityException')
      return { arn, source: 'iam', found: false };
    throw error;
  }
}

/** The validity and key of a PEM certificate body, read with node:crypto. */
export function parsePem(
  pem: string,
): { subject?: string; notBefore: string; notAfter: string; keyAlgorithm?: string } | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return undefined;
  }
  const key = keyFromDetails(cert.publicKey.asymmetricKeyType, cert.publicKey.asymmetricKeyDetails);
  return {
    subject: /CN=([^\n,]+)/.exec(cert.subject)?.[1],
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    keyAlgorithm: key?.algorithm,
  };
}
