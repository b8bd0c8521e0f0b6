import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { isReadOnly, UNSCOPABLE_WRITES } from '../../../infra/iam-policy.js';
import { DeploymentConfigError } from '../../../infra/rule-parameters.js';
import { requiredIamActions } from '../../../rules/core/engine/iam.js';
import type { RemediationLink } from '../../../rules/core/engine/rule.js';
import { enforceAlbHttps } from '../../../rules/core/remediation/enforce-alb-https/link.js';
import { RULES } from '../../../rules/index.js';
import { REMEDIATED_FIXTURES } from '../../fixtures/deploy/index.js';
import { asList, iamStatements, synthApp } from '../../support/synth.js';

const MEMBER_ACCOUNTS = ['111111111111', '222222222222'];

// One app for the whole file: every registered rule plus the remediation fixtures, alerts on,
// central mode for two member accounts.
const { built } = synthApp({
  rules: [...RULES.map((r) => r.id), ...REMEDIATED_FIXTURES],
  notifications: { enabled: true, emails: ['secops@example.com'] },
  remediation: { 'fixture-clb-remediated': { automatic: true, maximumAutomaticAttempts: 2 } },
  memberAccounts: MEMBER_ACCOUNTS,
  organizationId: 'o-abcdef1234',
});
const deployed = [...RULES, ...REMEDIATED_FIXTURES.map((f) => f.rule)];
/** Each document of ours is deployed once, however many rules it fixes. */
const ownDocuments = new Set(
  deployed.flatMap((r) => (r.remediation?.kind === 'document' ? [r.remediation.documentName] : [])),
);

let rules: Template;
let member: Template;
let central: Template;
let evaluationRole: Template;
beforeAll(() => {
  rules = Template.fromStack(built.rules);
  member = Template.fromStack(built.member);
  central = Template.fromStack(built.central!);
  evaluationRole = Template.fromStack(built.evaluationRole);
});

