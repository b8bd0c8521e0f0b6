// The conformance packs, generated from the registry. A pack may hold only AWS::Config::ConfigRule
// and AWS::Config::RemediationConfiguration, so the functions, documents and roles it refers to come
// from the member-account template (StackSets) or the central-account stack. Everything a deployer
// may want to change is a template parameter: where the functions live, each rule's parameters,
// and each remediation's switches.

import { ruleParameters } from '../../rules/core/engine/judge.js';
import type { ParamSpec } from '../../rules/core/engine/parameters.js';
import { ENGINE_PARAMETERS } from '../../rules/core/engine/parameters.js';
import { REPORT_ON, reportOnValue } from '../../rules/core/engine/per-resource.js';
import type { AnyRule, ControlMapping } from '../../rules/core/engine/rule.js';
import { ElbConfigRulesError } from '../../rules/core/model/errors.js';
import { type CfnValue, configRuleProperties } from '../config-rule.js';
import { type RuleSelectionProps, resolveRules } from '../deployment.js';
import { configRuleName, functionName, pascal, remediationRoleBaseName } from '../naming.js';
import { REMEDIATION_DEFAULTS, remediationConfigurationProps } from '../remediation-configuration.js';
import { checkInputParametersLength, inputParameters } from '../rule-parameters.js';

/** AWS Config's limit of rules in one conformance pack. */
export const MAX_RULES_PER_PACK = 130;
/** CloudFormation's limits, which conformance packs inherit. */
export const MAX_PARAMETERS = 200;
export const MAX_RESOURCES = 500;
/** Above this, PutConformancePack needs --template-s3-uri instead of --template-body. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
/** The most a pack template may be at all (through --template-s3-uri). */
export const MAX_TEMPLATE_BYTES = 300 * 1024;

export type PackVariant = 'standard' | 'fsbp';

export interface PackTemplate {
  Parameters: Record<string, Record<string, unknown>>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, { Type: string; DependsOn?: string; Properties: Record<string, CfnValue> }>;
}

export interface Pack {
  template: PackTemplate;
  /** Comment lines placed before a resource, keyed by logical id (the FSBP grouping). */
  comments: Map<string, string>;
  header: string[];
}

export class PackLimitError extends ElbConfigRulesError {
  override name = 'PackLimitError';
}

const ref = (name: string) => ({ Ref: name });
const sub = (text: string) => ({ 'Fn::Sub': text });
const ifElse = (condition: string, yes: CfnValue, no: CfnValue) => ({ 'Fn::If': [condition, yes, no] });
const notEmpty = (parameter: string) => ({ 'Fn::Not': [{ 'Fn::Equals': ['', ref(parameter)] }] });

