// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected values are CloudFormation Fn::Sub strings
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildPack,
  MAX_RULES_PER_PACK,
  MAX_TEMPLATE_BYTES,
  PackLimitError,
} from '../../../infra/conformance-pack/pack.js';
import { PACK_FILES, renderPack } from '../../../infra/conformance-pack/write.js';
import { REPO_ROOT } from '../../../infra/paths.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { RULES } from '../../../rules/index.js';
import { REMEDIATED_FIXTURES } from '../../fixtures/deploy/index.js';

const ALLOWED_TYPES = new Set(['AWS::Config::ConfigRule', 'AWS::Config::RemediationConfiguration']);

describe('committed conformance packs', () => {
  // Staleness of the committed packs: test/infra/docs/generated-files.test.ts, with every other generated file.
  it('stay within the size AWS Config accepts for a pack template', () => {
    for (const file of Object.values(PACK_FILES)) {
      const bytes = Buffer.byteLength(readFileSync(join(REPO_ROOT, 'conformance-pack', file), 'utf8'));
      expect(bytes).toBeLessThanOrEqual(MAX_TEMPLATE_BYTES);
    }
  });
});

describe('the standard pack', () => {
  const pack = parse(renderPack('standard', { rules: [...RULES.map((r) => r.id), ...REMEDIATED_FIXTURES] }));

  it('holds only Config rules and remediation configurations, one rule per registered rule', () => {
    const types = Object.values(pack.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.every((t) => ALLOWED_TYPES.has(t))).toBe(true);
    expect(types.filter((t) => t === 'AWS::Config::ConfigRule')).toHaveLength(
      RULES.length + REMEDIATED_FIXTURES.length,
    );
  });

  it('takes the function location, every rule parameter and every remediation switch as parameters', () => {
    const nlb = pack.Resources.NlbTlsOnly.Properties;
    expect(nlb.Source.SourceIdentifier).toEqual({
      'Fn::If': [
        'NlbTlsOnlyHasFunctionArn',
        { Ref: 'NlbTlsOnlyFunctionArn' },
        {
          'Fn::If': [
            'UseCentralFunctions',
            {
              'Fn::Sub':
                'arn:${AWS::Partition}:lambda:${AWS::Region}:${LambdaAccountId}:function:elb-config-rules-nlb-tls-only',
            },
            {
              'Fn::Sub':
                'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:elb-config-rules-nlb-tls-only',
            },
          ],
        },
      ],
    });
    expect(nlb.InputParameters.allowTcpUdp).toEqual({ Ref: 'NlbTlsOnlyAllowTcpUdp' });
    expect(pack.Parameters.NlbTlsOnlyAllowTcpUdp).toMatchObject({
      Default: 'false',
      AllowedValues: ['true', 'false'],
    });
    expect(nlb.InputParameters.ExecutionRoleName).toEqual({
      'Fn::If': ['HasExecutionRoleName', { Ref: 'ExecutionRoleName' }, { Ref: 'AWS::NoValue' }],
    });

    const fix = pack.Resources.FixtureClbRemediatedRemediation;
    expect(fix.DependsOn).toBe('FixtureClbRemediated');
    expect(fix.Properties).toMatchObject({
      ConfigRuleName: 'fixture-clb-remediated',
      TargetId: 'ElbConfigRules-FixtureRemovePlaintextListeners',
      Automatic: { 'Fn::If': ['FixtureClbRemediatedAutomaticRemediation', true, false] },
      MaximumAutomaticAttempts: { Ref: 'RemediationMaximumAutomaticAttempts' },
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: {
            Values: [
              {
                'Fn::Sub':
                  'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/elb-config-rules-fix-fixture-clb-remediated-${AWS::Region}',
              },
            ],
          },
        },
        DryRun: { StaticValue: { Values: [{ Ref: 'FixtureClbRemediatedRemediationDryRun' }] } },
      },
    });
    expect(pack.Parameters.FixtureClbRemediatedAutomaticRemediation.Default).toBe('false');
  });
});

