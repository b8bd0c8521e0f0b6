// The template hook as deployed: CfnLambdaHook on STACK creates and updates, an invoker role that
// CloudFormation hooks may assume and that may invoke exactly the hook function, the enforced rules
// in the function's environment, and the hook's own stack left out. Context turns it on.
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { settingsFromContext } from '../../infra/context.js';
import { synthApp } from '../support/synth.js';

function rulesTemplate(settings: Parameters<typeof synthApp>[0]) {
  const { built } = synthApp(settings);
  return Template.fromStack(built.rules);
}

describe('the template hook in the rules stack', () => {
  const template = rulesTemplate({
    rules: ['alb-https-only', 'lb-internet-facing-approved'],
    ruleParameters: { 'lb-internet-facing-approved': { approvalTagKey: 'exposure' } },
    templateHook: { failureMode: 'WARN' },
  });
  const hooks = template.findResources('AWS::CloudFormation::LambdaHook');
  const [hookId, hook] = Object.entries(hooks)[0] ?? [];
  const props = (hook as { Properties: Record<string, unknown> }).Properties;

  it('is one Lambda hook on whole stack templates at create and update', () => {
    expect(Object.keys(hooks)).toHaveLength(1);
    expect(props).toMatchObject({
      Alias: 'ElbConfigRules::Template::Hook',
      FailureMode: 'WARN',
      HookStatus: 'ENABLED',
      TargetOperations: ['STACK'],
      TargetFilters: { Actions: ['CREATE', 'UPDATE'] },
      StackFilters: { FilteringCriteria: 'ALL', StackNames: { Exclude: ['ElbConfigRulesStack'] } },
    });
    expect(hookId).toBeDefined();
  });

  it('runs through a role only CloudFormation hooks assume, allowed to invoke exactly the hook function', () => {
    const functionId = (props.LambdaFunction as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const roleId = (props.ExecutionRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'hooks.cloudformation.amazonaws.com' },
      },
    ]);
    expect(role.Properties.Policies).toEqual([
      {
        PolicyName: 'InvokeHookFunction',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'InvokeHookFunction',
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: { 'Fn::GetAtt': [functionId, 'Arn'] },
            },
          ],
        },
      },
    ]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('gives the function the enforced rules and their deployed parameters', () => {
    const functionId = (props.LambdaFunction as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const fn = template.toJSON().Resources[functionId];
    const env = fn.Properties.Environment.Variables;
    expect(env.ENFORCED_RULES).toBe('alb-https-only,lb-internet-facing-approved');
    expect(JSON.parse(env.RULE_PARAMETERS)['lb-internet-facing-approved']).toMatchObject({
      approvalTagKey: 'exposure',
    });
    expect(env.FAIL_ON_UNKNOWN).toBe('false');
    expect(fn.Properties.Timeout).toBe(30);
  });

  it('enforces the rules it is given, failing closed when told to', () => {
    const t = rulesTemplate({
      rules: ['alb-https-only'],
      templateHook: {
        failureMode: 'FAIL',
        rules: ['nlb-tls-only'],
        failOnUnknown: true,
        alias: 'Acme::Lb::Gate',
      },
    });
    const [hook] = Object.values(t.findResources('AWS::CloudFormation::LambdaHook')) as {
      Properties: Record<string, unknown>;
    }[];
    expect(hook?.Properties).toMatchObject({ Alias: 'Acme::Lb::Gate', FailureMode: 'FAIL' });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { ENFORCED_RULES: 'nlb-tls-only', FAIL_ON_UNKNOWN: 'true' } },
    });
  });

  it('is absent unless asked for', () => {
    const t = rulesTemplate({ rules: ['alb-https-only'] });
    expect(t.findResources('AWS::CloudFormation::LambdaHook')).toEqual({});
  });

  it.each([
    [{ failureMode: 'BLOCK' as 'FAIL' }, /failureMode "BLOCK": expected FAIL or WARN/],
    [
      { failureMode: 'FAIL' as const, alias: 'AWS::Lb::Hook' },
      /alias "AWS::Lb::Hook": expected Name1::Name2::Name3/,
    ],
    [{ failureMode: 'FAIL' as const, alias: 'Elb-Config::Template::Hook' }, /alias/],
    [{ failureMode: 'FAIL' as const, rules: ['no-such-rule'] }, /Unknown rule "no-such-rule"/],
  ])('refuses %j at synth', (templateHook, message) => {
    expect(() => synthApp({ rules: ['alb-https-only'], templateHook })).toThrow(message);
  });

  it('refuses at synth an environment Lambda would refuse: over 4 KB of rules and parameters', () => {
    // Each list is within Config's 1,024 characters; together they pass Lambda's 4 KB environment.
    const names = (prefix: string) =>
      Array.from({ length: 30 }, (_, i) => `${prefix}-${String(i).padStart(24, '0')}`).join(',');
    const listener = Array.from({ length: 30 }, (_, i) => `edge-${String(i).padStart(20, '0')}:443`).join(
      ',',
    );
    expect(() =>
      synthApp({
        rules: ['lb-internet-facing-approved', 'alb-waf-enabled', 'elbv2-target-encryption', 'nlb-tls-only'],
        ruleParameters: {
          'lb-internet-facing-approved': { allowedLoadBalancers: names('lb') },
          'alb-waf-enabled': { allowedWebAcls: names('acl') },
          'elbv2-target-encryption': { exemptTargetGroups: names('tg') },
          'nlb-tls-only': { tlsPassthroughListeners: listener },
        },
        templateHook: { failureMode: 'FAIL' },
      }),
    ).toThrow(
      /^templateHook: the enforced rules and their parameters take \d+ bytes of the function's environment; expected at most 3840/,
    );
  });

  it('refuses a list parameter the hook would have to read from Parameter Store', () => {
    expect(() =>
      synthApp({
        rules: ['lb-internet-facing-approved'],
        ruleParameters: { 'lb-internet-facing-approved': { allowedLoadBalancers: 'ssm:/lb/approved' } },
        templateHook: { failureMode: 'FAIL' },
      }),
    ).toThrow(
      /^templateHook: RULE_PARAMETERS: lb-internet-facing-approved: an ssm: value needs Parameter Store/,
    );
  });
});

describe('templateHook context', () => {
  const from = (context: Record<string, unknown>) => settingsFromContext((key) => context[key]);

  it('turns the hook on with its failure mode, rules and stance on unknown values', () => {
    expect(from({ templateHook: 'warn' }).templateHook).toEqual({ failureMode: 'WARN' });
    expect(
      from({
        templateHook: 'FAIL',
        templateHookRules: 'alb-https-only,nlb-tls-only',
        templateHookFailOnUnknown: 'true',
      }).templateHook,
    ).toEqual({ failureMode: 'FAIL', rules: ['alb-https-only', 'nlb-tls-only'], failOnUnknown: true });
    expect(from({}).templateHook).toBeUndefined();
  });

  it('refuses a bad mode, and hook settings without the hook', () => {
    expect(() => from({ templateHook: 'on' })).toThrow('Context "templateHook" must be FAIL or WARN');
    expect(() => from({ templateHookRules: 'alb-https-only' })).toThrow(/need "templateHook"/);
  });
});
