// The rule list. Every rule is one line in rules/registry.ts; the CDK stack, the conformance pack, the
// IAM policies, the README rule table and the CLI are all generated from RULES, in that file's order.
// test/rules/index.test.ts fails when a rule folder is not registered.

import type { AnyRule } from './core/engine/rule.js';
import { InputError } from './core/model/errors.js';
import * as registry from './registry.js';

/** In the order of the registry's numbers: a module namespace lists its exports sorted by name. */
export const RULES: readonly AnyRule[] = Object.values(registry);

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}

export class UnknownRuleError extends InputError {
  override name = 'UnknownRuleError';
}

/** Rules by comma-separated ids; every id must exist. */
export function selectRules(ids: readonly string[] | undefined): AnyRule[] {
  if (!ids || ids.length === 0) return [...RULES];
  return ids.map((id) => {
    const rule = findRule(id);
    if (!rule) {
      throw new UnknownRuleError(
        `Unknown rule "${id}". Expected one of: ${RULES.map((r) => r.id).join(', ')}.`,
      );
    }
    return rule;
  });
}
