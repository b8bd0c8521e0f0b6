// Config keeps at most 256 characters of annotation. Findings are kept whole while they fit, and
// what does not fit is counted ("+2 more") rather than silently dropped.
import type { RuleOutcome } from './outcome.js';

export const ANNOTATION_LIMIT = 256;
const ELLIPSIS = '…';

export function annotationOf(outcome: RuleOutcome, limit = ANNOTATION_LIMIT): string {
  if (outcome.compliance !== 'NON_COMPLIANT') return cut(outcome.annotation, limit);
  return joinFindings(outcome.findings, limit);
}

export function joinFindings(findings: readonly string[], limit = ANNOTATION_LIMIT): string {
  if (findings.length === 1) return cut(findings[0] ?? '', limit);
  let text = '';
  for (let i = 0; i < findings.length; i++) {
    const next = text ? `${text}; ${findings[i]}` : (findings[i] ?? '');
    const remaining = findings.length - i - 1;
    const suffix = remaining ? ` (+${remaining} more)` : '';
    if (next.length + suffix.length <= limit) {
      text = next;
      continue;
    }
    const dropped = findings.length - i;
    const tail = ` (+${dropped} more)`;
    if (text) return cut(text, limit - tail.length) + tail;
    // Not even the first finding fits beside its counter: cut it visibly.
    return (
      cut(findings[0] ?? '', limit - ` (+${findings.length - 1} more)`.length) +
      ` (+${findings.length - 1} more)`
    );
  }
  return text;
}

/** Cuts to `limit` characters with a visible ellipsis. */
export function cut(text: string, limit = ANNOTATION_LIMIT): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  return (
    chars
      .slice(0, Math.max(0, limit - 1))
      .join('')
      .trimEnd() + ELLIPSIS
  );
}
