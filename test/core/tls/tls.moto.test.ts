// Against moto: real listeners on several policies and real imported certificates (short and long
// validity, RSA-1024, IAM), judged by the CLI's `audit --format json` in a child process.
import { ACMClient, ImportCertificateCommand } from '@aws-sdk/client-acm';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand as CreateClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../../support/certificates.js';
import { runCli } from '../../support/cli.js';
import { createVpcWithSubnets, requireMoto } from '../../support/moto.js';
import { motoForSuite } from '../../support/moto-suite.js';

const run = requireMoto();
const TLS_RULES =
  'elbv2-tls-policy,clb-tls-policy,lb-certificate-expiry,lb-certificate-key-strength,elbv2-acm-certificate-required,clb-acm-certificate-required';

interface Evaluation {
  ruleId: string;
  resourceName: string;
  complianceType: string;
  annotation: string;
  findings: string[];
}

describe.runIf(run)('TLS rules against moto through the CLI', () => {
  const moto = motoForSuite();
  const arns: Record<string, string> = {};
  let evaluations: Evaluation[] = [];
  const result = (ruleId: string, name: string) => {
    const found = evaluations.find((e) => e.ruleId === ruleId && e.resourceName === name);
    if (!found) throw new Error(`no evaluation of ${name} by ${ruleId}`);
    return found;
  };

  beforeAll(async () => {
    const ec2 = new EC2Client({});
    const { vpc, subnets } = await createVpcWithSubnets(ec2, 'us-east-1');
    const acm = new ACMClient({});
    const importCert = async (days: number, key: 'rsa:1024' | 'rsa:2048') => {
      const c = selfSigned({ days, key });
      const out = await acm.send(
        new ImportCertificateCommand({
          Certificate: Buffer.from(c.certificatePem),
          PrivateKey: Buffer.from(c.privateKeyPem),
        }),
      );
      return out.CertificateArn ?? '';
    };
    arns.long = await importCert(400, 'rsa:2048');
    arns.short = await importCert(10, 'rsa:2048');
    arns.weak = await importCert(400, 'rsa:1024');
    const iamCert = selfSigned({ days: 400, key: 'rsa:2048' });
    const uploaded = await new IAMClient({}).send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'legacy-clb-cert',
        CertificateBody: iamCert.certificatePem,
        PrivateKey: iamCert.privateKeyPem,
      }),
    );
    arns.iam = uploaded.ServerCertificateMetadata?.Arn ?? '';

    const elbv2 = new ElasticLoadBalancingV2Client({});
    const tg = (
      await elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: vpc }))
    ).TargetGroups?.[0]?.TargetGroupArn;
    const listener = async (
      name: string,
      type: 'application' | 'network',
      protocol: string,
      port: number,
      policy: string,
      cert: string,
    ) => {
      const lb = (
        await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Type: type, Subnets: subnets }))
      ).LoadBalancers?.[0]?.LoadBalancerArn;
      const out = await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb,
          Protocol: protocol as never,
          Port: port,
          SslPolicy: policy,
          Certificates: [{ CertificateArn: cert }],
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
        }),
      );
      return out.Listeners?.[0]?.ListenerArn ?? '';
    };
    await listener(
      'tls-good',
      'application',
      'HTTPS',
      443,
      'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      arns.long,
    );
    const pq = await listener(
      'tls-pq-legacy',
      'application',
      'HTTPS',
      443,
      'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
      arns.short,
    );
    await elbv2.send(
      new AddListenerCertificatesCommand({ ListenerArn: pq, Certificates: [{ CertificateArn: arns.weak }] }),
    );
    await listener(
      'tls-nlb-ext2',
      'network',
      'TLS',
      8883,
      'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
      arns.long,
    );
    await new ElasticLoadBalancingClient({}).send(
      new CreateClassicCommand({
        LoadBalancerName: 'clb-iam',
        Listeners: [
          {
            Protocol: 'HTTPS',
            LoadBalancerPort: 443,
            InstanceProtocol: 'HTTP',
            InstancePort: 80,
            SSLCertificateId: arns.iam,
          },
        ],
        AvailabilityZones: ['us-east-1a'],
      }),
    );

    const out = await runCli(['audit', '--region', 'us-east-1', '--format', 'json', '--rules', TLS_RULES], {
      ...moto.env,
      AWS_PROFILE: '',
    });
    if (out.code !== 0) throw new Error(`audit exited ${out.code}: ${out.stderr}`);
    evaluations = (JSON.parse(out.stdout) as { evaluations: Evaluation[] }).evaluations;
  });

  it('passes a TLS 1.3 Res policy with a long-lived RSA-2048 ACM certificate', () => {
    expect(result('elbv2-tls-policy', 'tls-good').complianceType).toBe('COMPLIANT');
    expect(result('lb-certificate-expiry', 'tls-good').complianceType).toBe('COMPLIANT');
    expect(result('lb-certificate-key-strength', 'tls-good').complianceType).toBe('COMPLIANT');
    expect(result('elbv2-acm-certificate-required', 'tls-good').complianceType).toBe('COMPLIANT');
  });

  it('fails the post-quantum policy that still allows TLS 1.0', () => {
    const e = result('elbv2-tls-policy', 'tls-pq-legacy');
    expect(e.complianceType).toBe('NON_COMPLIANT');
    expect(e.annotation).toContain(
      'HTTPS:443 policy ELBSecurityPolicy-TLS13-1-0-PQ-2025-09 allows TLSv1, TLSv1.1',
    );
  });

  it('fails the short-lived certificate with its days left and ARN', () => {
    const e = result('lb-certificate-expiry', 'tls-pq-legacy');
    expect(e.complianceType).toBe('NON_COMPLIANT');
    expect(e.findings).toEqual([
      expect.stringMatching(new RegExp(`^${arns.short} on HTTPS:443 expires in (9|10) day\\(s\\)`)),
    ]);
  });

  it('finds the RSA-1024 SNI certificate', () => {
    const e = result('lb-certificate-key-strength', 'tls-pq-legacy');
    expect(e.complianceType).toBe('NON_COMPLIANT');
    expect(e.findings).toEqual([
      `${arns.weak} on HTTPS:443 (SNI) has a 1024-bit RSA key; minRsaBits is 2048`,
    ]);
  });

  it('fails the NLB TLS listener on Ext2 for forward secrecy', () => {
    const e = result('elbv2-tls-policy', 'tls-nlb-ext2');
    expect(e.complianceType).toBe('NON_COMPLIANT');
    expect(e.annotation).toMatch(
      /^TLS:8883 policy ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06 lacks forward secrecy/,
    );
  });

  it('judges the Classic listener with no policy as ELB default 2016-08 and its IAM certificate', () => {
    const tls = result('clb-tls-policy', 'clb-iam');
    expect(tls.complianceType).toBe('NON_COMPLIANT');
    expect(tls.annotation).toContain(
      'ELBSecurityPolicy-2016-08 (no policy attached: ELB default) allows TLSv1, TLSv1.1',
    );
    const acm = result('clb-acm-certificate-required', 'clb-iam');
    expect(acm.complianceType).toBe('NON_COMPLIANT');
    expect(acm.annotation).toContain(`${arns.iam} on HTTPS:443 is an IAM server certificate`);
    // moto answers every IAM Expiration with 2012-05-08: the body's own validity is what counts.
    expect(result('lb-certificate-expiry', 'clb-iam').complianceType).toBe('COMPLIANT');
    expect(result('lb-certificate-key-strength', 'clb-iam').annotation).toContain('RSA-2048');
  });
});
