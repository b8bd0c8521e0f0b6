// The TLS policy documents and the rules agree: the policies the documents set pass the rules, and
// the ELBv2 document leaves alone exactly the policies the rule accepts.
import { describe, expect, it } from 'vitest';
import { acceptedPoliciesFor, RULE_DEFAULTS, remediation } from '../../rules/elbv2-tls-policy/remediation.js';
import { rule } from '../../rules/elbv2-tls-policy/rule.js';
import { ruleParameters } from '../../rules/engine/judge.js';
import { ELBV2_CATALOG } from '../../rules/tls/catalog.js';
import { judgePolicy, SECURITY_HUB_ELB17_POLICIES } from '../../rules/tls/requirements.js';

describe('elbv2-tls-policy and its document', () => {
  it("copies the rule's default parameters", () => {
    expect(ruleParameters(rule, {})).toEqual(RULE_DEFAULTS);
  });

  it('sets a policy the rule accepts under its defaults and every preset', () => {
    const target = ELBV2_CATALOG.get(remediation.staticParameters.SslPolicy.default);
    expect(target).toBeDefined();
    for (const preset of [undefined, 'securityhub-elb17', 'strict'] as const) {
      expect(judgePolicy(target!, [target!.name], { ...RULE_DEFAULTS, preset }), String(preset)).toEqual({
        ok: true,
      });
    }
  });

  it('accepts by default what the rule accepts by default, and exactly ELB.17 under that preset', () => {
    const accepted = remediation.staticParameters.AcceptedPolicies.default.split(',');
    expect(accepted).toEqual(acceptedPoliciesFor(RULE_DEFAULTS));
    expect(accepted).toContain('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(accepted).not.toContain('ELBSecurityPolicy-2016-08');
    expect(accepted).not.toContain('ELBSecurityPolicy-TLS13-1-0-PQ-2025-09');
    expect(acceptedPoliciesFor({ ...RULE_DEFAULTS, preset: 'securityhub-elb17' })).toEqual(
      [...SECURITY_HUB_ELB17_POLICIES].sort(),
    );
  });

  it('honours allowedPolicies and deniedPolicies', () => {
    const accepted = acceptedPoliciesFor({
      ...RULE_DEFAULTS,
      allowedPolicies: ['ELBSecurityPolicy-2016-08'],
      deniedPolicies: ['ELBSecurityPolicy-TLS13-1-2-2021-06'],
    });
    expect(accepted).toContain('ELBSecurityPolicy-2016-08');
    expect(accepted).not.toContain('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });
});