export function buildPack(
  variant: PackVariant,
  selection: Pick<RuleSelectionProps, 'rules' | 'ruleParameters'> = {},
): Pack {
  const selected = resolveRules(selection);
  const ordered =
    variant === 'fsbp'
      ? groupByControl(selected)
      : selected.map((s) => ({ ...s, control: undefined, fixed: {} as Record<string, string> }));
  if (ordered.length > MAX_RULES_PER_PACK) {
    throw new PackLimitError(
      `${ordered.length} rules exceed the ${MAX_RULES_PER_PACK}-rule conformance pack limit; split the selection with -c rules=...`,
    );
  }
  const template: PackTemplate = { Parameters: {}, Conditions: {}, Resources: {} };
  const comments = new Map<string, string>();
  const P = template.Parameters;
  const C = template.Conditions;
  const R = template.Resources;

  P.LambdaAccountId = {
    Type: 'String',
    Default: '',
    AllowedPattern: '^(\\d{12})?$',
    Description:
      'Central-account mode: the account whose elb-config-rules-* functions evaluate every account. Empty: each account uses its own functions (member-account mode, deployed with StackSets).',
  };
  C.UseCentralFunctions = notEmpty('LambdaAccountId');
  const executionRole = ENGINE_PARAMETERS.ExecutionRoleName!;
  P.ExecutionRoleName = {
    Type: 'String',
    Default: '',
    Description: executionRole.description,
  };
  C.HasExecutionRoleName = notEmpty('ExecutionRoleName');

  const anyRemediation = ordered.some((o) => o.rule.remediation);
  if (anyRemediation) {
    // String, not Number: AWS documents pack parameters as String and its own packs use no other
    // type. Config checks the range itself (PutRemediationConfigurations).
    P.RemediationMaximumAutomaticAttempts = {
      Type: 'String',
      Default: String(REMEDIATION_DEFAULTS.maximumAutomaticAttempts),
      AllowedPattern: '^([1-9]|1[0-9]|2[0-5])$',
      Description:
        'Automatic remediation: attempts per resource within RemediationRetryAttemptSeconds (1-25).',
    };
    P.RemediationRetryAttemptSeconds = {
      Type: 'String',
      Default: String(REMEDIATION_DEFAULTS.retryAttemptSeconds),
      AllowedPattern: '^[1-9][0-9]{0,6}$',
      Description: 'Automatic remediation: the window in which the attempts are counted (1-2678000 seconds).',
    };
  }

  for (const { rule, control, fixed } of ordered) {
    const id = pascal(rule.id);
    const logicalId = control ? `${pascal(control.id)}${id}` : id;
    const name = control
      ? `fsbp-${control.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${rule.id}`
      : configRuleName(rule);

    const arnParameter = `${id}FunctionArn`;
    // A rule deployed in several parity modes shares its function and its free parameters.
    P[arnParameter] ??= {
      Type: 'String',
      Default: '',
      AllowedPattern: '^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+)?$',
      Description: `Optional: the function for ${rule.id}. Default ${functionName(rule)} in LambdaAccountId, else this account.`,
    };
    C[`${id}HasFunctionArn`] = notEmpty(arnParameter);
    const fnArn = (account: string) =>
      sub(`arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${${account}}:function:${functionName(rule)}`);

    checkPackDefaultsFit(rule);
    const inputParameters: Record<string, CfnValue> = {};
    for (const [param, spec] of Object.entries(rule.parameters as Record<string, ParamSpec>)) {
      // A parity value is part of the control's definition: written out, not a pack parameter.
      const value = fixed[param];
      if (value !== undefined) {
        inputParameters[param] = value;
        continue;
      }
      const parameter = `${id}${pascal(param)}`;
      P[parameter] ??= parameterSpec(spec);
      inputParameters[param] = ref(parameter);
    }
    inputParameters.ExecutionRoleName = ifElse(
      'HasExecutionRoleName',
      ref('ExecutionRoleName'),
      ref('AWS::NoValue'),
    );

    R[logicalId] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: configRuleProperties(rule, {
        name,
        functionArn: ifElse(
          `${id}HasFunctionArn`,
          ref(arnParameter),
          ifElse('UseCentralFunctions', fnArn('LambdaAccountId'), fnArn('AWS::AccountId')),
        ),
        inputParameters,
        descriptionPrefix: control ? `[${control.label}] ` : '',
      }),
    };
    if (control) comments.set(logicalId, control.comment);

    const link = rule.remediation;
    // Results on listeners or target groups are not remediated: the documents take a load balancer.
    const perChild = reportOnValue(rule);
    if (link && !(perChild && fixed[REPORT_ON] === perChild)) {
      const automatic = `${id}AutomaticRemediation`;
      P[automatic] ??= {
        Type: 'String',
        AllowedValues: ['true', 'false'],
        Default: 'false',
        Description: `Fix ${rule.id} findings without a human, with ${link.documentName}.`,
      };
      C[automatic] = { 'Fn::Equals': ['true', ref(automatic)] };
      const statics: Record<string, CfnValue> = {};
      const required: string[] = [];
      // A pack parameter is one String, and Config takes a list as one value per item: list values,
      // and the values derived together with one, are written as the rule's defaults (or parity
      // values) give them.
      const derivedAll = link.staticValuesFor?.(ruleParameters(rule, fixed)) ?? {};
      const derived = Object.values(derivedAll).some((v) => typeof v !== 'string') ? derivedAll : {};
      for (const [param, spec] of Object.entries(link.staticParameters)) {
        const fixed = derived[param] ?? (typeof spec.default === 'string' ? undefined : spec.default);
        if (fixed !== undefined) {
          statics[param] = typeof fixed === 'string' ? fixed : [...fixed];
          continue;
        }
        const parameter = `${id}Remediation${pascal(param)}`;
        P[parameter] ??= { Type: 'String', Default: spec.default, Description: spec.description };
        statics[param] = ref(parameter);
        if (spec.default === '') required.push(parameter);
      }
      // A document with a value that has no safe default (a certificate ARN) is configured only
      // once the deployer supplies it; until then the rule still reports, nothing remediates.
      const ready = `${logicalId}RemediationReady`;
      const supplied: CfnValue[] = required.map((parameter) => ({
        'Fn::Not': [{ 'Fn::Equals': [ref(parameter), ''] }],
      }));
      // A runbook that cannot take every resource the rule reports under some parameter value.
      const guard = 'unsupportedWhen' in link ? link.unsupportedWhen : undefined;
      const guardFixed = guard ? fixed[guard.parameter] : undefined;
      // A parity mode that fixes the guarded parameter to the unsupported value configures no remediation.
      if (guard && guardFixed === String(guard.value)) continue;
      if (guard && guardFixed === undefined)
        supplied.push({
          'Fn::Not': [{ 'Fn::Equals': [ref(`${id}${pascal(guard.parameter)}`), String(guard.value)] }],
        });
      if (perChild && fixed[REPORT_ON] === undefined)
        supplied.push({ 'Fn::Not': [{ 'Fn::Equals': [ref(`${id}${pascal(REPORT_ON)}`), perChild] }] });
      if (supplied.length === 1) C[ready] = supplied[0]!;
      if (supplied.length > 1) C[ready] = { 'Fn::And': supplied };
      R[`${logicalId}Remediation`] = {
        Type: 'AWS::Config::RemediationConfiguration',
        ...(supplied.length ? { Condition: ready } : {}),
        DependsOn: logicalId,
        Properties: {
          ...remediationConfigurationProps(rule, {
            configRuleName: name,
            assumeRoleArn: sub(
              `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${remediationRoleBaseName(rule)}-\${AWS::Region}`,
            ),
            staticValues: statics as Record<string, { Ref: string } | string | string[]>,
          }),
          // The switches are pack parameters, so the deployer sets them per account or organization.
          Automatic: ifElse(automatic, true, false),
          MaximumAutomaticAttempts: ref('RemediationMaximumAutomaticAttempts'),
          RetryAttemptSeconds: ref('RemediationRetryAttemptSeconds'),
        },
      };
    }
  }

  const parameterCount = Object.keys(P).length;
  if (parameterCount > MAX_PARAMETERS || Object.keys(R).length > MAX_RESOURCES) {
    throw new PackLimitError(
      `The ${variant} pack needs ${parameterCount} parameters and ${Object.keys(R).length} resources; ` +
        `CloudFormation allows ${MAX_PARAMETERS} and ${MAX_RESOURCES}. Split the selection with -c rules=...`,
    );
  }
  const unmapped =
    variant === 'fsbp' ? selected.filter((s) => !primaryControl(s.rule)).map((s) => s.rule.id) : [];
  return { template, comments, header: headerLines(variant, ordered.length, unmapped) };
}

