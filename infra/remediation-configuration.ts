// The properties of an AWS::Config::RemediationConfiguration for a rule, from its RemediationLink and
// deployment options. Pure and free of aws-cdk-lib: the CDK stack passes the result to
// CfnRemediationConfiguration, and the conformance pack writes it into its template as is.

import { childReporting, REPORT_ON } from '../rules/core/engine/per-resource.js';
import type { AnyRule } from '../rules/core/engine/rule.js';
import { ElbConfigRulesError } from '../rules/core/model/errors.js';

/** A literal string, or a CloudFormation intrinsic ({ Ref }, { 'Fn::GetAtt' }, ...) or CDK token. */
export type CfnString = string | { readonly [intrinsic: string]: unknown };

export interface RemediationOptions {
  /** Role the document assumes (its AutomationAssumeRole). */
  assumeRoleArn: CfnString;
  /** Whether Config remediates by itself as soon as the rule finds a resource NON_COMPLIANT. Default false. */
  automatic?: boolean;
  /** Attempts within RetryAttemptSeconds before Config stops trying a resource (1-25). Default 5. */
  maximumAutomaticAttempts?: number;
  /** Window for those attempts, in seconds (1-2678000). Default 60. */
  retryAttemptSeconds?: number;
  /** Most resources remediated at once, as a percentage of the non-compliant ones (1-100). Default 10. */
  concurrentExecutionRatePercentage?: number;
  /** Error rate at which SSM stops the remediation run, as a percentage (1-100). Default 10. */
  errorPercentage?: number;
  /** Values of the document's static parameters (a list for a StringList); each defaults to the link's default. */
  staticValues?: Readonly<Record<string, CfnString | readonly CfnString[]>>;
  /** Name of the Config rule in this deployment. Default: the rule id. */
  configRuleName?: CfnString;
  /** Document name or ARN to target, when the deployment names it differently from the link. */
  documentName?: CfnString;
  /** TargetVersion: the document version to run (e.g. "$DEFAULT"). Omitted by default. */
  documentVersion?: string;
}

type ParameterValue = { ResourceValue: { Value: 'RESOURCE_ID' } } | { StaticValue: { Values: CfnString[] } };

/** CloudFormation property names of AWS::Config::RemediationConfiguration. */
export interface RemediationConfigurationProps {
  ConfigRuleName: CfnString;
  TargetType: 'SSM_DOCUMENT';
  TargetId: CfnString;
  TargetVersion?: string;
  ResourceType?: string;
  Parameters: Record<string, ParameterValue>;
  Automatic: boolean;
  MaximumAutomaticAttempts: number;
  RetryAttemptSeconds: number;
  ExecutionControls: {
    SsmControls: { ConcurrentExecutionRatePercentage: number; ErrorPercentage: number };
  };
}

export class RemediationOptionsError extends ElbConfigRulesError {
  override name = 'RemediationOptionsError';
}

export const REMEDIATION_DEFAULTS = {
  automatic: false,
  maximumAutomaticAttempts: 5,
  retryAttemptSeconds: 60,
  concurrentExecutionRatePercentage: 10,
  errorPercentage: 10,
} as const;

