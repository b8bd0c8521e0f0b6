// The hook's environment is checked at cold start; each bad value names its variable.
import { describe, expect, it } from 'vitest';
import { hookConfig } from '../../bin/hook/config.js';

describe('hookConfig', () => {
  it('reads the enforced rules, their parameters and the unknown-value stance', () => {
    const config = hookConfig({
      ENFORCED_RULES: 'alb-https-only, lb-internet-facing-approved',
      RULE_PARAMETERS: '{"alb-https-only": {"allowFixedResponse": "false"}}',
      FAIL_ON_UNKNOWN: 'true',
    });
    expect(config.rules.map((r) => r.id)).toEqual(['alb-https-only', 'lb-internet-facing-approved']);
    expect(config.parameters).toEqual({ 'alb-https-only': { allowFixedResponse: 'false' } });
    expect(config.failOnUnknown).toBe(true);
    expect(hookConfig({ ENFORCED_RULES: 'alb-https-only' }).failOnUnknown).toBe(false);
  });

  it.each([
    [{}, /^ENFORCED_RULES must be comma-separated rule ids \(alb-https-only, .*\); got null$/],
    [{ ENFORCED_RULES: ' , ' }, /^ENFORCED_RULES must be comma-separated rule ids/],
    [{ ENFORCED_RULES: 'alb-https-onyl' }, /^ENFORCED_RULES: Unknown rule "alb-https-onyl"/],
    [{ ENFORCED_RULES: 'alb-https-only', RULE_PARAMETERS: '{' }, /^RULE_PARAMETERS must be a JSON object/],
    [
      { ENFORCED_RULES: 'alb-https-only', RULE_PARAMETERS: '{"alb-https-only": 1}' },
      /^RULE_PARAMETERS must be a JSON object/,
    ],
    [
      { ENFORCED_RULES: 'alb-https-only', RULE_PARAMETERS: '{"clb-tls-policy": {}}' },
      /^RULE_PARAMETERS: rule "clb-tls-policy" is not in ENFORCED_RULES/,
    ],
    [
      {
        ENFORCED_RULES: 'lb-internet-facing-approved',
        RULE_PARAMETERS: '{"lb-internet-facing-approved": {"approvalTagKey": 5, "nope": 1}}',
      },
      /^RULE_PARAMETERS: /,
    ],
    [
      { ENFORCED_RULES: 'alb-https-only', FAIL_ON_UNKNOWN: 'yes' },
      /^FAIL_ON_UNKNOWN must be "true" or "false"; got "yes"$/,
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => hookConfig(env)).toThrow(message);
  });
});
