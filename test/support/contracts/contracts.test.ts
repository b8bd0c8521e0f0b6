// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub placeholders
// The contract layer's own parts, on requests AWS refuses: each limit kind the models state is
// caught, intrinsics resolve as CloudFormation resolves them, and the pack subset is enforced.
import { describe, expect, it } from 'vitest';
import { loadServiceModel, requireBotocore } from './botocore.js';
import { checkTemplate, ViolationLog } from './contracts.js';
import { Deployment, PSEUDO_SETS, type Template } from './intrinsics.js';
import { apiRequest } from './requests.js';
import { checkRequest } from './shape-check.js';

const rule = (overrides: Record<string, unknown> = {}) => ({
  ConfigRule: {
    ConfigRuleName: 'alb-https-only',
    Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: 'arn:aws:lambda:eu-west-1:123456789012:function:f' },
    ...overrides,
  },
});

describe.runIf(requireBotocore())('checking requests against the botocore models', () => {
  const config = () => loadServiceModel('config');
  const messages = (request: unknown, op = 'PutConfigRule') =>
    checkRequest(config(), op, request).map((v) => `${v.path}: ${v.message}`);

  it('accepts a valid PutConfigRule', () => {
    expect(messages(rule({ InputParameters: '{"a":"b"}', MaximumExecutionFrequency: 'One_Hour' }))).toEqual(
      [],
    );
  });

  it.each([
    [
      'a string over its max length',
      { InputParameters: 'x'.repeat(1025) },
      /InputParameters: length 1025 > max 1024/,
    ],
    ['an empty string under its min length', { InputParameters: '' }, /InputParameters: length 0 < min 1/],
    ['a value outside an enum', { MaximumExecutionFrequency: 'Daily' }, /"Daily" is not one of/],
    ['a pattern mismatch', { ConfigRuleName: '   ' }, /does not match pattern/],
    ['an unknown member', { Bogus: 1 }, /Bogus is not a member of ConfigRule/],
    [
      'a list over its max count',
      { Scope: { ComplianceResourceTypes: Array(101).fill('AWS::EC2::Instance') } },
      /101 items > max 100/,
    ],
    ['a missing required member', { Source: { SourceIdentifier: 'x' } }, /required member Owner is missing/],
  ])('refuses %s', (_, overrides, expected) => {
    expect(messages(rule(overrides)).join('\n')).toMatch(expected);
  });

  it('refuses remediation values AWS refuses: a static value over 256 characters, 26 values, attempts out of range', () => {
    const request = {
      RemediationConfigurations: [
        {
          ConfigRuleName: 'r',
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'Doc',
          Parameters: {
            Long: { StaticValue: { Values: ['x'.repeat(257)] } },
            Many: { StaticValue: { Values: Array(26).fill('v') } },
          },
          MaximumAutomaticAttempts: '26',
          Automatic: 'true',
        },
      ],
    };
    const found = messages(request, 'PutRemediationConfigurations').join('\n');
    expect(found).toMatch(/Long\.StaticValue\.Values\[0\]: length 257 > max 256/);
    expect(found).toMatch(/Many\.StaticValue\.Values: 26 items > max 25/);
    expect(found).toMatch(/MaximumAutomaticAttempts: 26 > max 25/);
    expect(found).not.toMatch(/\.Automatic:/);
  });
});