describe('the Security Hub FSBP variant', () => {
  // The three seed rules, so rules added later do not change these expectations.
  const seeds = { rules: ['nlb-tls-only', 'alb-https-only', 'clb-https-ssl-only'] };
  const text = renderPack('fsbp', seeds);
  const pack = parse(text);

  it('files each rule under its primary control, in control order, with the control in name and description', () => {
    const rules = Object.entries(
      pack.Resources as Record<string, { Type: string; Properties: Record<string, string> }>,
    )
      .filter(([, r]) => r.Type === 'AWS::Config::ConfigRule')
      .map(([id, r]) => [id, r.Properties.ConfigRuleName, r.Properties.Description]);
    expect(rules).toEqual([
      ['ELB1AlbHttpsOnly', 'fsbp-elb-1-alb-https-only', expect.stringContaining('[FSBP ELB.1 parity]')],
      [
        'ELB3ClbHttpsSslOnly',
        'fsbp-elb-3-clb-https-ssl-only',
        expect.stringContaining('[FSBP ELB.3 parity]'),
      ],
      ['ELB18NlbTlsOnly', 'fsbp-elb-18-nlb-tls-only', expect.stringContaining('[FSBP ELB.18 parity]')],
    ]);
    expect(text).toContain(
      '# Security Hub FSBP ELB.18: nlb-tls-only in parity mode (preset=securityhub, reportOn=listener)',
    );
  });

  it('writes each parity value into the rule, so a deployer cannot drift from the control', () => {
    expect(pack.Resources.ELB18NlbTlsOnly.Properties.InputParameters.preset).toBe('securityhub');
    expect(pack.Resources.ELB1AlbHttpsOnly.Properties.InputParameters.allowFixedResponse).toBe('false');
    expect(pack.Parameters.NlbTlsOnlyPreset).toBeUndefined();
    // The other parameters stay the deployer's.
    expect(pack.Resources.ELB18NlbTlsOnly.Properties.InputParameters.allowTcpUdp).toEqual({
      Ref: 'NlbTlsOnlyAllowTcpUdp',
    });
    const standard = parse(renderPack('standard', seeds));
    expect(standard.Resources.NlbTlsOnly.Properties.InputParameters.preset).toEqual({
      Ref: 'NlbTlsOnlyPreset',
    });
    expect(standard.Parameters.NlbTlsOnlyPreset.Default).toBe('none');
  });

  it('deploys a rule once per parity mode, each under the controls that mode reproduces', () => {
    const base = RULES.find((r) => r.id === 'lb-desync-mitigation')!;
    const twoModes: AnyRule = {
      ...base,
      id: 'two-mode-rule',
      controls: [
        { framework: 'Security Hub', id: 'ELB.12', relation: 'equivalent' },
        {
          framework: 'Security Hub',
          id: 'ELB.14',
          relation: 'looser',
          note: 'n',
          parity: { minimumMode: 'strictest' },
        },
        {
          framework: 'Security Hub',
          id: 'ELB.99',
          relation: 'looser',
          note: 'n',
          parity: { minimumMode: 'strictest' },
        },
      ],
    };
    const out = buildPack('fsbp', { rules: [{ rule: twoModes, folder: REMEDIATED_FIXTURES[0]!.folder }] });
    const resources = out.template.Resources;
    expect(Object.keys(resources)).toEqual(['ELB12TwoModeRule', 'ELB14TwoModeRule']);
    expect(resources.ELB12TwoModeRule!.Properties.InputParameters).toMatchObject({
      minimumMode: { Ref: 'TwoModeRuleMinimumMode' },
    });
    expect(resources.ELB14TwoModeRule!.Properties.InputParameters).toMatchObject({
      minimumMode: 'strictest',
    });
    expect(resources.ELB14TwoModeRule!.Properties.ConfigRuleName).toBe('fsbp-elb-14-two-mode-rule');
    expect(String(resources.ELB14TwoModeRule!.Properties.Description)).toContain(
      '[FSBP ELB.14, ELB.99 parity]',
    );
  });

  it('deploys every Security Hub parity mode of the registry', () => {
    const full = buildPack('fsbp');
    const deployed = Object.values(full.template.Resources)
      .filter((r) => r.Type === 'AWS::Config::ConfigRule')
      .map((r) => String(r.Properties.Description).match(/^\[FSBP ([^\]]+) parity\]/)?.[1])
      .filter(Boolean)
      .flatMap((ids) => ids!.split(', '));
    const claimed = RULES.flatMap((r) =>
      r.controls.filter((c) => c.framework === 'Security Hub' && (c.parity || c.relation === 'equivalent')),
    ).map((c) => c.id);
    expect(deployed.sort()).toEqual([...claimed].sort());
  });

  it('leaves out rules that map to no Security Hub control, and says so', () => {
    const unmapped: AnyRule = { ...RULES[0]!, id: 'no-control-rule', controls: [] };
    const source = { rule: unmapped, folder: REMEDIATED_FIXTURES[0]!.folder };
    const out = buildPack('fsbp', { rules: ['nlb-tls-only', source] });
    expect(Object.keys(out.template.Resources)).toEqual(['ELB18NlbTlsOnly']);
    expect(out.header.join('\n')).toContain('Not in this variant (no Security Hub control): no-control-rule');
  });
});

