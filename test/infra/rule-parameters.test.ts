// AWS Config's limits on what a deployment hands it, checked at synth: a rule's InputParameters
// (1,024 characters as JSON), remediation static values, and lists moved to Parameter Store
// (ssm:/path) with ssm:GetParameter on exactly those parameters.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../infra/conformance-pack/pack.js';
import { REPO_ROOT } from '../../infra/paths.js';
import { remediationParameterProblems } from '../../infra/remediation-configuration.js';
import { DeploymentConfigError, MAX_INPUT_PARAMETERS } from '../../infra/rule-parameters.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { rule as internetFacingApproved } from '../../rules/lb-internet-facing-approved/rule.js';
import { asList, iamStatements, runSynthScript, synthApp } from '../support/synth.js';

const ACM = 'elbv2-acm-certificate-required';
const TARGETS = 'lb-target-sg-restricted';
/** Twelve ACM certificate ARNs, as a user would list them. */
const CERTIFICATES = Array.from(
  { length: 12 },
  (_, i) =>
    `arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-${String(i).padStart(12, '0')}`,
);
/** Forty IPv6 /64 networks. */
const CIDRS = Array.from({ length: 40 }, (_, i) => `2001:db8:ac10:fe${String(i).padStart(2, '0')}::/64`);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DeploymentConfigError);
    return (error as Error).message;
  }
  throw new Error('expected synth to refuse');
}

function getParameterStatements(stack: Stack) {
  return iamStatements(Template.fromStack(stack).toJSON()).filter(({ statement }) =>
    asList(statement.Action).some((a) => a.startsWith('ssm:')),
  );
}

