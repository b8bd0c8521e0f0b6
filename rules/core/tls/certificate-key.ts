// Key algorithms as ACM's API (RSA_2048, EC_prime256v1), Config's ACM item (RSA-2048,
// EC-prime256v1) and node:crypto (rsa + modulusLength, ec + namedCurve) spell them, in one form.

export interface CertificateKey {
  type: 'RSA' | 'EC' | string;
  bits?: number;
  /** Canonical name: RSA-2048, EC-prime256v1. */
  algorithm: string;
}

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp256r1: 256,
  'P-256': 256,
  secp384r1: 384,
  'P-384': 384,
  secp521r1: 521,
  'P-521': 521,
};

/** "RSA_2048", "RSA-2048", "EC_prime256v1", "EC-secp384r1" → a key; undefined when unrecognised. */
export function parseKeyAlgorithm(raw: string | undefined): CertificateKey | undefined {
  if (!raw) return undefined;
  const match = /^(RSA|EC)[-_](.+)$/i.exec(raw.trim());
  if (!match) return undefined;
  const type = (match[1] ?? '').toUpperCase();
  const rest = match[2] ?? '';
  if (type === 'RSA') {
    const bits = Number(rest);
    return Number.isInteger(bits) ? { type, bits, algorithm: `RSA-${bits}` } : undefined;
  }
  const bits = CURVE_BITS[rest] ?? CURVE_BITS[rest.toLowerCase()];
  return { type, bits, algorithm: `EC-${rest}` };
}

/** From node:crypto's asymmetricKeyType and asymmetricKeyDetails. */
export function keyFromDetails(
  type: string | undefined,
  details: { modulusLength?: number; namedCurve?: string } | undefined,
): CertificateKey | undefined {
  if (type === 'rsa' || type === 'rsa-pss') {
    const bits = details?.modulusLength;
    return bits ? { type: 'RSA', bits, algorithm: `RSA-${bits}` } : undefined;
  }
  if (type === 'ec') {
    const curve = details?.namedCurve ?? 'unknown';
    return { type: 'EC', bits: CURVE_BITS[curve], algorithm: `EC-${curve}` };
  }
  return type ? { type: type.toUpperCase(), algorithm: type.toUpperCase() } : undefined;
}
