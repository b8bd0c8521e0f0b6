// Stand-in for the remediation work's infra/remediation-configuration.ts (same export name and
// signature), until that lands: the AWS::Config::RemediationConfiguration properties of a rule,
// in CloudFormation casing, or undefined for a rule without a remediation link.
import type { AnyRule } from '../../rules/engine/rule.js';
import type { CfnValue } from '../config-rule.js';

export interface RemediationOptions {
  configRuleName: CfnValue;
  /** ARN of the role SSM Automation assumes (the document's AutomationAssumeRole). */
  automationAssumeRoleArn: CfnValue;
  /** Off unless switched on per rule: a fix is a change to production. */
  automatic?: CfnValue;
  maximumAutomaticAttempts?: CfnValue;
  retryAttemptSeconds?: CfnValue;
  concurrentExecutionRatePercentage?: CfnValue;
  errorPercentage?: CfnValue;
  /** Values for the document's static parameters; absent ones take the rule's defaults. */
  staticParameters?: Record<string, CfnValue>;
}

export const REMEDIATION_DEFAULTS = {
  maximumAutomaticAttempts: 3,
  retryAttemptSeconds: 600,
  concurrentExecutionRatePercentage: 10,
  errorPercentage: 10,
} as const;

export class RemediationConfigError extends Error {
  override name = 'RemediationConfigError';
}

export function remediationConfigurationProps(
  rule: AnyRule,
  options: RemediationOptions,
): Record<string, CfnValue> | undefined {
  const link = rule.remediation;
  if (!link) return undefined;
  const statics = options.staticParameters ?? {};
  for (const name of Object.keys(statics)) {
    if (!(name in link.staticParameters)) {
      throw new RemediationConfigError(
        `Rule ${rule.id}: unknown remediation parameter "${name}". Expected one of: ${Object.keys(link.staticParameters).join(', ') || '(none)'}.`,
      );
    }
  }
  checkRange(rule, 'maximumAutomaticAttempts', options.maximumAutomaticAttempts, 1, 25);
  checkRange(rule, 'retryAttemptSeconds', options.retryAttemptSeconds, 1, 2_678_000);
  checkRange(rule, 'concurrentExecutionRatePercentage', options.concurrentExecutionRatePercentage, 1, 100);
  checkRange(rule, 'errorPercentage', options.errorPercentage, 1, 100);

  const parameters: Record<string, CfnValue> = {
    AutomationAssumeRole: { StaticValue: { Values: [options.automationAssumeRoleArn] } },
    [link.resourceIdParameter]: { ResourceValue: { Value: 'RESOURCE_ID' } },
  };
  for (const [name, spec] of Object.entries(link.staticParameters)) {
    parameters[name] = { StaticValue: { Values: [statics[name] ?? spec.default] } };
  }
  return {
    ConfigRuleName: options.configRuleName,
    TargetType: 'SSM_DOCUMENT',
    TargetId: link.documentName,
    // A document fixes one resource type; a rule reporting on several leaves it to the document.
    ...(rule.resourceTypes.length === 1 ? { ResourceType: rule.resourceTypes[0] } : {}),
    Parameters: parameters,
    Automatic: options.automatic ?? false,
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

function checkRange(rule: AnyRule, name: string, value: CfnValue, min: number, max: number): void {
  if (typeof value !== 'number') return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RemediationConfigError(
      `Rule ${rule.id}: remediation ${name} must be a whole number from ${min} to ${max}; got ${value}.`,
    );
  }
}