const parameterArn = (path: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ssm:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:parameter${path}`,
    ],
  ],
});

describe('rule parameters over 1,024 characters', () => {
  it('refuses 12 certificate ARNs in allowedCertificates, naming the rule, the parameter and the limit', () => {
    const message = refusal(() =>
      synthApp({ rules: [ACM], ruleParameters: { [ACM]: { allowedCertificates: CERTIFICATES } } }),
    );
    expect(message).toContain(`Rule ${ACM}: its parameters take `);
    expect(message).toContain('over the limit of 1024 characters per rule (ConfigRule.InputParameters)');
    expect(message).toMatch(/Longest: allowedCertificates \(\d+ characters\)/);
    expect(message).toContain('set allowedCertificates to ssm:/path/to/parameter');
  });

  it('refuses 40 IPv6 CIDRs in allowedCidrs, and accepts what fits (40 IPv4 /24 blocks)', () => {
    const message = refusal(() =>
      synthApp({ rules: [TARGETS], ruleParameters: { [TARGETS]: { allowedCidrs: CIDRS } } }),
    );
    expect(message).toMatch(new RegExp(`^Rule ${TARGETS}: its parameters take \\d+ characters`));
    expect(message).toMatch(/Longest: allowedCidrs \(\d+ characters\)/);

    const ipv4 = Array.from({ length: 40 }, (_, i) => `172.16.${i}.0/24`);
    const { built } = synthApp({ rules: [TARGETS], ruleParameters: { [TARGETS]: { allowedCidrs: ipv4 } } });
    const input = Template.fromStack(built.rules).findResources('AWS::Config::ConfigRule');
    const parameters = Object.values(input)[0]!.Properties.InputParameters as Record<string, string>;
    expect(JSON.stringify(parameters).length).toBeLessThanOrEqual(MAX_INPUT_PARAMETERS);
    expect(parameters.allowedCidrs).toBe(ipv4.join(','));
  });

  it('refuses, before anything is written, when run as npm run synth', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'elb-synth-limits-')), 'cdk.out');
    const context = JSON.stringify({ [ACM]: { allowedCertificates: CERTIFICATES } });
    const run = runSynthScript(`-c rules=${ACM} -c 'ruleParameters=${context}' -o ${outdir}`);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`Rule ${ACM}: its parameters take`);
    expect(run.stderr).toContain('allowedCertificates');
    const written = existsSync(outdir) ? readdirSync(outdir).filter((f) => f.endsWith('.template.json')) : [];
    expect(written).toEqual([]);
  }, 300_000);
});

describe('lists in SSM Parameter Store (ssm:/path)', () => {
  const settings = {
    rules: [ACM, TARGETS, 'lb-deletion-protection'],
    ruleParameters: {
      [ACM]: { allowedCertificates: 'ssm:/elb-config-rules/allowed-certificates' },
      [TARGETS]: { allowedCidrs: 'ssm:/elb-config-rules/allowed-cidrs' },
    },
    memberAccounts: ['111111111111'],
  };

  it('accepts the same long lists as references, which the rules carry as they are', () => {
    const { built } = synthApp(settings);
    const rules = Template.fromStack(built.rules);
    rules.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: ACM,
      InputParameters: { allowedCertificates: 'ssm:/elb-config-rules/allowed-certificates' },
    });
    rules.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: TARGETS,
      InputParameters: { allowedCidrs: 'ssm:/elb-config-rules/allowed-cidrs', allowSelfReference: 'true' },
    });
  });

  it('lets each function read exactly its configured parameter, in every stack that runs functions', () => {
    const { built } = synthApp(settings);
    for (const stack of [built.rules, built.member, built.central!]) {
      const statements = getParameterStatements(stack);
      expect(statements.map(({ resource, statement }) => [resource, statement])).toEqual([
        [
          expect.stringMatching(/^Elbv2AcmCertificateRequired/),
          {
            Sid: 'ReadListParameters',
            Effect: 'Allow',
            Action: 'ssm:GetParameter',
            Resource: parameterArn('/elb-config-rules/allowed-certificates'),
          },
        ],
        [
          expect.stringMatching(/^LbTargetSgRestricted/),
          {
            Sid: 'ReadListParameters',
            Effect: 'Allow',
            Action: 'ssm:GetParameter',
            Resource: parameterArn('/elb-config-rules/allowed-cidrs'),
          },
        ],
      ]);
    }
    expect(getParameterStatements(built.evaluationRole)).toEqual([]);
  });

  it('grants no ssm action at all when no list is read from Parameter Store', () => {
    const { built } = synthApp({
      ...settings,
      ruleParameters: { [ACM]: { allowedCertificates: CERTIFICATES.slice(0, 2) } },
    });
    for (const stack of [built.rules, built.member, built.central!, built.evaluationRole])
      expect(getParameterStatements(stack)).toEqual([]);
  });

  it('refuses a reference that is not ssm: followed by a parameter path, naming rule and parameter', () => {
    const message = refusal(() =>
      synthApp({ rules: [ACM], ruleParameters: { [ACM]: { allowedCertificates: 'ssm:elb/allowed' } } }),
    );
    expect(message).toMatch(
      /^Rule elbv2-acm-certificate-required: Rule parameter "allowedCertificates" must be ssm:\/path/,
    );
  });

  it('refuses a list the remediation derives its values from, unless the deployer sets them', () => {
    const tls = 'elbv2-tls-policy';
    const ruleParameters = { [tls]: { allowedPolicies: 'ssm:/elb-config-rules/allowed-policies' } };
    const message = refusal(() => synthApp({ rules: [tls], ruleParameters }));
    expect(message).toContain(
      `Rule ${tls} reads allowedPolicies from SSM parameter /elb-config-rules/allowed-policies at run time, but its remediation derives PoliciesAre, Policies`,
    );
    const accepted = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
    const { built } = synthApp({
      rules: [tls],
      ruleParameters,
      remediation: { [tls]: { parameters: { PoliciesAre: 'accepted', Policies: [accepted] } } },
    });
    Template.fromStack(built.rules).hasResourceProperties('AWS::Config::RemediationConfiguration', {
      Parameters: {
        PoliciesAre: { StaticValue: { Values: ['accepted'] } },
        Policies: { StaticValue: { Values: [accepted] } },
      },
    });
  });
});

describe('conformance packs', () => {
  it('refuses a rule whose default parameters leave no room for the ExecutionRoleName the pack adds', () => {
    // Defaults of 1,000 characters as JSON fit a stack, but not with a 64-character role name added.
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `lb-${String(i).padStart(4, '0')}`);
    const withDefaults = (names: string[]): AnyRule => ({
      ...internetFacingApproved,
      parameters: {
        ...internetFacingApproved.parameters,
        allowedLoadBalancers: { ...internetFacingApproved.parameters.allowedLoadBalancers, default: names },
      },
    });
    const fits = (names: string[]) => JSON.stringify({ allowedLoadBalancers: names.join(',') }).length;
    let names = filler(1);
    while (fits(filler(names.length + 1)) < 900) names = filler(names.length + 1);
    const source = { rule: withDefaults(names), folder: join(REPO_ROOT, 'rules', internetFacingApproved.id) };
    const message = refusal(() => buildPack('standard', { rules: [source] }));
    expect(message).toContain(
      'in the conformance pack, with an ExecutionRoleName of 64 characters), over the limit of 1024 characters',
    );
    expect(message).toMatch(/Longest: allowedLoadBalancers/);
    expect(() =>
      buildPack('standard', { rules: [{ ...source, rule: withDefaults(names.slice(0, -10)) }] }),
    ).not.toThrow();
  });

  it('generates today’s packs within the limit', () => {
    expect(() => buildPack('standard')).not.toThrow();
    expect(() => buildPack('fsbp')).not.toThrow();
  });
});

describe('remediation parameters within AWS Config’s limits', () => {
  const value = (...values: string[]) => ({ StaticValue: { Values: values } });

  it('names the parameter and the limit for a value over 256 characters, or empty', () => {
    expect(
      remediationParameterProblems({
        AcceptedPolicies: value('p'.repeat(697)),
        DryRun: value('false'),
        Empty: value(''),
      }),
    ).toEqual([
      'parameter AcceptedPolicies: static value is 697 characters; AWS Config allows 1 to 256 per value (StaticValue.Values). Pass a list as separate values',
      'parameter Empty: static value is 0 characters; AWS Config allows 1 to 256 per value (StaticValue.Values). Pass a list as separate values',
    ]);
  });

  it('names the parameter with more than 25 values, and a remediation with more than 25 parameters', () => {
    const many = Array.from({ length: 26 }, (_, i) => `ELBSecurityPolicy-${i}`);
    expect(remediationParameterProblems({ AcceptedPolicies: value(...many) })).toEqual([
      'parameter AcceptedPolicies has 26 static values; AWS Config allows at most 25 (StaticValue.Values)',
    ]);
    expect(remediationParameterProblems({ AcceptedPolicies: value(...many.slice(0, 25)) })).toEqual([]);
    const parameters = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`P${i}`, value('x')]));
    expect(remediationParameterProblems(parameters)).toEqual([
      '26 parameters; AWS Config allows at most 25 (RemediationConfiguration.Parameters)',
    ]);
  });

  it('leaves intrinsics to deploy time and the resource id alone', () => {
    expect(
      remediationParameterProblems({
        Role: value({ Ref: 'Role' } as unknown as string),
        ResourceId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      }),
    ).toEqual([]);
  });
});

describe('synth refuses remediation values AWS Config would refuse', () => {
  it('names the rule, the parameter and the limit', () => {
    const rule = 'lb-sg-world-ingress';
    const lists = Array.from({ length: 20 }, (_, i) => `pl-0123456789abcde${i.toString(16)}`).join(',');
    const message = refusal(() =>
      synthApp({ rules: [rule], remediation: { [rule]: { parameters: { WorldPrefixListIds: lists } } } }),
    );
    expect(message).toContain(`Remediation of rule ${rule}:`);
    expect(message).toContain(
      `parameter WorldPrefixListIds: static value is ${lists.length} characters; AWS Config allows 1 to 256 per value (StaticValue.Values)`,
    );
  });
});
