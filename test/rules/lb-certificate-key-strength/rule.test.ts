// Key sizes in both ACM spellings.
import { describe, expect, it } from 'vitest';
import { annotationOf } from '../../../rules/core/engine/annotation.js';
import { parseKeyAlgorithm } from '../../../rules/core/tls/certificate-key.js';
import { rule as keyStrength } from '../../../rules/lb-certificate-key-strength/rule.js';
import { ACM_ARN, acm, alb, evaluate, https } from '../../support/certificate-models.js';

describe('lb-certificate-key-strength', () => {
  const lb = alb('web');
  const listener = https(lb, 443, 'x', [ACM_ARN]);
  it.each([
    ['RSA-2048', {}, 'COMPLIANT'],
    ['RSA_1024', {}, 'NON_COMPLIANT'],
    ['RSA-2048', { minRsaBits: '3072' }, 'NON_COMPLIANT'],
    ['EC_prime256v1', {}, 'COMPLIANT'],
    ['EC-prime256v1', { minEcBits: '384' }, 'NON_COMPLIANT'],
    ['EC_secp384r1', { minEcBits: '384' }, 'COMPLIANT'],
    [undefined, {}, 'NON_COMPLIANT'],
  ] as const)('%s %j → %s', (keyAlgorithm, raw, expected) => {
    const outcome = evaluate(keyStrength, lb, listener, { [ACM_ARN]: acm({ keyAlgorithm }) }, raw);
    expect(outcome.compliance).toBe(expected);
  });

  it('annotates the bits and the ARN', () => {
    const outcome = evaluate(keyStrength, lb, listener, { [ACM_ARN]: acm({ keyAlgorithm: 'RSA-1024' }) });
    expect(annotationOf(outcome)).toBe(`${ACM_ARN} on HTTPS:443 has a 1024-bit RSA key; minRsaBits is 2048`);
  });

  it('accepts both spellings of key algorithms', () => {
    expect(parseKeyAlgorithm('RSA_2048')).toEqual(parseKeyAlgorithm('RSA-2048'));
    expect(parseKeyAlgorithm('EC_prime256v1')).toMatchObject({
      type: 'EC',
      bits: 256,
      algorithm: 'EC-prime256v1',
    });
  });
});
