// Which TLS policy a Classic HTTPS or SSL listener really negotiates with. In order:
// 1. an SSLNegotiationPolicyType policy whose own Protocol-* and cipher attributes are stated:
//    those win over the Reference-Security-Policy it was copied from (attributes it does not state
//    are taken from that reference); when they come to exactly the reference's protocols and
//    ciphers, it is an unmodified copy and answers as that predefined policy;
// 2. a policy that only names a Reference-Security-Policy: that predefined policy;
// 3. no SSL negotiation policy at all: ELB's default, ELBSecurityPolicy-2016-08.
import type { ClassicListener, ClassicPolicy } from '../model/model.js';
import { ELB_DEFAULT_POLICY } from './catalog.js';
import { classifyPolicy, type TlsPolicyProfile, UnclassifiablePolicyError } from './classify.js';
import { normalizeProtocol } from './protocols.js';

export const SSL_NEGOTIATION_POLICY_TYPE = 'SSLNegotiationPolicyType';
const REFERENCE = 'Reference-Security-Policy';
/** Attributes of an SSL negotiation policy that are neither a protocol nor a cipher. */
const OPTIONS = new Set([REFERENCE, 'Server-Defined-Cipher-Order']);

export type ClassicPolicyOrigin = 'custom' | 'predefined' | 'default';

export type ResolvedClassicPolicy =
  | {
      ok: true;
      /** The policy attached to the listener, or the default's name. */
      policyName: string;
      reference?: string;
      origin: ClassicPolicyOrigin;
      profile: TlsPolicyProfile;
    }
  | { ok: false; policyName: string; reason: string };

/** Looks up a predefined policy: the built-in catalog first, then what AWS described at run time. */
export type PredefinedLookup = (name: string) => TlsPolicyProfile | undefined;

export function isEncryptedClassicListener(listener: ClassicListener): boolean {
  return listener.protocol === 'HTTPS' || listener.protocol === 'SSL';
}

/** Protocols and ciphers an SSL negotiation policy states itself (attributes set to "true"). */
export function statedAttributes(policy: ClassicPolicy): {
  protocols: string[] | undefined;
  ciphers: string[] | undefined;
} {
  const protocols: string[] = [];
  const ciphers: string[] = [];
  let statesProtocols = false;
  let statesCiphers = false;
  for (const [name, value] of Object.entries(policy.attributes)) {
    if (OPTIONS.has(name)) continue;
    const enabled = value.trim().toLowerCase() === 'true';
    const protocol = name.startsWith('Protocol-') ? normalizeProtocol(name) : undefined;
    if (name.startsWith('Protocol-')) {
      statesProtocols = true;
      if (enabled) protocols.push(protocol ?? name.replace(/^Protocol-/, ''));
    } else {
      statesCiphers = true;
      if (enabled) ciphers.push(name);
    }
  }
  return { protocols: statesProtocols ? protocols : undefined, ciphers: statesCiphers ? ciphers : undefined };
}

export function resolveClassicPolicy(
  listener: ClassicListener,
  policies: readonly ClassicPolicy[],
  predefined: PredefinedLookup,
): ResolvedClassicPolicy {
  const byName = new Map(policies.map((p) => [p.name, p]));
  const ssl = listener.policyNames
    .map((n) => byName.get(n))
    .find((p) => p?.typeName === SSL_NEGOTIATION_POLICY_TYPE);
  if (!ssl) {
    // A name the load balancer's policy list does not describe may still be a predefined policy.
    const undescribed = listener.policyNames.filter((n) => !byName.has(n));
    const named = undescribed.find((n) => predefined(n));
    if (named) return predefinedProfile(named, named, 'predefined', predefined);
    if (undescribed.length)
      return {
        ok: false,
        policyName: undescribed.join(', '),
        reason: `policy ${undescribed.join(', ')} is attached but not described, so its protocols and ciphers are unknown`,
      };
    return predefinedProfile(ELB_DEFAULT_POLICY, ELB_DEFAULT_POLICY, 'default', predefined);
  }
  const reference = ssl.attributes[REFERENCE];
  const stated = statedAttributes(ssl);
  if (!stated.protocols && !stated.ciphers)
    return predefinedProfile(ssl.name, reference ?? ssl.name, 'predefined', predefined);
  const base = reference ? predefined(reference) : undefined;
  const protocols = stated.protocols ?? base?.protocols;
  const ciphers = stated.ciphers ?? base?.ciphers;
  if (!protocols || !ciphers) {
    const missing = !protocols ? 'protocols' : 'ciphers';
    return {
      ok: false,
      policyName: ssl.name,
      reason: reference
        ? `custom policy ${ssl.name} states no ${missing} and its reference ${reference} is unknown`
        : `custom policy ${ssl.name} states no ${missing} and names no Reference-Security-Policy`,
    };
  }
  // AWS describes a policy created from a reference alone with the reference's every protocol and
  // cipher written out: a copy whose effective protocols and ciphers equal its reference's is that policy.
  if (base && sameSet(protocols, base.protocols) && sameSet(ciphers, base.ciphers))
    return { ok: true, policyName: ssl.name, reference, origin: 'predefined', profile: base };
  try {
    const profile = classifyPolicy(
      { name: ssl.name, protocols, ciphers, fips: false, postQuantum: false },
      `custom policy attributes${reference ? ` (copied from ${reference})` : ''}`,
    );
    return { ok: true, policyName: ssl.name, reference, origin: 'custom', profile };
  } catch (error) {
    if (error instanceof UnclassifiablePolicyError)
      return { ok: false, policyName: ssl.name, reason: error.message };
    throw error;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

function predefinedProfile(
  policyName: string,
  reference: string,
  origin: ClassicPolicyOrigin,
  predefined: PredefinedLookup,
): ResolvedClassicPolicy {
  const profile = predefined(reference);
  if (!profile)
    return {
      ok: false,
      policyName,
      reason: `predefined policy ${reference} is not in the catalog and AWS did not describe it`,
    };
  return { ok: true, policyName, reference, origin, profile };
}
