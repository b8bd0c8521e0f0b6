// The typed settings every stack shares: which rules, their parameters, the functions, remediation.

import { parameterStoreReferences } from '../rules/core/engine/parameter-store.js';
import type { AnyRule, StaticValue } from '../rules/core/engine/rule.js';
import { selectRules } from '../rules/index.js';
import { ruleFolder } from './paths.js';
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
  /** Values for the remediation document's static parameters; a list for a StringList parameter. */
  parameters?: Record<string, StaticValue>;
}

/** A rule from outside the registry (tests, or your own rules): the rule and its folder (handler.ts, documents). */
export interface RuleSource {
  rule: AnyRule;
  folder: string;
}

export interface RuleSelectionProps {
  /** Rule ids (or rules with their folders) to deploy; all registered rules when absent or empty. */
  rules?: readonly (string | RuleSource)[];
  /** Per rule id: parameter values; the rest take the registry defaults. */
  ruleParameters?: RuleParameterOverrides;
  functions?: FunctionSettings;
}

export interface ResolvedRule extends RuleSource {
  /** InputParameters, validated, defaults filled in. */
  parameters: Record<string, string>;
  /** SSM parameters the function reads list parameters from (ssm:/path values), for its role. */
  parameterStorePaths: string[];
}

/** The selected rules with their validated InputParameters; throws a clear error on any bad input. */
export function resolveRules(props: RuleSelectionProps): ResolvedRule[] {
  let sources: RuleSource[];
  try {
    const wanted = props.rules ?? [];
    sources = wanted.length
      ? wanted.map((w) => (typeof w === 'string' ? registered(selectRules([w])[0]!) : w))
      : selectRules(undefined).map(registered);
  } catch (error) {
    throw new DeploymentConfigError((error as Error).message);
  }
  const seen = new Set<string>();
  for (const { rule } of sources) {
    if (seen.has(rule.id)) throw new DeploymentConfigError(`Rule "${rule.id}" is selected twice.`);
    seen.add(rule.id);
  }
  const overrides = props.ruleParameters ?? {};
  checkOverridesTarget(
    overrides,
    sources.map((s) => s.rule),
    'ruleParameters',
  );
  return sources.map((s) => {
    const parameters = inputParameters(s.rule, overrides[s.rule.id]);
    const references = parameterStoreReferences(s.rule.parameters, parameters);
    return { ...s, parameters, parameterStorePaths: [...new Set(references.map((r) => r.path))] };
  });
}

function registered(rule: AnyRule): RuleSource {
  return { rule, folder: ruleFolder(rule.id) };
}