describe('limits', () => {
  it(`refuses more than ${MAX_RULES_PER_PACK} rules`, () => {
    const many = Array.from({ length: MAX_RULES_PER_PACK + 1 }, (_, i) => ({
      rule: { ...RULES[2]!, id: `clone-${i}` },
      folder: REMEDIATED_FIXTURES[0]!.folder,
    }));
    expect(() => buildPack('standard', { rules: many })).toThrow(PackLimitError);
    expect(() => buildPack('standard', { rules: many })).toThrow(
      /131 rules exceed the 130-rule conformance pack limit/,
    );
  });
});

describe('remediations a pack must not configure for every parameter value', () => {
  it('configures EnableLoggingForALBAndCLB only while CheckNetworkLoadBalancers is false', () => {
    const { template } = buildPack('standard', { rules: ['lb-access-logs'] });
    const remediation = Object.entries(template.Resources).find(
      ([, r]) => (r as { Type: string }).Type === 'AWS::Config::RemediationConfiguration',
    )?.[1] as unknown as { Condition: string };
    const condition = JSON.stringify(template.Conditions[remediation.Condition]);
    expect(condition).toContain(
      JSON.stringify({
        'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'LbAccessLogsCheckNetworkLoadBalancers' }, 'true'] }],
      }),
    );
  });

  it('configures none for results on listeners or target groups: the documents take a load balancer', () => {
    const { template } = buildPack('fsbp', { rules: ['elbv2-tls-policy', 'nlb-tls-only', 'alb-https-only'] });
    const remediated = Object.entries(template.Resources)
      .filter(([, r]) => (r as { Type: string }).Type === 'AWS::Config::RemediationConfiguration')
      .map(([id]) => id);
    // ELB.17 and ELB.18 report each listener; ELB.1 (alb-https-only) reports load balancers.
    expect(remediated).toEqual(['ELB1AlbHttpsOnlyRemediation']);
  });

  it('configures SetElbv2SslPolicy in the standard pack only while reportOn is not listener', () => {
    const { template } = buildPack('standard', { rules: ['elbv2-tls-policy'] });
    const remediation = template.Resources.Elbv2TlsPolicyRemediation as unknown as { Condition: string };
    expect(template.Conditions[remediation.Condition]).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Elbv2TlsPolicyReportOn' }, 'listener'] }],
    });
  });
});
