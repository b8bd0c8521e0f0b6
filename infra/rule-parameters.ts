// Rule parameters for deployment: typed values from stack props or cdk context, validated with the
// engine's own parser (so synth fails with the same message a bad invocation would), and rendered
// as the strings AWS Config passes to the function.

import { ruleParameters } from '../rules/core/engine/judge.js';
import {
  PARAMETER_STORE_PREFIX,
  type ParameterReference,
  splitParameterStoreReferences,
} from '../rules/core/engine/parameter-store.js';
import { InvalidParameterError, type ParamSpec, type ParamValues } from '../rules/core/engine/parameters.js';
import type { AnyRule } from '../rules/core/engine/rule.js';
import { ElbConfigRulesError } from '../rules/core/model/errors.js';

export type ParameterInput = string | number | boolean | readonly string[];
/** Per rule id, per parameter name: the values to deploy; absent ones take the registry default. */
export type RuleParameterOverrides = Readonly<Record<string, Readonly<Record<string, ParameterInput>>>>;

export class DeploymentConfigError extends ElbConfigRulesError {
  override name = 'DeploymentConfigError';
}

/** AWS Config's limit on ConfigRule.InputParameters, all of a rule's parameters as one JSON string. */
export const MAX_INPUT_PARAMETERS = 1024;

/**
 * The InputParameters of one rule: every parameter, defaults filled in, as Config's strings. A list
 * given as ssm:/path stays a reference (the function reads it); the rest is validated here, and the
 * whole must fit Config's 1,024 characters.
 */
export function inputParameters(rule: AnyRule, overrides: Readonly<Record<string, ParameterInput>> = {}) {
  const raw = Object.fromEntries(
    Object.entries(overrides).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]),
  );
  const { values, references } = deployedValues(rule, raw);
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(rule.parameters as Record<string, ParamSpec>)) {
    const reference = references.find((r) => r.parameter === name);
    out[name] = reference
      ? `${PARAMETER_STORE_PREFIX}${reference.path}`
      : formatParameter(spec, (values as Record<string, unknown>)[name]);
  }
  checkInputParametersLength(rule.id, out);
  return out;
}

/**
 * Parameters as deployed: the values known at synth, validated, and the lists read from Parameter
 * Store at run time (their values here are the defaults; the function validates the content).
 */
export function deployedValues(
  rule: AnyRule,
  raw: Readonly<Record<string, unknown>>,
): { values: ParamValues<AnyRule['parameters']>; references: ParameterReference[] } {
  try {
    const { inline, references } = splitParameterStoreReferences(rule.parameters, raw);
    return { values: ruleParameters(rule, inline), references };
  } catch (error) {
    if (error instanceof InvalidParameterError)
      throw new DeploymentConfigError(`Rule ${rule.id}: ${error.message}`);
    throw error;
  }
}

/**
 * Refuses parameters AWS Config would refuse at deploy time: their JSON over 1,024 characters.
 * `reserved` counts what is added later (a conformance pack's ExecutionRoleName).
 */
export function checkInputParametersLength(
  ruleId: string,
  parameters: Readonly<Record<string, string>>,
  reserved: { what: string; characters: number } = { what: '', characters: 0 },
): void {
  const length = JSON.stringify(parameters).length + reserved.characters;
  if (length <= MAX_INPUT_PARAMETERS) return;
  const longest = Object.entries(parameters)
    .filter(([, value]) => !value.startsWith(PARAMETER_STORE_PREFIX))
    .sort(([, a], [, b]) => b.length - a.length)
    .slice(0, 3)
    .filter(([, value]) => value.length > 0);
  const named = longest.map(([name, value]) => `${name} (${value.length} characters)`).join(', ');
  const example = longest[0]?.[0] ?? 'the list';
  throw new DeploymentConfigError(
    `Rule ${ruleId}: its parameters take ${length} characters as AWS Config's InputParameters` +
      `${reserved.characters ? ` (${reserved.what})` : ''}, over the limit of ${MAX_INPUT_PARAMETERS} characters ` +
      `per rule (ConfigRule.InputParameters). Longest: ${named}. Keep a long list in SSM Parameter Store and ` +
      `set ${example} to ssm:/path/to/parameter (docs/deploy.md, "Long lists: SSM Parameter Store").`,
  );
}

/** A parameter value as AWS Config carries it: always a string, lists comma-separated. */
export function formatParameter(spec: ParamSpec, value: unknown): string {
  if (spec.type === 'stringList') return (value as readonly string[]).join(',');
  return String(value);
}

/** Refuses overrides for rules that are not deployed, so a typo cannot be silently ignored. */
export function checkOverridesTarget(
  overrides: Readonly<Record<string, unknown>>,
  deployed: readonly AnyRule[],
  what: string,
): void {
  const ids = new Set(deployed.map((r) => r.id));
  for (const id of Object.keys(overrides)) {
    if (!ids.has(id)) {
      throw new DeploymentConfigError(
        `${what} names rule "${id}", which is not deployed. Deployed rules: ${[...ids].join(', ')}.`,
      );
    }
  }
}