describe('resolving intrinsics for a deployment', () => {
  const template: Template = {
    Parameters: { Name: { Type: 'String', Default: '' } },
    Conditions: { HasName: { 'Fn::Not': [{ 'Fn::Equals': ['', { Ref: 'Name' }] }] } },
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      Rule: {
        Type: 'AWS::Config::ConfigRule',
        Properties: {
          ConfigRuleName: { 'Fn::If': ['HasName', { Ref: 'Name' }, { Ref: 'AWS::NoValue' }] },
          Source: {
            Owner: 'CUSTOM_LAMBDA',
            SourceIdentifier: { 'Fn::GetAtt': ['Fn', 'Arn'] },
            Other: {
              'Fn::Sub': [
                'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${N}',
                { N: { Ref: 'Name' } },
              ],
            },
            Joined: { 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }]] },
          },
        },
      },
      Skipped: { Type: 'AWS::Config::ConfigRule', Condition: 'HasName', Properties: {} },
    },
  };
  const gov = PSEUDO_SETS[1]!;

  it('resolves Ref, Fn::Sub, Fn::GetAtt, Fn::Join and conditions both ways', () => {
    const empty = new Deployment(template, { Name: '' }, gov).resources();
    expect(empty.map((r) => r.id)).toEqual(['Fn', 'Rule']);
    const props = empty[1]!.properties as { ConfigRuleName?: string; Source: Record<string, string> };
    expect(props.ConfigRuleName).toBeUndefined();
    expect(props.Source.SourceIdentifier).toBe(
      'arn:aws-us-gov:lambda:us-gov-west-1:210987654321:function:ElbConfigRulesStack-Fn-A1B2C3D4E5F6G',
    );
    expect(props.Source.Other).toBe('arn:aws-us-gov:x:us-gov-west-1:210987654321:');
    expect(props.Source.Joined).toBe('a-us-gov-west-1');
    const named = new Deployment(template, { Name: 'n' }, gov).resources();
    expect(named.map((r) => r.id)).toEqual(['Fn', 'Rule', 'Skipped']);
    expect((named[1]!.properties as { ConfigRuleName: string }).ConfigRuleName).toBe('n');
  });

  it('turns CloudFormation JSON properties into the strings the API takes', () => {
    const request = apiRequest(
      'AWS::Config::ConfigRule',
      { InputParameters: { a: 'b' }, Compliance: {} },
      'x',
    );
    expect(request.request).toEqual({ ConfigRule: { InputParameters: '{"a":"b"}' } });
    const doc = apiRequest(
      'AWS::SSM::Document',
      { Content: { a: 1 }, DocumentFormat: 'YAML', UpdateMethod: 'NewVersion' },
      'Gen',
    );
    expect(doc.request).toEqual({ Name: 'Gen', Content: 'a: 1\n', DocumentFormat: 'YAML' });
  });
});

describe.runIf(requireBotocore())('pack and StackSets rules no model states', () => {
  it('flags a pack with Fn::Sub, a pseudo parameter, a Number parameter or another resource type', () => {
    const log = new ViolationLog();
    checkTemplate(
      'pack',
      {
        Parameters: { N: { Type: 'Number', Default: 1 } },
        Resources: {
          R: {
            Type: 'AWS::Config::ConfigRule',
            Properties: {
              ConfigRuleName: { 'Fn::Sub': '${AWS::Region}' },
              Source: { Owner: 'AWS', SourceIdentifier: { Ref: 'AWS::AccountId' } },
            },
          },
          B: { Type: 'AWS::S3::Bucket', Properties: {} },
        },
      },
      'pack',
      log,
      { bytes: 400_000 },
    );
    const found = log.all.map((v) => v.message).join('\n');
    expect(found).toMatch(/Fn::Sub is not among the intrinsics/);
    expect(found).toMatch(/pseudo parameter AWS::AccountId is not documented/);
    expect(found).toMatch(/Type Number: pack parameters are String/);
    expect(found).toMatch(/AWS::S3::Bucket cannot be in a conformance pack/);
    expect(found).toMatch(/400000 bytes > 307200/);
  });

  it('flags a StackSets template that needs CDK bootstrap, and an SSM document over 64 KB', () => {
    const log = new ViolationLog();
    checkTemplate(
      'stackset',
      {
        Parameters: {
          BootstrapVersion: {
            Type: 'AWS::SSM::Parameter::Value<String>',
            Default: '/cdk-bootstrap/hnb659fds/version',
          },
        },
        Rules: { CheckBootstrapVersion: {} },
        Resources: {
          D: {
            Type: 'AWS::SSM::Document',
            Properties: {
              Name: 'Big-Doc',
              DocumentType: 'Automation',
              DocumentFormat: 'JSON',
              Content: { d: 'x'.repeat(70_000) },
            },
          },
        },
      },
      'stackset',
      log,
    );
    const found = log.all.map((v) => v.message).join('\n');
    expect(found).toMatch(/no BootstrapVersion parameter/);
    expect(found).toMatch(/no CheckBootstrapVersion rule/);
    expect(found).toMatch(/bytes > 65536 \(SSM document content limit\)/);
  });
});
