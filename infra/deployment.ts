// The typed settings every stack shares: which rules, their parameters, the functions, remediation.

import type { AnyRule } from '../rules/engine/rule.js';
import { selectRules } from '../rules/index.js';
import type { FunctionSettings } from './rule-function.js';
import {
  checkOverridesTarget,
  DeploymentConfigError,
  inputParameters,
  type RuleParameterOverrides,
} from './rule-parameters.js';

export interface RemediationSetting {
  /** Run the fix without a human. Default false. */
  automatic?: boolean;
  maximumAutomaticAttempts?: number;
  retryAttemptSeconds?: number;
  concurrentExecutionRatePercentage?: number;
  errorPercentage?: number;
  /** Values for the remediation document's static parameters. */
  parameters?: Record<string, string>;
}

export interface RuleSelectionProps {
  /** Rule ids to deploy; all registered rules when absent or empty. */
  rules?: readonly string[];
  /** Per rule id: parameter values; the rest take the registry defaults. */
  ruleParameters?: RuleParameterOverrides;
  functions?: FunctionSettings;
}

/** The selected rules with their validated InputParameters; throws a clear error on any bad input. */
export function resolveRules(
  props: RuleSelectionProps,
): { rule: AnyRule; parameters: Record<string, string> }[] {
  let rules: AnyRule[];
  try {
    rules = selectRules(props.rules);
  } catch (error) {
    throw new DeploymentConfigError((error as Error).message);
  }
  const overrides = props.ruleParameters ?? {};
  checkOverridesTarget(overrides, rules, 'ruleParameters');
  return rules.map((rule) => ({ rule, parameters: inputParameters(rule, overrides[rule.id]) }));
}
