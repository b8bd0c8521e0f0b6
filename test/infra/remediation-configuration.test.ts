import { describe, expect, it } from 'vitest';
import {
  remediationConfigurationProps,
  unsupportedRemediation,
} from '../../infra/remediation-configuration.js';
import { rule as albHttpsOnly } from '../../rules/alb-https-only/rule.js';
import { ruleParameters } from '../../rules/core/engine/judge.js';
import type { AnyRule, RemediationLink } from '../../rules/core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../../rules/core/model/model.js';
import { enableAccessLogging } from '../../rules/core/remediation/aws-enable-logging-for-alb-and-clb/link.js';
import { revokeWorldIngress } from '../../rules/core/remediation/revoke-world-ingress/link.js';
import { rule as elbv2TlsPolicy } from '../../rules/elbv2-tls-policy/rule.js';
import { RULES } from '../../rules/index.js';

const ROLE = 'arn:aws:iam::123456789012:role/elb-config-rules-alb-https';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f0e1c2d-1111-2222-3333-444455556666';

/** A rule with the given remediation, as the registry will hold one. */
function ruleWith(
  remediation: RemediationLink,
  resourceTypes = [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
) {
  return { ...albHttpsOnly, id: 'some-rule', resourceTypes, remediation } as unknown as AnyRule;
}

describe('remediationConfigurationProps', () => {
  it('maps the resource id, the role and static values, with automatic remediation off by default', () => {
    expect(
      remediationConfigurationProps(albHttpsOnly, {
        assumeRoleArn: ROLE,
        staticValues: { CertificateArn: CERT },
      }),
    ).toEqual({
      ConfigRuleName: 'alb-https-only',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'ElbConfigRules-EnforceAlbHttps',
      ResourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        LoadBalancerArn: { ResourceValue: { Value: 'RESOURCE_ID' } },
        CertificateArn: { StaticValue: { Values: [CERT] } },
        SslPolicy: { StaticValue: { Values: ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'] } },
        HttpsPort: { StaticValue: { Values: ['443'] } },
        DryRun: { StaticValue: { Values: ['false'] } },
      },
      Automatic: false,
      MaximumAutomaticAttempts: 5,
      RetryAttemptSeconds: 60,
      ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
    });
  });

  it('turns automatic remediation on per rule with its own limits, names and intrinsics', () => {
    const props = remediationConfigurationProps(albHttpsOnly, {
      assumeRoleArn: { 'Fn::GetAtt': ['AlbHttpsRole', 'Arn'] },
      automatic: true,
      maximumAutomaticAttempts: 3,
      retryAttemptSeconds: 600,
      concurrentExecutionRatePercentage: 5,
      errorPercentage: 1,
      configRuleName: 'org-alb-https-only',
      documentName: 'Prod-ElbConfigRules-EnforceAlbHttps',
      documentVersion: '$DEFAULT',
      staticValues: { CertificateArn: { Ref: 'CertificateArn' }, DryRun: 'true' },
    });
    expect(props).toMatchObject({
      ConfigRuleName: 'org-alb-https-only',
      TargetId: 'Prod-ElbConfigRules-EnforceAlbHttps',
      TargetVersion: '$DEFAULT',
      Automatic: true,
      MaximumAutomaticAttempts: 3,
      RetryAttemptSeconds: 600,
      ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 5, ErrorPercentage: 1 } },
    });
    expect(props.Parameters.AutomationAssumeRole).toEqual({
      StaticValue: { Values: [{ 'Fn::GetAtt': ['AlbHttpsRole', 'Arn'] }] },
    });
    expect(props.Parameters.CertificateArn).toEqual({ StaticValue: { Values: [{ Ref: 'CertificateArn' }] } });
    expect(props.Parameters.DryRun).toEqual({ StaticValue: { Values: ['true'] } });
  });

  it('omits ResourceType for a rule that reports on both load balancer families', () => {
    const props = remediationConfigurationProps(ruleWith(revokeWorldIngress), { assumeRoleArn: ROLE });
    expect(props.ResourceType).toBeUndefined();
    expect(props.Parameters.ResourceId).toEqual({ ResourceValue: { Value: 'RESOURCE_ID' } });
    expect(props.Parameters.GroupsOf).toEqual({ StaticValue: { Values: ['load-balancer'] } });
  });

  it("works for AWS's own runbooks", () => {
    const props = remediationConfigurationProps(ruleWith(enableAccessLogging), {
      assumeRoleArn: ROLE,
      staticValues: { S3BucketName: 'org-elb-logs' },
    });
    expect(props.TargetId).toBe('AWSConfigRemediation-EnableLoggingForALBAndCLB');
    expect(props.Parameters).toEqual({
      AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
      LoadBalancerId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      S3BucketName: { StaticValue: { Values: ['org-elb-logs'] } },
      S3BucketPrefix: { StaticValue: { Values: ['elb-access-logs'] } },
    });
  });

  it('names every bad option and the form it expects, all at once', () => {
    expect(() =>
      remediationConfigurationProps(albHttpsOnly, {
        assumeRoleArn: 'role/not-an-arn',
        maximumAutomaticAttempts: 30,
        retryAttemptSeconds: 0,
        concurrentExecutionRatePercentage: 101,
        errorPercentage: 2.5,
        staticValues: { Certificate: CERT },
      }),
    ).toThrow(
      [
        'Remediation of rule alb-https-only:',
        '  - assumeRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>); got "role/not-an-arn"',
        '  - maximumAutomaticAttempts must be an integer from 1 to 25; got 30',
        '  - retryAttemptSeconds must be an integer from 1 to 2678000; got 0',
        '  - concurrentExecutionRatePercentage must be an integer from 1 to 100; got 101',
        '  - errorPercentage must be an integer from 1 to 100; got 2.5',
        '  - staticValues.Certificate is not a parameter of ElbConfigRules-EnforceAlbHttps; expected CertificateArn, SslPolicy, HttpsPort, DryRun',
        '  - staticValues.CertificateArn is required by ElbConfigRules-EnforceAlbHttps: (Required) ACM certificate ARN for the HTTPS listener; there is no safe default.',
      ].join('\n'),
    );
  });

  it('refuses a rule without remediation and a missing role', () => {
    const bare = { ...albHttpsOnly, remediation: undefined } as unknown as AnyRule;
    expect(() => remediationConfigurationProps(bare, { assumeRoleArn: ROLE })).toThrow(
      'Rule alb-https-only has no remediation to configure',
    );
    expect(() =>
      remediationConfigurationProps(albHttpsOnly, {
        assumeRoleArn: '',
        staticValues: { CertificateArn: CERT },
      }),
    ).toThrow(/assumeRoleArn is required: the ARN of the role the document assumes/);
  });

  it('accepts a CDK token or Fn::Sub string as the role without checking its text', () => {
    const token = `\${Token[TOKEN.123]}`;
    const props = remediationConfigurationProps(albHttpsOnly, {
      assumeRoleArn: token,
      staticValues: { CertificateArn: CERT },
    });
    expect(props.Parameters.AutomationAssumeRole).toEqual({
      StaticValue: { Values: [token] },
    });
  });
});