/**
 * The values a deployer gives the pack are known only when it is deployed, and AWS Config then
 * refuses a rule whose parameters exceed 1,024 characters. What is known here is checked: the
 * defaults, with the longest ExecutionRoleName IAM allows.
 */
function checkPackDefaultsFit(rule: AnyRule): void {
  const defaults = inputParameters(rule);
  const longestRoleName = 'x'.repeat(64);
  const reserved =
    JSON.stringify({ ...defaults, ExecutionRoleName: longestRoleName }).length -
    JSON.stringify(defaults).length;
  checkInputParametersLength(rule.id, defaults, {
    what: 'in the conformance pack, with an ExecutionRoleName of 64 characters',
    characters: reserved,
  });
}

function parameterSpec(spec: ParamSpec): Record<string, unknown> {
  const base = { Type: 'String', Description: spec.description };
  switch (spec.type) {
    case 'boolean':
      return { ...base, AllowedValues: ['true', 'false'], Default: String(spec.default) };
    case 'enum':
      return { ...base, AllowedValues: [...spec.values], Default: spec.default };
    case 'integer':
      return { ...base, AllowedPattern: '^-?\\d+$', Default: String(spec.default) };
    case 'stringList':
      return { ...base, Default: spec.default.join(',') };
    case 'string':
      return { ...base, Default: spec.default };
  }
}

