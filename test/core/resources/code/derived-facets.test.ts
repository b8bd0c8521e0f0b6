// What the code fixes without stating it: TLS policies the built-in catalog knows, no certificate
// where no listener serves one, and the attribute defaults the API reference documents.
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../../bin/cli/scan/run-scan.js';
import { parseTemplate } from '../../../../rules/core/resources/code/cloudformation/template.js';
import { cloudFormationRecords } from '../../../../rules/core/resources/code/cloudformation/to-records.js';
import { UNKNOWN_SCOPE } from '../../../../rules/core/resources/code/record.js';
import { selectRules } from '../../../../rules/index.js';

async function verdicts(resources: string, ruleIds: string[]) {
  const template = parseTemplate(`Resources:\n${resources}`, 'template.yaml');
  if (!template) throw new Error('not a template');
  const result = await runScan(
    [
      {
        file: 'template.yaml',
        format: 'cloudformation',
        records: cloudFormationRecords(template, UNKNOWN_SCOPE),
      },
    ],
    { rules: selectRules(ruleIds), now: new Date('2026-11-20T12:00:00.000Z') },
  );
  return Object.fromEntries(
    result.evaluations.map((e) => [`${e.ruleId} ${e.resourceId}`, `${e.complianceType}: ${e.annotation}`]),
  );
}

const ALB = `
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
`;
const httpsListener = (policy: string) => `
  Tls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 443
      Protocol: HTTPS
      SslPolicy: ${policy}
      Certificates: [{CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc}]
      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: '404'}}]
`;
const classic = (listener: string, extra = '') => `
  Clb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Subnets: [subnet-1]
      Listeners: [${listener}]
${extra}`;

describe('facets the code fixes without stating them', () => {
  it('judges an ELBv2 TLS policy the built-in catalog knows, before deployment', async () => {
    const v = await verdicts(ALB + httpsListener('ELBSecurityPolicy-2016-08'), ['elbv2-tls-policy']);
    expect(v['elbv2-tls-policy Lb']).toMatch(/^NON_COMPLIANT: .*ELBSecurityPolicy-2016-08 allows TLSv1/);
  });

  it('leaves a policy the catalog does not know to AWS, naming it', async () => {
    const v = await verdicts(ALB + httpsListener('ELBSecurityPolicy-TLS13-1-3-FIPS-2031-01'), [
      'elbv2-tls-policy',
    ]);
    expect(v['elbv2-tls-policy Lb']).toMatch(
      /^INSUFFICIENT_DATA: .*ELBSecurityPolicy-TLS13-1-3-FIPS-2031-01 not in the built-in catalog/,
    );
  });

  it('judges a Classic listener policy that references a catalogued policy', async () => {
    const v = await verdicts(
      classic(
        '{LoadBalancerPort: 443, InstancePort: 443, Protocol: HTTPS, InstanceProtocol: HTTPS, SSLCertificateId: arn:aws:acm:eu-west-1:111122223333:certificate/abc, PolicyNames: [p]}',
        '      Policies: [{PolicyName: p, PolicyType: SSLNegotiationPolicyType, Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01}]}]',
      ),
      ['clb-tls-policy'],
    );
    expect(v['clb-tls-policy Clb']).toMatch(/^COMPLIANT: /);
  });

  it('knows a load balancer with no TLS listener serves no certificate, and leaves served ones to deployment', async () => {
    const none = await verdicts(ALB, ['lb-certificate-expiry', 'lb-certificate-key-strength']);
    expect(none['lb-certificate-expiry Lb']).toMatch(/^NOT_APPLICABLE: No certificate/);
    expect(none['lb-certificate-key-strength Lb']).toMatch(/^NOT_APPLICABLE: No certificate/);
    const served = await verdicts(ALB + httpsListener('ELBSecurityPolicy-TLS13-1-2-2021-06'), [
      'lb-certificate-expiry',
    ]);
    expect(served['lb-certificate-expiry Lb']).toMatch(/^INSUFFICIENT_DATA: .*known only once deployed/);
  });

  it('takes the API reference defaults: ALB desync defensive, invalid headers kept; Classic desync defensive', async () => {
    const v = await verdicts(
      ALB + classic('{LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP, InstanceProtocol: HTTP}'),
      ['lb-desync-mitigation', 'alb-drop-invalid-headers'],
    );
    expect(v['lb-desync-mitigation Lb']).toMatch(/^COMPLIANT: .*defensive/);
    expect(v['lb-desync-mitigation Clb']).toMatch(/^COMPLIANT: .*defensive/);
    expect(v['alb-drop-invalid-headers Lb']).toMatch(/^NON_COMPLIANT: .*is false/);
  });

  it('reads Classic access logs switched off as off, with no bucket to name', async () => {
    const v = await verdicts(
      classic(
        '{LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP, InstanceProtocol: HTTP}',
        '      AccessLoggingPolicy: {Enabled: false}',
      ),
      ['lb-access-logs'],
    );
    expect(v['lb-access-logs Clb']).toMatch(/^NON_COMPLIANT: access logs are off/);
  });
});
