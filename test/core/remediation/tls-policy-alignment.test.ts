// The TLS policy documents and the rules agree: the policies the documents set pass the rules, and
// the ELBv2 document leaves alone exactly the policies the rule accepts.
import { describe, expect, it } from 'vitest';
import { ruleParameters } from '../../../rules/core/engine/judge.js';
import {
  acceptedPoliciesFor,
  MAX_STATIC_VALUES,
  policyListFor,
  RULE_DEFAULTS,
  setElbv2SslPolicy as remediation,
} from '../../../rules/core/remediation/set-elbv2-ssl-policy/link.js';
import { ELBV2_CATALOG } from '../../../rules/core/tls/catalog.js';
import { judgePolicy, SECURITY_HUB_ELB17_POLICIES } from '../../../rules/core/tls/requirements.js';
import { rule } from '../../../rules/elbv2-tls-policy/rule.js';

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
    expect(remediation.staticParameters.PoliciesAre.default).toBe('accepted');
    const accepted = remediation.staticParameters.Policies.default;
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

describe('the policy list Config passes to the document', () => {
  const presets = ['none', 'securityhub-elb17', 'strict'] as const;
  const versions = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
  const sets = versions.flatMap((minTlsVersion) =>
    presets.flatMap((preset) =>
      [false, true].flatMap((requireForwardSecrecy) =>
        [false, true].flatMap((requireFips) =>
          [false, true].map((requirePostQuantum) => ({
            ...RULE_DEFAULTS,
            minTlsVersion,
            preset,
            requireForwardSecrecy,
            requireFips,
            requirePostQuantum,
          })),
        ),
      ),
    ),
  );

  it('fits StaticValue.Values (at most 25 values of 1 to 256 characters) under every parameter set', () => {
    expect(sets).toHaveLength(96);
    for (const params of sets) {
      const { Policies } = remediation.staticValuesFor(params);
      const where = JSON.stringify(params);
      expect(Array.isArray(Policies), where).toBe(true);
      expect(Policies.length, where).toBeLessThanOrEqual(MAX_STATIC_VALUES);
      for (const value of Policies) expect(value.length, where).toBeLessThanOrEqual(256);
    }
  });

  it('changes exactly the catalogued policies the rule fails, whichever list it sends', () => {
    let rejectedMode = 0;
    for (const params of sets) {
      const { Policies, PoliciesAre } = policyListFor(params);
      const accepted = new Set(acceptedPoliciesFor(params));
      const changes = (name: string) =>
        PoliciesAre === 'accepted' ? !Policies.includes(name) : Policies.includes(name);
      if (PoliciesAre === 'rejected') rejectedMode++;
      for (const name of ELBV2_CATALOG.keys())
        expect(changes(name), `${name} ${JSON.stringify(params)}`).toBe(!accepted.has(name));
    }
    // The permissive sets accept more than 25 policies and must send the rejected ones instead.
    expect(rejectedMode).toBeGreaterThan(0);
  });
});
