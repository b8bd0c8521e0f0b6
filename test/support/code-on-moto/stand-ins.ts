// What infrastructure code names but does not create, made in moto so the code deploys unchanged:
// an ACM certificate, an IAM server certificate, a regional web ACL; and the egress step both
// CloudFormation and Terraform take when the code states its own egress rules.
import { type ACMClient, type KeyAlgorithm, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  AuthorizeSecurityGroupEgressCommand,
  type EC2Client,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { type IAMClient, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { CreateWebACLCommand, type WAFV2Client } from '@aws-sdk/client-wafv2';
import { selfSigned } from '../certificates.js';

export async function acmCertificate(
  acm: ACMClient,
  domain: string,
  KeyAlgorithm?: KeyAlgorithm,
): Promise<string> {
  const out = await acm.send(
    new RequestCertificateCommand({ DomainName: domain, ValidationMethod: 'DNS', KeyAlgorithm }),
  );
  return String(out.CertificateArn);
}

/** An IAM server certificate named as the code's ARN names it (RSA 2048, valid 400 days). */
export async function iamServerCertificate(
  iam: IAMClient,
  arn: string,
  cn = 'code.example.com',
): Promise<string> {
  const { certificatePem, privateKeyPem } = selfSigned({ days: 400, key: 'rsa:2048', cn });
  const out = await iam.send(
    new UploadServerCertificateCommand({
      ServerCertificateName: arn.split('/').at(-1),
      CertificateBody: certificatePem,
      PrivateKey: privateKeyPem,
    }),
  );
  return String(out.ServerCertificateMetadata?.Arn);
}

export async function regionalWebAcl(wafv2: WAFV2Client, name: string): Promise<string> {
  const out = await wafv2.send(
    new CreateWebACLCommand({
      Name: name,
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: name },
    }),
  );
  return String(out.Summary?.ARN);
}

/** Removes the default allow-all egress rule and authorizes the code's own (none: no egress). */
export async function replaceDefaultEgress(
  ec2: EC2Client,
  GroupId: string,
  egress: IpPermission[],
): Promise<void> {
  await ec2.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId,
      IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  if (egress.length)
    await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: egress }));
}
