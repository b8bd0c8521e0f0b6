import { describe, expect, it } from 'vitest';
import { rule as dropInvalidHeaders } from '../../../rules/alb-drop-invalid-headers/rule.js';
import { albWith, judgeWith } from '../../fixtures/network-items.js';

describe('alb-drop-invalid-headers (ELB.4)', () => {
  it.each([
    [{ 'routing.http.drop_invalid_header_fields.enabled': 'true' }, 'COMPLIANT', /is true/],
    [
      { 'routing.http.drop_invalid_header_fields.enabled': 'false' },
      'NON_COMPLIANT',
      /routing\.http\.drop_invalid_header_fields\.enabled is false; set it to true/,
    ],
    [{}, 'NON_COMPLIANT', /is not set \(the default, false/],
  ] as const)('%j → %s', async (attrs, expected, annotation) => {
    const { lb, facets } = albWith(attrs);
    const evaluation = await judgeWith(dropInvalidHeaders, lb, facets);
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toMatch(annotation);
  });

  it('does not apply to NLBs', async () => {
    const { lb, facets } = albWith({}, { name: 'nlb', type: 'network' });
    expect((await judgeWith(dropInvalidHeaders, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
  });
});
