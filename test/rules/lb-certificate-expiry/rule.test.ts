// Expiry judged against the evaluation time, for ACM and IAM certificates.
import { describe, expect, it } from 'vitest';
import { annotationOf } from '../../../rules/core/engine/annotation.js';
import { rule as expiry } from '../../../rules/lb-certificate-expiry/rule.js';
import { ACM_ARN, acm, alb, evaluate, https } from '../../support/certificate-models.js';

describe('lb-certificate-expiry', () => {
  const lb = alb('web');
  const listener = https(lb, 443, 'x', [ACM_ARN]);
  it.each([
    [acm({}), {}, 'COMPLIANT', /Every certificate valid for at least 30 days: 191 days \(2027-06-01\)/],
    [
      acm({ notAfter: '2026-12-03T00:00:00.000Z' }),
      {},
      'NON_COMPLIANT',
      new RegExp(
        `^${ACM_ARN} on HTTPS:443 expires in 11 day\\(s\\) \\(2026-12-03\\); minDaysToExpiry is 30$`,
      ),
    ],
    [acm({ notAfter: '2026-12-03T00:00:00.000Z' }), { minDaysToExpiry: '7' }, 'COMPLIANT', /11 days/],
    [
      acm({ notAfter: '2026-11-01T00:00:00.000Z', status: 'EXPIRED' }),
      {},
      'NON_COMPLIANT',
      /is EXPIRED, not ISSUED/,
    ],
    [
      acm({ notAfter: '2026-11-01T00:00:00.000Z', source: 'iam', status: undefined }),
      {},
      'NON_COMPLIANT',
      /expired 21 day\(s\) ago \(2026-11-01\)/,
    ],
    [
      acm({ status: 'PENDING_VALIDATION', notAfter: undefined }),
      {},
      'NON_COMPLIANT',
      /is PENDING_VALIDATION, not ISSUED/,
    ],
    [acm({ found: false }), {}, 'NON_COMPLIANT', /does not exist in ACM/],
  ] as const)('%j %j → %s', (cert, raw, expected, annotation) => {
    const outcome = evaluate(expiry, lb, listener, { [ACM_ARN]: cert }, raw);
    expect(outcome.compliance).toBe(expected);
    expect(annotationOf(outcome)).toMatch(annotation);
  });
});