const ASSUME_ROLE_PARAMETER = 'AutomationAssumeRole';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export function remediationConfigurationProps(
  rule: AnyRule,
  options: RemediationOptions,
): RemediationConfigurationProps {
  const link = rule.remediation;
  if (!link) throw new RemediationOptionsError(`Rule ${rule.id} has no remediation to configure`);
  const problems = [
    ...checkRoleArn(options.assumeRoleArn),
    ...checkRange('maximumAutomaticAttempts', options.maximumAutomaticAttempts, 1, 25),
    ...checkRange('retryAttemptSeconds', options.retryAttemptSeconds, 1, 2_678_000),
    ...checkRange('concurrentExecutionRatePercentage', options.concurrentExecutionRatePercentage, 1, 100),
    ...checkRange('errorPercentage', options.errorPercentage, 1, 100),
  ];
  const parameters: Record<string, ParameterValue> = {
    [ASSUME_ROLE_PARAMETER]: { StaticValue: { Values: [options.assumeRoleArn] } },
    [link.resourceIdParameter]: { ResourceValue: { Value: 'RESOURCE_ID' } },
  };
  const given = options.staticValues ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in link.staticParameters)) {
      const known = Object.keys(link.staticParameters);
      problems.push(
        `staticValues.${name} is not a parameter of ${link.documentName}; expected ${known.length ? known.join(', ') : 'none'}`,
      );
    }
  }
  for (const [name, spec] of Object.entries(link.staticParameters)) {
    const value = given[name] ?? spec.default;
    if (value === '') {
      problems.push(`staticValues.${name} is required by ${link.documentName}: ${spec.description}`);
      continue;
    }
    const values: CfnString[] = isList(value) ? [...value] : [value];
    parameters[name] = { StaticValue: { Values: values } };
  }
  problems.push(...remediationParameterProblems(parameters));
  if (problems.length) {
    throw new RemediationOptionsError(`Remediation of rule ${rule.id}:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    ConfigRuleName: options.configRuleName ?? rule.id,
    TargetType: 'SSM_DOCUMENT',
    TargetId: options.documentName ?? link.documentName,
    ...(options.documentVersion ? { TargetVersion: options.documentVersion } : {}),
    ...(rule.resourceTypes.length === 1 ? { ResourceType: rule.resourceTypes[0] } : {}),
    Parameters: parameters,
    Automatic: options.automatic ?? REMEDIATION_DEFAULTS.automatic,
    MaximumAutomaticAttempts:
      options.maximumAutomaticAttempts ?? REMEDIATION_DEFAULTS.maximumAutomaticAttempts,
    RetryAttemptSeconds: options.retryAttemptSeconds ?? REMEDIATION_DEFAULTS.retryAttemptSeconds,
    ExecutionControls: {
      SsmControls: {
        ConcurrentExecutionRatePercentage:
          options.concurrentExecutionRatePercentage ?? REMEDIATION_DEFAULTS.concurrentExecutionRatePercentage,
        ErrorPercentage: options.errorPercentage ?? REMEDIATION_DEFAULTS.errorPercentage,
      },
    },
  };
}

function isList(value: CfnString | readonly CfnString[]): value is readonly CfnString[] {
  return Array.isArray(value);
}

/** AWS Config's limits on a remediation's parameters (config service model). */
export const REMEDIATION_PARAMETER_LIMITS = {
  /** RemediationConfiguration.Parameters: RemediationParameters. */
  parameters: 25,
  /** StaticValue.Values: StaticParameterValues. */
  valuesPerParameter: 25,
  /** Each static value: StringWithCharLimit256. */
  valueLength: 256,
} as const;

/** Every way these parameters break AWS Config's limits, naming the parameter and the limit. */
export function remediationParameterProblems(parameters: Readonly<Record<string, ParameterValue>>): string[] {
  const { parameters: maxParameters, valuesPerParameter, valueLength } = REMEDIATION_PARAMETER_LIMITS;
  const problems: string[] = [];
  const count = Object.keys(parameters).length;
  if (count > maxParameters)
    problems.push(
      `${count} parameters; AWS Config allows at most ${maxParameters} (RemediationConfiguration.Parameters)`,
    );
  for (const [name, value] of Object.entries(parameters)) {
    if (!('StaticValue' in value)) continue;
    const values = value.StaticValue.Values;
    if (values.length > valuesPerParameter)
      problems.push(
        `parameter ${name} has ${values.length} static values; AWS Config allows at most ${valuesPerParameter} (StaticValue.Values)`,
      );
    values.forEach((item, index) => {
      if (!isLiteral(item)) return;
      if (item.length < 1 || item.length > valueLength)
        problems.push(
          `parameter ${name}: static value ${values.length > 1 ? `#${index + 1} ` : ''}is ${item.length} characters; ` +
            `AWS Config allows 1 to ${valueLength} per value (StaticValue.Values). Pass a list as separate values`,
        );
    });
  }
  return problems;
}

/** Literal strings are checked; intrinsics and CDK tokens resolve at deploy time and are not. */
function isLiteral(value: CfnString): value is string {
  return typeof value === 'string' && !value.includes('${');
}

function checkRoleArn(value: CfnString | undefined): string[] {
  if (value === undefined || value === '')
    return ['assumeRoleArn is required: the ARN of the role the document assumes'];
  if (isLiteral(value) && !ROLE_ARN.test(value)) {
    return [`assumeRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>); got "${value}"`];
  }
  return [];
}

function checkRange(name: string, value: number | undefined, min: number, max: number): string[] {
  if (value === undefined) return [];
  if (!Number.isInteger(value) || value < min || value > max) {
    return [`${name} must be an integer from ${min} to ${max}; got ${value}`];
  }
  return [];
}

/** Why a rule's remediation cannot be configured with these rule parameters, if it cannot. */
export function unsupportedRemediation(
  rule: AnyRule,
  ruleParameters: Record<string, unknown>,
): string | undefined {
  const link = rule.remediation;
  if (!link) return undefined;
  const guard = 'unsupportedWhen' in link ? link.unsupportedWhen : undefined;
  if (guard && ruleParameters[guard.parameter] === guard.value) return guard.reason;
  const each = childReporting(rule, ruleParameters);
  // Config hands a document the id of the resource a result is on, and ours take a load balancer.
  if (each)
    return (
      `with reportOn=${ruleParameters[REPORT_ON]} its results are on ${each.resourceType}, ` +
      `and ${link.documentName} takes a load balancer (${link.resourceIdParameter})`
    );
  return undefined;
}
