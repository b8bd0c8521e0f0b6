import { describe, expect, it } from 'vitest';
import { rule as deletionProtection } from '../../../rules/lb-deletion-protection/rule.js';
import { albWith, classicWith, judgeWith } from '../../fixtures/network-items.js';

describe('lb-deletion-protection (ELB.6)', () => {
  it.each([
    ['true', 'COMPLIANT'],
    ['false', 'NON_COMPLIANT'],
  ])('deletion_protection.enabled=%s → %s', async (value, expected) => {
    const { lb, facets } = albWith({ 'deletion_protection.enabled': value }, { name: 'gw', type: 'gateway' });
    expect((await judgeWith(deletionProtection, lb, facets)).complianceType).toBe(expected);
  });

  it('does not apply to Classic load balancers, which have no such attribute', async () => {
    const { lb, facets } = classicWith({});
    expect((await judgeWith(deletionProtection, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
  });
});
