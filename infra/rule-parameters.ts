// Rule parameters for deployment: typed values from stack props or cdk context, validated with the
// engine's own parser (so synth fails with the same message a bad invocation would), and rendered
// as the strings AWS Config passes to the function.
import { ruleParameters } from '../rules/engine/judge.js';
import { InvalidParameterError, type ParamSpec } from '../rules/engine/parameters.js';
import type { AnyRule } from '../rules/engine/rule.js';

export type ParameterInput = string | number | boolean | readonly string[];
/** Per rule id, per parameter name: the values to deploy; absent ones take the registry default. */
export type RuleParameterOverrides = Readonly<Record<string, Readonly<Record<string, ParameterInput>>>>;

export class DeploymentConfigError extends Error {
  override name = 'DeploymentConfigError';
}

/** The InputParameters of one rule: every parameter, defaults filled in, as Config's strings. */
export function inputParameters(rule: AnyRule, overrides: Readonly<Record<string, ParameterInput>> = {}) {
  const raw = Object.fromEntries(
    Object.entries(overrides).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]),
  );
  let parsed: Record<string, unknown>;
  try {
    parsed = ruleParameters(rule, raw) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof InvalidParameterError)
      throw new DeploymentConfigError(`Rule ${rule.id}: ${error.message}`);
    throw error;
  }
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(rule.parameters as Record<string, ParamSpec>)) {
    out[name] = formatParameter(spec, parsed[name]);
  }
  return out;
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
