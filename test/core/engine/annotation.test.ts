import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMIT, annotationOf, cut, joinFindings } from '../../../rules/core/engine/annotation.js';

describe('annotations', () => {
  it('keeps short text as it is', () => {
    expect(cut('HTTP:80 forwards')).toBe('HTTP:80 forwards');
  });

  it('cuts long text to 256 characters with a visible ellipsis', () => {
    const text = cut('x'.repeat(400));
    expect(text).toHaveLength(ANNOTATION_LIMIT);
    expect(text.endsWith('…')).toBe(true);
  });

  it('keeps whole findings while they fit and counts the rest', () => {
    const findings = Array.from(
      { length: 20 },
      (_, i) => `HTTP:${8000 + i} default action forwards HTTP to targetgroup/web-${i}`,
    );
    const text = joinFindings(findings);
    expect(text.length).toBeLessThanOrEqual(ANNOTATION_LIMIT);
    const kept = text.split('; ').length;
    expect(text).toMatch(new RegExp(`\\(\\+${20 - kept} more\\)$`));
    expect(text.startsWith(findings[0]!)).toBe(true);
  });

  it('cuts a single oversized finding visibly and still counts the others', () => {
    const text = joinFindings(['y'.repeat(300), 'second']);
    expect(text.length).toBeLessThanOrEqual(ANNOTATION_LIMIT);
    expect(text).toMatch(/…\s?\(\+1 more\)$/);
  });

  it('joins a few findings without a counter', () => {
    expect(annotationOf({ compliance: 'NON_COMPLIANT', findings: ['a', 'b'] })).toBe('a; b');
  });

  it('counts astral characters as one each', () => {
    const text = cut('🔒'.repeat(300));
    expect(Array.from(text)).toHaveLength(ANNOTATION_LIMIT);
  });
});
