// Derives what a TLS policy allows from its protocols and ciphers alone, never from its name.
// Forward secrecy: every cipher usable below TLS 1.3 agrees keys with (EC)DHE; TLS 1.3 suites
// always do. FIPS and post-quantum key exchange cannot be read from protocols and ciphers
// (DescribeSSLPolicies does not list key-exchange groups), so they come with the description
// when a trusted source (the catalog) knows them, and are "unknown" otherwise.
import { ElbConfigRulesError } from '../model/errors.js';
import { normalizeProtocol, sortVersions, type TlsVersion } from './protocols.js';

/** A policy as DescribeSSLPolicies, DescribeLoadBalancerPolicies or the catalog describe it. */
export interface TlsPolicyDescription {
  name: string;
  protocols: readonly string[];
  ciphers: readonly string[];
  /** Runs on a FIPS 140 validated module; undefined when the source cannot say. */
  fips?: boolean;
  /** Offers hybrid post-quantum (ML-KEM) key exchange; undefined when the source cannot say. */
  postQuantum?: boolean;
}

export type Known = boolean | 'unknown';

export interface TlsPolicyProfile {
  name: string;
  /** Oldest first. */
  protocols: TlsVersion[];
  /** Oldest allowed protocol; undefined when the policy allows none (it cannot negotiate). */
  minProtocol?: TlsVersion;
  supportsTls13: boolean;
  ciphers: string[];
  /** Every key exchange the policy can negotiate is ephemeral (EC)DHE. */
  forwardSecrecy: boolean;
  /** Ciphers usable below TLS 1.3 whose key exchange is not ephemeral. */
  nonForwardSecretCiphers: string[];
  /** Every cipher is an AEAD (GCM, CCM, ChaCha20-Poly1305): the "Res" shape. */
  aeadOnly: boolean;
  fips: Known;
  postQuantum: Known;
  /** Where the description came from: catalog entry, DescribeSSLPolicies, a Classic policy's attributes… */
  source: string;
}

/** TLS 1.3 suites (TLS_AES_128_GCM_SHA256…) carry no key exchange: TLS 1.3 only does (EC)DHE. */
export function isTls13Suite(cipher: string): boolean {
  return /^TLS_(AES|CHACHA20)_/i.test(cipher);
}

/** OpenSSL names: ECDHE-RSA-…, ECDHE-ECDSA-…, DHE-RSA-…, DHE-DSS-…, EDH-…; IANA: TLS_ECDHE_…, TLS_DHE_…. */
export function isForwardSecret(cipher: string): boolean {
  return isTls13Suite(cipher) || /^(ECDHE|DHE|EDH)-/i.test(cipher) || /^TLS_(ECDHE|DHE)_/i.test(cipher);
}

export function isAead(cipher: string): boolean {
  return /GCM|CCM|CHACHA20|POLY1305/i.test(cipher);
}

export class UnclassifiablePolicyError extends ElbConfigRulesError {
  override name = 'UnclassifiablePolicyError';
}

export function classifyPolicy(description: TlsPolicyDescription, source: string): TlsPolicyProfile {
  const protocols: TlsVersion[] = [];
  for (const raw of description.protocols) {
    const version = normalizeProtocol(raw);
    if (!version)
      throw new UnclassifiablePolicyError(`${description.name}: unknown protocol ${JSON.stringify(raw)}`);
    protocols.push(version);
  }
  const sorted = sortVersions(protocols);
  const onlyTls13 = sorted.length > 0 && sorted.every((v) => v === 'TLSv1.3');
  const ciphers = [...new Set(description.ciphers.map((c) => c.trim()).filter(Boolean))];
  if (sorted.length === 0)
    throw new UnclassifiablePolicyError(`${description.name}: the policy lists no protocol`);
  if (ciphers.length === 0)
    throw new UnclassifiablePolicyError(`${description.name}: the policy lists no cipher`);
  // A TLS 1.3-only policy can negotiate only TLS 1.3 suites, whatever else it lists.
  const legacyCiphers = onlyTls13 ? [] : ciphers.filter((c) => !isTls13Suite(c));
  const nonForwardSecretCiphers = legacyCiphers.filter((c) => !isForwardSecret(c));
  return {
    name: description.name,
    protocols: sorted,
    minProtocol: sorted[0],
    supportsTls13: sorted.includes('TLSv1.3'),
    ciphers,
    forwardSecrecy: nonForwardSecretCiphers.length === 0,
    nonForwardSecretCiphers,
    aeadOnly: (onlyTls13 ? ciphers.filter(isTls13Suite) : ciphers).every(isAead),
    fips: description.fips ?? 'unknown',
    postQuantum: description.postQuantum ?? 'unknown',
    source,
  };
}