interface ControlGroup {
  id: string;
  label: string;
  comment: string;
}

/** The Security Hub control a rule without a parity mode is filed under: its first. */
function primaryControl(rule: AnyRule) {
  return rule.controls.filter((c) => c.framework === 'Security Hub')[0];
}

/**
 * The FSBP deployments: each rule once per parity mode (the values of its mappings' `parity`, or its
 * defaults for an equivalent mapping), filed under the controls that mode reproduces. A rule with no
 * parity mode is deployed once with its defaults, under its first control, its relation stated.
 */
function groupByControl(selected: ReturnType<typeof resolveRules>) {
  const out: (ReturnType<typeof resolveRules>[number] & {
    control: ControlGroup;
    fixed: Record<string, string>;
  })[] = [];
  for (const s of selected) {
    const hub = s.rule.controls.filter((c) => c.framework === 'Security Hub');
    if (hub.length === 0) continue;
    const modes = new Map<string, { fixed: Record<string, string>; controls: ControlMapping[] }>();
    for (const c of hub) {
      if (!c.parity && c.relation !== 'equivalent') continue;
      const fixed = { ...(c.parity ?? {}) };
      const key = JSON.stringify(Object.entries(fixed).sort());
      const mode = modes.get(key) ?? { fixed, controls: [] };
      mode.controls.push(c);
      modes.set(key, mode);
    }
    for (const { fixed, controls } of modes.values()) {
      const first = controls[0]!;
      const ids = controls.map((c) => c.id).join(', ');
      const how = Object.keys(fixed).length
        ? Object.entries(fixed)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : 'defaults';
      out.push({
        ...s,
        fixed,
        control: {
          id: first.id,
          label: `FSBP ${ids} parity`,
          comment: ` Security Hub FSBP ${ids}: ${s.rule.id} in parity mode (${how})`,
        },
      });
    }
    if (modes.size === 0) {
      const primary = primaryControl(s.rule)!;
      const others = hub.filter((c) => c !== primary).map((c) => `${c.id} ${c.relation}`);
      out.push({
        ...s,
        fixed: {},
        control: {
          id: primary.id,
          label: `FSBP ${primary.id} ${primary.relation}${others.length ? `; also ${others.join(', ')}` : ''}`,
          comment: ` Security Hub FSBP ${primary.id}: ${s.rule.id} (${primary.relation}, defaults)${primary.note ? ` - ${primary.note}` : ''}`,
        },
      });
    }
  }
  return out.sort(
    (a, b) => compareControls(a.control.id, b.control.id) || a.rule.id.localeCompare(b.rule.id),
  );
}

/** ELB.2 before ELB.10. */
function compareControls(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function headerLines(variant: PackVariant, count: number, unmapped: string[]): string[] {
  return [
    variant === 'fsbp'
      ? ' elb-config-rules conformance pack, grouped by AWS Foundational Security Best Practices control.'
      : ' elb-config-rules conformance pack.',
    ` Generated from the rule registry by \`npm run conformance-pack\`; do not edit. ${count} rule(s).`,
    ' The functions (and remediation documents and roles) must exist first: deploy the member-account',
    ' template with StackSets, or the central-account stack and set LambdaAccountId and ExecutionRoleName.',
    ...(unmapped.length ? [` Not in this variant (no Security Hub control): ${unmapped.join(', ')}.`] : []),
    ' See the Deploy section of README.md.',
  ];
}
