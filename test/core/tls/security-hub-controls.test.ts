// The presets reproduce the Security Hub control text quoted, with its source and date, in docs/tls-controls.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ELBV2_CATALOG } from '../../../rules/core/tls/catalog.js';
import { NO_DESCRIBED_POLICIES } from '../../../rules/core/tls/lookup.js';
import {
  SECURITY_HUB_ELB8_POLICY,
  SECURITY_HUB_ELB17_POLICIES,
} from '../../../rules/core/tls/requirements.js';
import { rule as elbv2Tls } from '../../../rules/elbv2-tls-policy/rule.js';
import { run } from '../../support/tls-items.js';

const doc = readFileSync(new URL('../../../docs/tls-controls.md', import.meta.url), 'utf8');

/** The backquoted value of the quoted "**Parameters:**" line under a control's heading. */
function quotedParameter(control: string, name: string): string[] {
  const section = doc.split(/^## /m).find((s) => s.startsWith(`${control}:`));
  if (!section) throw new Error(`docs/tls-controls.md has no section for ${control}`);
  expect(section).toMatch(
    /^Source: [^>]*?<https:\/\/docs\.aws\.amazon\.com\/securityhub\/[^>]+>, read on \d{4}-\d{2}-\d{2}\./m,
  );
  const quote = section.match(new RegExp(`^> .*\`${name}\`: \`([^\`]+)\` \\(not customizable\\)`, 'm'));
  if (!quote?.[1]) throw new Error(`the ${control} quote names no ${name}`);
  return quote[1].split(',').map((p) => p.trim());
}

describe('Security Hub presets against the quoted control text', () => {
  it('securityhub-elb17 accepts exactly the ELB.17 sslPolicies', () => {
    const quoted = quotedParameter('ELB.17', 'sslPolicies');
    expect(quoted).toHaveLength(8);
    expect([...SECURITY_HUB_ELB17_POLICIES].sort()).toEqual([...quoted].sort());
    expect(quoted).not.toContain('ELBSecurityPolicy-TLS13-1-2-2021-06');
    for (const name of quoted) expect(ELBV2_CATALOG.has(name), name).toBe(true);
  });

  it('the rule under preset securityhub-elb17 passes each quoted policy and fails every other catalogued one', () => {
    const quoted = new Set(quotedParameter('ELB.17', 'sslPolicies'));
    for (const name of ELBV2_CATALOG.keys()) {
      const lb = {
        kind: 'application',
        resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        resourceId:
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop/50dc6c495c0c9188',
        scheme: 'internet-facing',
      };
      const listeners = [{ arn: 'l-443', protocol: 'HTTPS', port: 443, sslPolicy: name, defaultActions: [] }];
      const outcome = run(
        elbv2Tls,
        { lb, listeners, tlsPolicies: NO_DESCRIBED_POLICIES },
        { preset: 'securityhub-elb17' },
      );
      expect(outcome.compliance, name).toBe(quoted.has(name) ? 'COMPLIANT' : 'NON_COMPLIANT');
    }
  });

  it('securityhub-elb8 is the ELB.8 predefinedPolicyName', () => {
    expect(quotedParameter('ELB.8', 'predefinedPolicyName')).toEqual([SECURITY_HUB_ELB8_POLICY]);
  });
});
