// CloudFormation templates into models: what resolves, what stays unknown, and how children link.
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../../../bin/cli/scan/run-scan.js';
import { parseTemplate } from '../../../../../rules/core/resources/code/cloudformation/template.js';
import { cloudFormationRecords } from '../../../../../rules/core/resources/code/cloudformation/to-records.js';
import { UNKNOWN_SCOPE } from '../../../../../rules/core/resources/code/record.js';
import { selectRules } from '../../../../../rules/index.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');

function records(text: string) {
  const template = parseTemplate(text, 'template.yaml');
  if (!template) throw new Error('not a template');
  return cloudFormationRecords(template, UNKNOWN_SCOPE);
}

async function verdicts(text: string, ruleIds: string[]) {
  const result = await runScan(
    [{ file: 'template.yaml', format: 'cloudformation', records: records(text) }],
    {
      rules: selectRules(ruleIds),
      now: NOW,
    },
  );
  return Object.fromEntries(result.evaluations.map((e) => [`${e.ruleId} ${e.resourceId}`, e]));
}

const ALB = (props: string) => `
Parameters:
  Open: {Type: String}
  WithDefault: {Type: String, Default: internal}
Conditions:
  IsProd: !Equals [!Ref Open, prod]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      SecurityGroups: [!GetAtt Sg.GroupId]
${props}
`;

describe('CloudFormation templates', () => {
  it('reads short-form tags and gives each resource the line of its logical id', () => {
    const [lb] = records(ALB('      Scheme: !Ref WithDefault'));
    expect(lb?.location).toEqual({ id: 'Lb', file: 'template.yaml', line: 14 });
    expect(lb?.loadBalancer?.scheme).toBe('internal');
    expect(lb?.loadBalancer?.kind).toBe('application');
  });

  it('takes the documented defaults: Type application, Scheme internet-facing, deletion protection off', async () => {
    const v = await verdicts(ALB(''), ['lb-deletion-protection', 'lb-internet-facing-approved']);
    expect(v['lb-deletion-protection Lb']?.complianceType).toBe('NON_COMPLIANT');
    expect(v['lb-internet-facing-approved Lb']?.complianceType).toBe('NON_COMPLIANT');
  });

  it.each([
    ['a parameter without a default', '!Ref Open', 'Ref Open: a parameter without a default'],
    ['a condition decided at deployment', '!If [IsProd, internet-facing, internal]', 'Fn::If IsProd'],
    ['an import', "!ImportValue 'other-stack-scheme'", 'Fn::ImportValue'],
    ['a pseudo parameter', '!Ref AWS::Region', 'Ref AWS::Region: a pseudo parameter'],
    ['an attribute of another resource', '!GetAtt Sg.VpcId', 'known after deployment'],
  ])('leaves a scheme that is %s unknown: INSUFFICIENT_DATA with the reason', async (_, value, reason) => {
    const v = await verdicts(ALB(`      Scheme: ${value}`), [
      'lb-internet-facing-approved',
      'lb-deletion-protection',
    ]);
    const e = v['lb-internet-facing-approved Lb'];
    expect(e?.complianceType).toBe('INSUFFICIENT_DATA');
    expect(e?.error?.code).toBe('UnknownBeforeDeployment');
    expect(e?.error?.reason).toContain(reason);
    // A rule that does not read the scheme still judges.
    expect(v['lb-deletion-protection Lb']?.complianceType).toBe('NON_COMPLIANT');
  });

  it('links a security group by GetAtt and its separate ingress resources, and judges them', async () => {
    const text = `${ALB('')}
  Extra:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates: [{CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc}]
      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: '404'}}]
`;
    const v = await verdicts(text, ['lb-sg-world-ingress']);
    expect(v['lb-sg-world-ingress Lb']?.complianceType).toBe('NON_COMPLIANT');
    expect(v['lb-sg-world-ingress Lb']?.findings.join(' ')).toContain('22');
  });

  it('leaves the security groups unknown when the ALB names none (the VPC default group is attached)', async () => {
    const text = ALB('').replace('      SecurityGroups: [!GetAtt Sg.GroupId]\n', '');
    const v = await verdicts(text, ['lb-sg-world-ingress']);
    expect(v['lb-sg-world-ingress Lb']?.complianceType).toBe('INSUFFICIENT_DATA');
  });

  it('reports a listener on its own logical id when the rule reports per listener', async () => {
    const text = `${ALB('')}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/tg/1}]
`;
    const [record] = records(text);
    const line = text.split('\n').indexOf('  Http:') + 1;
    expect(Object.values(record?.children ?? {})).toEqual([{ id: 'Http', file: 'template.yaml', line }]);
  });

  it('refuses a resource without a Type, naming it', () => {
    expect(() => records('Resources:\n  Bad:\n    Properties: {}\n')).toThrow(
      /Resources\.Bad: expected a map with a Type/,
    );
  });

  it('gives no template for YAML that holds no Resources', () => {
    expect(parseTemplate('a: 1\n', 'x.yaml')).toBeUndefined();
  });

  it('makes a load balancer whose Type is unknown unjudgeable, never judged', async () => {
    const v = await verdicts(ALB('      Type: !Ref Open'), ['lb-deletion-protection']);
    expect(v['lb-deletion-protection Lb']?.complianceType).toBe('INSUFFICIENT_DATA');
    expect(v['lb-deletion-protection Lb']?.error?.reason).toContain('Type of Lb');
  });

  it.each([
    [
      'a policy without PolicyName',
      '{PolicyType: SSLNegotiationPolicyType, Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01}]}',
    ],
    [
      'an attribute without Name',
      '{PolicyName: p, PolicyType: SSLNegotiationPolicyType, Attributes: [{Value: ELBSecurityPolicy-TLS-1-2-2017-01}]}',
    ],
  ])('leaves Classic policies unknown, never judged, with %s', async (_, policy) => {
    const v = await verdicts(
      `
Resources:
  Clb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Subnets: [subnet-1]
      Listeners: [{LoadBalancerPort: 443, InstancePort: 443, Protocol: HTTPS, InstanceProtocol: HTTPS, SSLCertificateId: arn:aws:acm:eu-west-1:111122223333:certificate/abc, PolicyNames: [p]}]
      Policies: [${policy}]
`,
      ['clb-tls-policy'],
    );
    expect(v['clb-tls-policy Clb']?.complianceType).toBe('INSUFFICIENT_DATA');
    expect(v['clb-tls-policy Clb']?.error?.reason).toMatch(/without (PolicyName|Name)/);
  });
});