/** The logical id of the resource of `type` whose id starts with the rule's PascalCase id + part. */
function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} for ${prefix}`).toHaveLength(1);
  return ids[0]!;
}
const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

describe('ElbConfigRulesStack', () => {
  it.each(deployed.map((r) => [r.id, r] as const))(
    '%s has its Config rule, trigger scope and invoke permission',
    (_, rule) => {
      const fn = logicalId(rules, 'AWS::Lambda::Function', `${pascal(rule.id)}Evaluator`);
      const details = [
        ...(rule.triggers.changes.length
          ? [
              { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
              { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
            ]
          : []),
        ...(rule.triggers.periodic
          ? [
              {
                EventSource: 'aws.config',
                MessageType: 'ScheduledNotification',
                MaximumExecutionFrequency: rule.triggers.periodic,
              },
            ]
          : []),
      ];
      rules.hasResourceProperties('AWS::Config::ConfigRule', {
        ConfigRuleName: rule.id,
        Scope: { ComplianceResourceTypes: [...rule.triggers.changes] },
        Source: {
          Owner: 'CUSTOM_LAMBDA',
          SourceIdentifier: { 'Fn::GetAtt': [fn, 'Arn'] },
          SourceDetails: details,
        },
      });
      rules.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
        Principal: 'config.amazonaws.com',
        Action: 'lambda:InvokeFunction',
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
    },
  );

  it('passes every parameter with its registry default, as the strings Config sends', () => {
    const alb = RULES.find((r) => r.id === 'alb-https-only')!;
    rules.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: alb.id,
      InputParameters: { allowFixedResponse: 'true' },
    });
  });

  it('creates the Config rule after the permission, so Config can invoke the function when it checks', () => {
    const ruleId = logicalId(rules, 'AWS::Config::ConfigRule', 'NlbTlsOnly');
    const permission = logicalId(rules, 'AWS::Lambda::Permission', 'NlbTlsOnly');
    expect(rules.toJSON().Resources[ruleId].DependsOn).toContain(permission);
  });

  it('runs each function on Node 22 or newer with Powertools logging and a retained log group', () => {
    const functions = rules.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(deployed.length);
    for (const fn of Object.values(functions)) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(fn.Properties.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe('INFO');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    rules.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('gives each rule its own role with exactly its derived actions and no managed policies', () => {
    for (const rule of deployed) {
      const role =
        rules.toJSON().Resources[
          logicalId(rules, 'AWS::IAM::Role', `${pascal(rule.id)}EvaluatorExecutionRole`)
        ];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const actions = role.Properties.Policies.flatMap(
        (p: { PolicyDocument: { Statement: { Action: string | string[] }[] } }) =>
          p.PolicyDocument.Statement.flatMap((s) => asList(s.Action)),
      );
      expect(new Set(actions)).toEqual(
        new Set([...requiredIamActions(rule), 'logs:CreateLogStream', 'logs:PutLogEvents']),
      );
    }
  });

  it('deploys our remediation document, its automation role and a configuration (automatic only where switched on)', () => {
    rules.hasResourceProperties('AWS::SSM::Document', {
      Name: 'ElbConfigRules-FixtureRemovePlaintextListeners',
      DocumentType: 'Automation',
      UpdateMethod: 'NewVersion',
      Content: Match.objectLike({ schemaVersion: '0.3' }),
    });
    rules.hasResourceProperties('AWS::Config::RemediationConfiguration', {
      ConfigRuleName: 'fixture-clb-remediated',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'ElbConfigRules-FixtureRemovePlaintextListeners',
      Automatic: true,
      MaximumAutomaticAttempts: 2,
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: { Values: [Match.objectLike({ 'Fn::GetAtt': Match.anyValue() })] },
        },
        LoadBalancerName: { ResourceValue: { Value: 'RESOURCE_ID' } },
        DryRun: { StaticValue: { Values: ['true'] } },
      },
      ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
    });
    // The AWS-managed runbook gets a role and a configuration, and stays manual by default.
    rules.hasResourceProperties('AWS::Config::RemediationConfiguration', {
      ConfigRuleName: 'fixture-alb-managed-fix',
      TargetId: 'AWSConfigRemediation-EnableELBDeletionProtection',
      Automatic: false,
    });
    const documentNames = Object.values(rules.findResources('AWS::SSM::Document')).map(
      (d) => d.Properties.Name,
    );
    expect(new Set(documentNames)).toEqual(ownDocuments);
    expect(documentNames).toHaveLength(ownDocuments.size);
    // A document whose required value has no safe default (a certificate) is deployed for manual
    // runs, but no configuration is created until the operator supplies the value.
    expect(
      Object.values(rules.findResources('AWS::Config::RemediationConfiguration')).some(
        (r) => r.Properties.TargetId === 'ElbConfigRules-EnforceAlbHttps',
      ),
    ).toBe(false);
    rules.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'ssm.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
            },
          }),
        ],
      },
    });
  });

  it('sends NON_COMPLIANT compliance changes of these rules to an encrypted topic that refuses plaintext', () => {
    rules.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.config'],
        'detail-type': ['Config Rules Compliance Change'],
        detail: {
          configRuleName: deployed.map((r) => r.id),
          newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
        },
      },
    });
    rules.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    rules.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    rules.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    rules.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'secops@example.com',
    });
  });
});

describe('IAM across every template', () => {
  it('has no statement that allows a state-changing action on "*"', () => {
    const templates = { rules, member, central, evaluationRole };
    let checked = 0;
    for (const [name, template] of Object.entries(templates)) {
      for (const { resource, statement } of iamStatements(template.toJSON())) {
        checked++;
        if (statement.Effect !== 'Allow' || !asList(statement.Resource).includes('*')) continue;
        for (const action of asList(statement.Action)) {
          const allowed = isReadOnly(action) || UNSCOPABLE_WRITES.has(action);
          expect(allowed, `${name} ${resource}: ${action} on "*"`).toBe(true);
          expect(action, `${name} ${resource}`).not.toContain('*');
        }
      }
    }
    expect(checked).toBeGreaterThan(deployed.length);
  });
});

describe('member-account template (StackSets)', () => {
  it('creates each function under its fixed name with code from the regional bucket, and no Config rules', () => {
    for (const rule of deployed) {
      member.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `elb-config-rules-${rule.id}`,
        Code: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub placeholders
          S3Bucket: { 'Fn::Sub': '${CodeBucketPrefix}-${AWS::Region}' },
          S3Key: { 'Fn::Sub': Match.stringLikeRegexp('^\\$\\{CodeKeyPrefix\\}[0-9a-f]{64}\\.zip$') },
        },
      });
    }
    member.resourceCountIs('AWS::Config::ConfigRule', 0);
    member.resourceCountIs('AWS::Lambda::Permission', deployed.length);
    member.allResourcesProperties('AWS::Lambda::Permission', { SourceAccount: { Ref: 'AWS::AccountId' } });
    member.resourceCountIs('AWS::SSM::Document', ownDocuments.size);
    member.hasResourceProperties('AWS::IAM::Role', {
      RoleName: {
        'Fn::Join': ['-', ['elb-config-rules-fix-fixture-clb-remediated', { Ref: 'AWS::Region' }]],
      },
    });
    expect(Object.keys(member.toJSON().Parameters ?? {})).not.toContain('BootstrapVersion');
    expect(built.member.bundles.size).toBe(deployed.length);
  });
});

describe('central-account mode', () => {
  it('lets each member account invoke each function, pinned by SourceAccount', () => {
    for (const account of MEMBER_ACCOUNTS)
      central.hasResourceProperties('AWS::Lambda::Permission', {
        Principal: 'config.amazonaws.com',
        SourceAccount: account,
      });
    central.resourceCountIs('AWS::Lambda::Permission', deployed.length * MEMBER_ACCOUNTS.length);
  });

  it('functions only assume the evaluation role, in the organization, and fail loudly without one', () => {
    for (const { statement } of iamStatements(central.toJSON())) {
      const actions = asList(statement.Action);
      if (actions.includes('sts:AssumeRole')) {
        expect(statement.Resource).toEqual({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/elb-config-rules-evaluation']],
        });
        expect(statement.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': 'o-abcdef1234' } });
      } else expect(actions.every((a) => a.startsWith('logs:'))).toBe(true);
    }
    central.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ASSUME_EXECUTION_ROLE: 'true' }) },
    });
    central.allResourcesProperties('AWS::IAM::Role', { Path: '/elb-config-rules/' });
  });

  it('evaluation role trusts only the central execution roles, within the organization when given', () => {
    evaluationRole.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'elb-config-rules-evaluation',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: {
              AWS: {
                'Fn::Join': [
                  '',
                  ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'CentralAccountId' }, ':root'],
                ],
              },
            },
            Condition: {
              ArnLike: {
                'aws:PrincipalArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':iam::',
                      { Ref: 'CentralAccountId' },
                      ':role/elb-config-rules/*',
                    ],
                  ],
                },
              },
              StringEquals: {
                'Fn::If': [
                  'HasOrganizationId',
                  { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } },
                  { Ref: 'AWS::NoValue' },
                ],
              },
            },
          },
        ],
      },
    });
    const actions = iamStatements(evaluationRole.toJSON()).flatMap(({ statement }) =>
      asList(statement.Action),
    );
    expect(new Set(actions)).toEqual(new Set(RULES.flatMap((r) => requiredIamActions(r))));
  });
});

describe('settings', () => {
  it('deploys only the selected rules', () => {
    const { built } = synthApp({ rules: ['nlb-tls-only'] });
    const t = Template.fromStack(built.rules);
    t.resourceCountIs('AWS::Config::ConfigRule', 1);
    t.hasResourceProperties('AWS::Config::ConfigRule', { ConfigRuleName: 'nlb-tls-only' });
    expect(built.central).toBeUndefined();
  });

  it('applies typed parameter values and the rule name prefix', () => {
    const { built } = synthApp({
      rules: ['nlb-tls-only'],
      ruleParameters: { 'nlb-tls-only': { allowTcpUdp: true } },
      ruleNamePrefix: 'sec-',
    });
    Template.fromStack(built.rules).hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'sec-nlb-tls-only',
      InputParameters: { allowTcpUdp: 'true' },
    });
  });

  it('deploys a document two rules share once, and refuses two files under one document name', () => {
    const [clb] = REMEDIATED_FIXTURES;
    const twin = { rule: { ...clb!.rule, id: 'fixture-clb-twin' }, folder: clb!.folder };
    const { built } = synthApp({ rules: [clb!, twin] });
    const t = Template.fromStack(built.rules);
    t.resourceCountIs('AWS::SSM::Document', 1);
    t.resourceCountIs('AWS::Config::RemediationConfiguration', 2);
    // The same document name, linked to another file (a link names its file; the folder does not).
    const link = clb!.rule.remediation as Extract<RemediationLink, { kind: 'document' }>;
    const elsewhere = {
      rule: {
        ...clb!.rule,
        id: 'fixture-clb-elsewhere',
        remediation: { ...link, file: enforceAlbHttps.file },
      },
      folder: REMEDIATED_FIXTURES[1]!.folder,
    };
    expect(() => synthApp({ rules: [clb!, elsewhere] })).toThrow(
      /Two different files are deployed as SSM document ElbConfigRules-FixtureRemovePlaintextListeners/,
    );
  });

  it.each([
    [{ rules: ['no-such-rule'] }, /Unknown rule "no-such-rule"\. Expected one of: alb-https-only/],
    [
      { rules: ['nlb-tls-only'], ruleParameters: { 'nlb-tls-only': { allowTcpUdp: 'maybe' } } },
      /Rule nlb-tls-only: Rule parameter "allowTcpUdp" must be "true" or "false"; got "maybe"/,
    ],
    [
      { rules: ['nlb-tls-only'], ruleParameters: { 'nlb-tls-only': { allowTCP: true } } },
      /Unknown rule parameter "allowTCP"/,
    ],
    [
      { rules: ['nlb-tls-only'], ruleParameters: { 'alb-https-only': { allowFixedResponse: false } } },
      /names rule "alb-https-only", which is not deployed/,
    ],
    [
      { rules: ['clb-https-ssl-only'], remediation: { 'clb-https-ssl-only': { automatic: true } } },
      /"clb-https-ssl-only", which has no remediation/,
    ],
    [
      { rules: ['alb-https-only'], remediation: { 'alb-https-only': { automatic: true } } },
      /staticValues\.CertificateArn is required by ElbConfigRules-EnforceAlbHttps/,
    ],
    [
      { rules: ['nlb-tls-only'], memberAccounts: ['12345'] },
      /memberAccounts must be a comma-separated list of 12-digit account ids; got "12345"/,
    ],
  ] as const)('refuses bad settings with a clear message (%#)', (settings, message) => {
    expect(() => synthApp(settings as never)).toThrow(DeploymentConfigError);
    expect(() => synthApp(settings as never)).toThrow(message);
  });
});

describe('remediation values that follow the rule', () => {
  it('gives the SSL policy document the policies the deployed rule accepts', () => {
    const { built: strict } = synthApp({
      rules: ['elbv2-tls-policy'],
      ruleParameters: { 'elbv2-tls-policy': { minTlsVersion: 'TLSv1.3' } },
    });
    const configs = Object.values(
      Template.fromStack(strict.rules).findResources('AWS::Config::RemediationConfiguration'),
    );
    const parameters = configs[0]?.Properties.Parameters;
    expect(parameters.PoliciesAre.StaticValue.Values).toEqual(['accepted']);
    const accepted = parameters.Policies.StaticValue.Values as string[];
    expect(accepted).toContain('ELBSecurityPolicy-TLS13-1-3-2021-06');
    expect(accepted).not.toContain('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
  });
});

describe('a runbook that cannot take every resource the rule reports', () => {
  const remediationConfigs = (settings: Record<string, unknown>) =>
    Object.values(
      Template.fromStack(synthApp(settings as never).built.rules).findResources(
        'AWS::Config::RemediationConfiguration',
      ),
    );

  it('never gives AWSConfigRemediation-EnableLoggingForALBAndCLB NLB ARNs (checkNetworkLoadBalancers=true)', () => {
    const requested = { 'lb-access-logs': { parameters: { S3BucketName: 'org-elb-logs' } } };
    expect(remediationConfigs({ rules: ['lb-access-logs'], remediation: requested })).toHaveLength(1);
    const withNlbs = {
      rules: ['lb-access-logs'],
      ruleParameters: { 'lb-access-logs': { checkNetworkLoadBalancers: true } },
    };
    expect(() => synthApp({ ...withNlbs, remediation: requested } as never)).toThrow(
      /remediation of lb-access-logs cannot be configured: AWSConfigRemediation-EnableLoggingForALBAndCLB takes only a Classic Load Balancer name or an Application Load Balancer ARN/,
    );
    expect(remediationConfigs(withNlbs)).toHaveLength(0);
  });
});
