// The options every judging command shares (audit, scan): which rules, their parameters, the
// report format and file, and the --fail-on gate. All are checked before any work is done.
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { SEVERITIES } from '../../../rules/core/engine/rule.js';
import { selectRules } from '../../../rules/index.js';
import { atOrAbove, type FailOn, isSeverity, parseFailOn } from '../audit/gate.js';
import { checkOutputPath } from '../output.js';
import { UsageError } from '../usage-error.js';
import { FORMATS } from './audit-options.js';

export interface RuleOptions {
  rules?: string[];
  severity?: string;
  param: string[];
  format: string;
  output?: string;
  failOn?: string;
}

export interface CheckedRuleOptions {
  rules: AnyRule[];
  /** --param values as given, per rule id (ssm: references not yet read). */
  rawParameters: Record<string, Record<string, unknown>>;
  failOn?: FailOn;
}

export function checkOutputAndFormat(options: Pick<RuleOptions, 'output' | 'format'>): void {
  checkOutputPath(options.output);
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`--format ${options.format}: expected one of ${FORMATS.join(', ')}`);
  }
}

export function checkRuleOptions(options: RuleOptions): CheckedRuleOptions {
  if (options.rules !== undefined && options.rules.length === 0)
    throw new UsageError(
      '--rules: expected comma-separated rule ids, e.g. alb-https-only,clb-tls-policy; got none (omit --rules for every rule)',
    );
  checkOutputAndFormat(options);
  const failOn = options.failOn === undefined ? undefined : parseFailOn(options.failOn);
  if (options.failOn !== undefined && !failOn)
    throw new UsageError(
      `--fail-on ${options.failOn}: expected NON_COMPLIANT or a severity (${SEVERITIES.join(', ')})`,
    );
  const rules = selectedRules(options);
  return { rules, rawParameters: parseParams(options.param, rules), failOn };
}

function selectedRules(options: Pick<RuleOptions, 'rules' | 'severity'>): AnyRule[] {
  const rules = selectRules(options.rules);
  if (options.severity === undefined) return rules;
  const floor = options.severity.toLowerCase();
  if (!isSeverity(floor))
    throw new UsageError(`--severity ${options.severity}: expected one of ${SEVERITIES.join(', ')}`);
  const kept = atOrAbove(rules, floor);
  if (kept.length === 0)
    throw new UsageError(
      `--severity ${floor}: none of the selected rules is ${floor} or above (${rules.map((r) => `${r.id}: ${r.severity}`).join(', ')})`,
    );
  return kept;
}

/** --param RULE.NAME=VALUE, repeatable. */
export function parseParams(
  entries: readonly string[],
  rules: readonly AnyRule[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)\.([A-Za-z][A-Za-z0-9]*)=(.*)$/s.exec(entry);
    if (!match)
      throw new UsageError(
        `--param ${entry}: expected RULE-ID.PARAMETER=VALUE, e.g. alb-https-only.allowFixedResponse=false`,
      );
    const [, ruleId = '', name = '', value = ''] = match;
    if (!rules.some((r) => r.id === ruleId)) {
      throw new UsageError(
        `--param ${entry}: rule "${ruleId}" is not selected (selected: ${rules.map((r) => r.id).join(', ')})`,
      );
    }
    if (out[ruleId] && name in out[ruleId])
      throw new UsageError(
        `--param ${ruleId}.${name}: given twice; expected one RULE-ID.PARAMETER=VALUE per parameter (a list is comma-separated)`,
      );
    out[ruleId] = { ...out[ruleId], [name]: value };
  }
  return out;
}
