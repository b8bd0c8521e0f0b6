// The hook's settings, from the function's environment (set by infra/template-hook.ts). They are
// read once, at cold start; a bad value names its variable and the expected form.
import { parameterStoreReferences } from '../../rules/core/engine/parameter-store.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { InputError } from '../../rules/core/model/errors.js';
import { RULES, selectRules } from '../../rules/index.js';
import { prepareRules } from '../cli/audit/audit.js';

export const HOOK_ENV = {
  rules: 'ENFORCED_RULES',
  parameters: 'RULE_PARAMETERS',
  failOnUnknown: 'FAIL_ON_UNKNOWN',
} as const;

export interface HookConfig {
  rules: AnyRule[];
  parameters: Record<string, Record<string, unknown>>;
  /** Fail closed: a value unknown before deployment blocks as a finding does. */
  failOnUnknown: boolean;
}

export class HookConfigError extends InputError {
  override name = 'HookConfigError';
}

export function hookConfig(env: Readonly<Record<string, string | undefined>>): HookConfig {
  const ids = (env[HOOK_ENV.rules] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    fail(
      HOOK_ENV.rules,
      env[HOOK_ENV.rules],
      `comma-separated rule ids (${RULES.map((r) => r.id).join(', ')})`,
    );
  let rules: AnyRule[];
  try {
    rules = selectRules(ids);
  } catch (error) {
    throw new HookConfigError(`${HOOK_ENV.rules}: ${(error as Error).message}`);
  }
  const parameters = parametersOf(env[HOOK_ENV.parameters]);
  for (const [id, raw] of Object.entries(parameters)) {
    const rule = rules.find((r) => r.id === id);
    if (!rule)
      throw new HookConfigError(
        `${HOOK_ENV.parameters}: rule "${id}" is not in ${HOOK_ENV.rules} (${ids.join(', ')})`,
      );
    if (parameterStoreReferences(rule.parameters, raw).length)
      throw new HookConfigError(
        `${HOOK_ENV.parameters}: ${id}: an ssm: value needs Parameter Store, which the hook does not read; give the list inline`,
      );
  }
  try {
    prepareRules(rules, parameters);
  } catch (error) {
    throw new HookConfigError(`${HOOK_ENV.parameters}: ${(error as Error).message}`);
  }
  const failOnUnknown = env[HOOK_ENV.failOnUnknown] ?? 'false';
  if (failOnUnknown !== 'true' && failOnUnknown !== 'false')
    fail(HOOK_ENV.failOnUnknown, failOnUnknown, '"true" or "false"');
  return { rules, parameters, failOnUnknown: failOnUnknown === 'true' };
}

function parametersOf(text: string | undefined): Record<string, Record<string, unknown>> {
  if (text === undefined || text.trim() === '') return {};
  const expected = 'a JSON object {"<rule id>": {"<parameter>": value}}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail(HOOK_ENV.parameters, text, expected);
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(parsed) || !Object.values(parsed).every(isObject)) fail(HOOK_ENV.parameters, text, expected);
  return parsed as Record<string, Record<string, unknown>>;
}

function fail(variable: string, value: string | undefined, expected: string): never {
  throw new HookConfigError(`${variable} must be ${expected}; got ${JSON.stringify(value ?? null)}`);
}
