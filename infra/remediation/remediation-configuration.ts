// Stand-in for the remediation branch's infra/remediation-configuration.ts, with the same export
// names, option names, defaults and checks, so the lead can point the two imports at that file and
// delete this one at merge. Pure: the CDK stack and the conformance pack both render its result.
import type { AnyRule } from '../../rules/engine/rule.js';

/** A literal string, or a CloudFormation intrinsic ({ Ref }, { 'Fn::GetAtt' }, ...) or CDK token. */
export type CfnString = string | { readonly [intrinsic: string]: unknown };

export interface RemediationOptions {
  /** Role the document assumes (its AutomationAssumeRole). */
  assumeRoleArn: CfnString;
  /** Whether Config remediates by itself. Default false. */
  automatic?: boolean;
  /** Attempts within RetryAttemptSeconds (1-25). Default 5. */
  maximumAutomaticAttempts?: number;
  /** Window for those attempts, in seconds (1-2678000). Default 60. */
  retryAttemptSeconds?: number;
  /** Most resources remediated at once, percent (1-100). Default 10. */
  concurrentExecutionRatePercentage?: number;
  /** Error rate at which SSM stops, percent (1-100). Default 10. */
  errorPercentage?: number;
  /** Values of the document's static parameters; each defaults to the link's default. */
  staticValues?: Readonly<Record<string, CfnString>>;
  /** Name of the Config rule in this deployment. Default: the rule id. */
  configRuleName?: CfnString;
}

type ParameterValue = { ResourceValue: { Value: 'RESOURCE_ID' } } | { StaticValue: { Values: CfnString[] } };

export interface RemediationConfigurationProps {
  ConfigRuleName: CfnString;
  TargetType: 'SSM_DOCUMENT';
  TargetId: CfnString;
  ResourceType?: string;
  Parameters: Record<string, ParameterValue>;
  Automatic: boolean;
  MaximumAutomaticAttempts: number;
  RetryAttemptSeconds: number;
  ExecutionControls: {
    SsmControls: { ConcurrentExecutionRatePercentage: number; ErrorPercentage: number };
  };
}

export class RemediationOptionsError extends Error {
  override name = 'RemediationOptionsError';
}

export const REMEDIATION_DEFAULTS = {
  automatic: false,
  maximumAutomaticAttempts: 5,
  retryAttemptSeconds: 60,
  concurrentExecutionRatePercentage: 10,
  errorPercentage: 10,
} as const;

export function remediationConfigurationProps(
  rule: AnyRule,
  options: RemediationOptions,
): RemediationConfigurationProps {
  const link = rule.remediation;
  if (!link) throw new RemediationOptionsError(`Rule ${rule.id} has no remediation to configure`);
  const problems = [
    ...checkRange('maximumAutomaticAttempts', options.maximumAutomaticAttempts, 1, 25),
    ...checkRange('retryAttemptSeconds', options.retryAttemptSeconds, 1, 2_678_000),
    ...checkRange('concurrentExecutionRatePercentage', options.concurrentExecutionRatePercentage, 1, 100),
    ...checkRange('errorPercentage', options.errorPercentage, 1, 100),
  ];
  const parameters: Record<string, ParameterValue> = {
    AutomationAssumeRole: { StaticValue: { Values: [options.assumeRoleArn] } },
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
    parameters[name] = { StaticValue: { Values: [given[name] ?? spec.default] } };
  }
  if (problems.length) {
    throw new RemediationOptionsError(`Remediation of rule ${rule.id}:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    ConfigRuleName: options.configRuleName ?? rule.id,
    TargetType: 'SSM_DOCUMENT',
    TargetId: link.documentName,
    // A document fixes one resource type; a rule reporting on several leaves it to the document.
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

function checkRange(name: string, value: number | undefined, min: number, max: number): string[] {
  if (value === undefined) return [];
  if (!Number.isInteger(value) || value < min || value > max) {
    return [`${name} must be an integer from ${min} to ${max}; got ${value}`];
  }
  return [];
}