describe("Config's StaticValue.Values limits", () => {
  it('refuses a value over 256 characters and more than 25 values, naming the rule and parameter', () => {
    const long = `elb-logs-${'x'.repeat(250)}`;
    expect(() =>
      remediationConfigurationProps(ruleWith(enableAccessLogging), {
        assumeRoleArn: ROLE,
        staticValues: { S3BucketName: long },
      }),
    ).toThrow(
      /Remediation of rule .*:\n {2}- parameter S3BucketName: static value is 259 characters; AWS Config allows 1 to 256 per value \(StaticValue\.Values\)/,
    );
    const many = Array.from({ length: 26 }, (_, i) => `bucket-${i}`);
    expect(() =>
      remediationConfigurationProps(ruleWith(enableAccessLogging), {
        assumeRoleArn: ROLE,
        staticValues: { S3BucketName: many },
      }),
    ).toThrow(
      /parameter S3BucketName has 26 static values; AWS Config allows at most 25 \(StaticValue\.Values\)/,
    );
  });

  it('passes a list as one value per item', () => {
    const props = remediationConfigurationProps(ruleWith(enableAccessLogging), {
      assumeRoleArn: ROLE,
      staticValues: { S3BucketName: ['org-elb-logs'] },
    });
    expect(props.Parameters.S3BucketName).toEqual({ StaticValue: { Values: ['org-elb-logs'] } });
  });

  it('keeps every rule’s default remediation configuration within the limits', () => {
    for (const rule of RULES) {
      if (!rule.remediation) continue;
      const staticValues = Object.fromEntries(
        Object.entries(rule.remediation.staticParameters)
          .filter(([, spec]) => spec.default === '')
          .map(([name]) => [name, 'placeholder-value']),
      );
      const props = remediationConfigurationProps(rule, {
        assumeRoleArn: ROLE,
        staticValues: { ...rule.remediation.staticValuesFor?.(ruleParameters(rule, {})), ...staticValues },
      });
      for (const [name, value] of Object.entries(props.Parameters)) {
        if (!('StaticValue' in value)) continue;
        expect(value.StaticValue.Values.length, `${rule.id} ${name}`).toBeLessThanOrEqual(25);
        for (const v of value.StaticValue.Values)
          expect(typeof v === 'string' ? v.length : 0, `${rule.id} ${name}`).toBeLessThanOrEqual(256);
      }
    }
  });
});

describe('remediation of results on listeners and target groups', () => {
  it('is not configured with reportOn=listener, saying why; it is with the default', () => {
    expect(
      unsupportedRemediation(elbv2TlsPolicy, ruleParameters(elbv2TlsPolicy, { reportOn: 'listener' })),
    ).toBe(
      'with reportOn=listener its results are on AWS::ElasticLoadBalancingV2::Listener, and ' +
        'ElbConfigRules-SetElbv2SslPolicy takes a load balancer (LoadBalancerArn)',
    );
    expect(unsupportedRemediation(elbv2TlsPolicy, ruleParameters(elbv2TlsPolicy, {}))).toBeUndefined();
  });

  it('is refused for every rule whose remediation would receive child resource ids', () => {
    for (const rule of RULES.filter((r) => r.remediation && r.reportEach)) {
      const perChild = ruleParameters(rule, {
        reportOn: rule.reportEach!.resourceType.endsWith('Listener') ? 'listener' : 'targetGroup',
      });
      expect(unsupportedRemediation(rule, perChild), rule.id).toMatch(/takes a load balancer/);
    }
  });
});
