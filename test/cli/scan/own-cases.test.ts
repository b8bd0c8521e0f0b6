// Our own infrastructure-code cases cover every rule: each rule the code can decide both passes
// and fails in test/fixtures/code/own; the others are named with what they wait for.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../rules/index.js';
import { expectedVerdicts, FIXTURES, type Verdict } from '../../support/code-on-moto/verdicts.js';

/** Rules whose pass or fail needs what exists only once deployed: the code decides less, or nothing. */
const DECIDED_AFTER_DEPLOYMENT: Record<string, string> = {
  'alb-waf-enabled':
    'a web ACL may be associated outside the code (Firewall Manager, another stack): code can pass, not fail',
  'elbv2-target-encryption': 'reads the registered targets',
  'lb-target-health': 'reads target health',
  'lb-target-sg-restricted': 'reads the registered targets and their security groups',
  'lb-shield-advanced': "reads the account's Shield Advanced subscription",
  'lb-certificate-expiry': 'reads the issued certificate (code decides only "no certificate")',
  'lb-certificate-key-strength': 'reads the issued certificate (code decides only "no certificate")',
  'lb-multi-az': 'reads the Availability Zones AWS reports for the subnets',
  'lb-cross-zone': "reads the target groups' attributes as AWS reports them",
};

const OWN = join(FIXTURES, 'own');
const verdictsByRule = new Map<string, Set<Verdict>>();
for (const file of readdirSync(OWN))
  for (const byRule of Object.values(expectedVerdicts(join(OWN, file))))
    for (const [ruleId, verdict] of Object.entries(byRule)) {
      const seen = verdictsByRule.get(ruleId) ?? new Set<Verdict>();
      seen.add(verdict);
      verdictsByRule.set(ruleId, seen);
    }

describe('our own infrastructure-code cases', () => {
  it.each(RULES.map((r) => r.id))('%s has a case of its own', (ruleId) => {
    const seen = [...(verdictsByRule.get(ruleId) ?? [])].sort();
    if (ruleId in DECIDED_AFTER_DEPLOYMENT) expect(seen.length).toBeGreaterThan(0);
    else expect(seen).toEqual(expect.arrayContaining(['COMPLIANT', 'NON_COMPLIANT']));
  });

  it('names only rules that exist as decided after deployment', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(Object.keys(DECIDED_AFTER_DEPLOYMENT).filter((id) => !ids.has(id))).toEqual([]);
  });
});
