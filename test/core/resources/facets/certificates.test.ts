import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  DescribeListenerCertificatesCommand,
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetServerCertificateCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
import type { ElbV2Listener, LoadBalancer } from '../../../../rules/core/model/model.js';
import { certificates, parsePem } from '../../../../rules/core/resources/facets/certificates.js';
import { listenerCertificates } from '../../../../rules/core/resources/facets/listener-certificates.js';
import { listeners } from '../../../../rules/core/resources/facets/listeners.js';
import { tlsPolicies } from '../../../../rules/core/resources/facets/tls-policies.js';
import { ACM_ARN, alb, https, IAM_ARN } from '../../../support/certificate-models.js';
import { selfSigned } from '../../../support/certificates.js';

describe('IAM certificate bodies', () => {
  it('reads key size and validity with node:crypto', () => {
    const rsa = parsePem(selfSigned({ days: 10, key: 'rsa:1024' }).certificatePem);
    expect(rsa?.keyAlgorithm).toBe('RSA-1024');
    const validDays = (Date.parse(rsa?.notAfter ?? '') - Date.parse(rsa?.notBefore ?? '')) / 86_400_000;
    expect(Math.round(validDays)).toBe(10);
    expect(parsePem(selfSigned({ days: 10, key: 'ec:P-256' }).certificatePem)?.keyAlgorithm).toBe(
      'EC-prime256v1',
    );
    expect(parsePem('not a certificate')).toBeUndefined();
  });
});

describe('live facets', () => {
  const elbv2 = mockClient(ElasticLoadBalancingV2Client);
  const acmMock = mockClient(ACMClient);
  const iam = mockClient(IAMClient);
  afterEach(() => {
    elbv2.reset();
    acmMock.reset();
    iam.reset();
  });

  function estateFor(aws: RegionalAws, listenersByLb: Map<string, ElbV2Listener[]>) {
    const memo = new Map<string, Promise<unknown>>();
    const need = async <T>(
      facet: { key: string; live: (lb: LoadBalancer, ctx: never) => Promise<T> },
      lb: LoadBalancer,
    ): Promise<T> => {
      if (facet.key === listeners.key) return (listenersByLb.get(lb.resourceId) ?? []) as T;
      const key = `${facet.key}|${lb.resourceId}`;
      if (!memo.has(key)) memo.set(key, facet.live(lb, { aws, need } as never));
      return memo.get(key) as Promise<T>;
    };
    return { aws, need };
  }

  it('tlsPolicies calls DescribeSSLPolicies once per region, only for policies the catalog lacks', async () => {
    elbv2.on(DescribeSSLPoliciesCommand).resolves({
      SslPolicies: [
        {
          Name: 'ELBSecurityPolicy-New-2030-01',
          SslProtocols: ['TLSv1.3'],
          Ciphers: [{ Name: 'TLS_AES_128_GCM_SHA256', Priority: 1 }],
        },
      ],
    });
    const aws = new RegionalAws({
      region: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
    });
    const a = alb('a');
    const b = alb('b');
    const c = alb('c');
    const ctx = estateFor(
      aws,
      new Map([
        [a.arn, [https(a, 443, 'ELBSecurityPolicy-New-2030-01', [])]],
        [b.arn, [https(b, 443, 'ELBSecurityPolicy-Gone-2030-02', [])]],
        [c.arn, [https(c, 443, 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', [])]],
      ]),
    );
    const [va, vb, vc] = await Promise.all([a, b, c].map((lb) => tlsPolicies.live(lb, ctx)));
    expect(va).toEqual({
      described: [
        {
          name: 'ELBSecurityPolicy-New-2030-01',
          protocols: ['TLSv1.3'],
          ciphers: ['TLS_AES_128_GCM_SHA256'],
        },
      ],
      missing: [],
    });
    expect(vb).toEqual({ described: [], missing: ['ELBSecurityPolicy-Gone-2030-02'] });
    expect(vc).toEqual({ described: [], missing: [] });
    // A later load balancer in the same region reuses the answer.
    await tlsPolicies.live(a, ctx);
    expect(elbv2.commandCalls(DescribeSSLPoliciesCommand)).toHaveLength(1);
  });

  it('certificates reads each certificate once across load balancers, SNI ones included', async () => {
    const pem = selfSigned({ days: 5, key: 'rsa:1024', cn: 'old.example.com' }).certificatePem;
    elbv2.on(DescribeListenerCertificatesCommand).resolves({
      Certificates: [
        { CertificateArn: ACM_ARN, IsDefault: true },
        { CertificateArn: IAM_ARN, IsDefault: false },
      ],
    });
    acmMock.on(DescribeCertificateCommand).resolves({
      Certificate: {
        CertificateArn: ACM_ARN,
        Status: 'ISSUED',
        KeyAlgorithm: 'EC_prime256v1',
        NotAfter: new Date('2027-01-01T00:00:00Z'),
        Type: 'IMPORTED',
      },
    });
    iam.on(GetServerCertificateCommand).resolves({
      ServerCertificate: {
        CertificateBody: pem,
        ServerCertificateMetadata: {
          Path: '/legacy/',
          ServerCertificateName: 'old-cert',
          ServerCertificateId: 'x',
          Arn: IAM_ARN,
          Expiration: new Date('2026-11-26T00:00:00Z'),
        },
      },
    });
    const aws = new RegionalAws({
      region: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
    });
    const a = alb('a');
    const b = alb('b');
    const ctx = estateFor(
      aws,
      new Map([
        [a.arn, [https(a, 443, 'p', [ACM_ARN])]],
        [b.arn, [https(b, 443, 'p', [ACM_ARN])]],
      ]),
    );
    const [ca, cb] = await Promise.all([a, b].map((lb) => certificates.live(lb, ctx)));
    expect(ca).toEqual(cb);
    expect(ca?.[ACM_ARN]).toMatchObject({
      source: 'acm',
      status: 'ISSUED',
      keyAlgorithm: 'EC-prime256v1',
      notAfter: '2027-01-01T00:00:00.000Z',
    });
    expect(ca?.[IAM_ARN]).toMatchObject({
      source: 'iam',
      keyAlgorithm: 'RSA-1024',
      notAfter: parsePem(pem)?.notAfter,
      domainName: 'old.example.com',
    });
    expect(acmMock.commandCalls(DescribeCertificateCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetServerCertificateCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetServerCertificateCommand)[0]?.args[0].input).toEqual({
      ServerCertificateName: 'old-cert',
    });
    const sni = await listenerCertificates.live(a, ctx);
    expect(Object.values(sni)[0]).toEqual([
      { arn: ACM_ARN, isDefault: true },
      { arn: IAM_ARN, isDefault: false },
    ]);
  });
});
