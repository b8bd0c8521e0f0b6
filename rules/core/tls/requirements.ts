// What a TLS policy must allow, as rule parameters, and the check of one policy against them.
// Shared by elbv2-tls-policy and clb-tls-policy so both speak the same language.
import type { TlsPolicyProfile } from './classify.js';
import { type TlsVersion, versionRank } from './protocols.js';

/** Policy names: predefined (ELBSecurityPolicy-…) or a Classic custom policy's name. */
const POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/**
 * The policies Security Hub ELB.17 accepts (ELBv2 listeners): TLS 1.3-only and the "Res" families,
 * with their FIPS and post-quantum variants. It rejects ELBSecurityPolicy-TLS13-1-2-2021-06.
 * docs/tls-controls.md quotes the control text, with its source and date; a test holds this to it.
 */
export const SECURITY_HUB_ELB17_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
];

/** Security Hub ELB.8 (Classic): the listener's predefined policy is this one. */
export const SECURITY_HUB_ELB8_POLICY = 'ELBSecurityPolicy-TLS-1-2-2017-01';

export function minTlsVersionParam<const V extends TlsVersion>(values: readonly V[], description: string) {
  return { type: 'enum', values, default: 'TLSv1.2' as V, description } as const;
}

export const policyListParams = {
  allowedPolicies: {
    type: 'stringList',
    default: [],
    itemPattern: POLICY_NAME,
    expected: 'policy names (ELBSecurityPolicy-… or a custom policy name)',
    description:
      'Policies accepted whatever they allow: exceptions for clients that need them. deniedPolicies wins over this.',
  },
  deniedPolicies: {
    type: 'stringList',
    default: [],
    itemPattern: POLICY_NAME,
    expected: 'policy names (ELBSecurityPolicy-… or a custom policy name)',
    description: 'Policies refused whatever they allow.',
  },
} as const;

export interface TlsRequirements {
  minTlsVersion: TlsVersion;
  requireForwardSecrecy: boolean;
  requireFips: boolean;
  requirePostQuantum: boolean;
  allowedPolicies: readonly string[];
  deniedPolicies: readonly string[];
  /** Extra conditions of a preset, checked after the property requirements. */
  preset?: 'securityhub-elb17' | 'securityhub-elb8' | 'strict';
}

/** Every parameter mistake that names the parameters involved, for validateParameters. */
export function requirementProblems(params: {
  allowedPolicies: readonly string[];
  deniedPolicies: readonly string[];
}): string[] {
  const both = params.allowedPolicies.filter((p) => params.deniedPolicies.includes(p));
  return both.length
    ? [`allowedPolicies and deniedPolicies both name ${both.join(', ')}; a policy can be in only one`]
    : [];
}

export type PolicyVerdict = { ok: true; why?: string } | { ok: false; faults: string[] };

/**
 * Judges one policy. `names` are the names the policy goes by (its own and, for an unmodified
 * Classic copy, the predefined policy it references), matched against allowedPolicies and
 * deniedPolicies.
 */
export function judgePolicy(
  profile: TlsPolicyProfile,
  names: readonly string[],
  req: TlsRequirements,
): PolicyVerdict {
  const denied = names.find((n) => req.deniedPolicies.includes(n));
  if (denied) return { ok: false, faults: [`is in deniedPolicies`] };
  const allowed = names.find((n) => req.allowedPolicies.includes(n));
  if (allowed) return { ok: true, why: 'in allowedPolicies' };

  if (req.preset === 'securityhub-elb17') {
    return SECURITY_HUB_ELB17_POLICIES.includes(profile.name)
      ? { ok: true }
      : {
          ok: false,
          faults: ['is not one of the policies Security Hub ELB.17 accepts (preset securityhub-elb17)'],
        };
  }
  if (req.preset === 'securityhub-elb8') {
    return names.includes(SECURITY_HUB_ELB8_POLICY) && profile.name === SECURITY_HUB_ELB8_POLICY
      ? { ok: true }
      : { ok: false, faults: [`is not ${SECURITY_HUB_ELB8_POLICY} (preset securityhub-elb8)`] };
  }

  const strict = req.preset === 'strict';
  const minimum =
    strict && versionRank(req.minTlsVersion) < versionRank('TLSv1.2') ? 'TLSv1.2' : req.minTlsVersion;
  const faults: string[] = [];
  const tooOld = profile.protocols.filter((v) => versionRank(v) < versionRank(minimum));
  if (tooOld.length) faults.push(`allows ${tooOld.join(', ')} (minTlsVersion ${minimum})`);
  if ((req.requireForwardSecrecy || strict) && !profile.forwardSecrecy) {
    const shown = profile.nonForwardSecretCiphers.slice(0, 3).join(', ');
    const more =
      profile.nonForwardSecretCiphers.length > 3
        ? ` +${profile.nonForwardSecretCiphers.length - 3} more`
        : '';
    faults.push(
      `lacks forward secrecy (requireForwardSecrecy): ${shown}${more} have no (EC)DHE key exchange`,
    );
  }
  if (req.requireFips) {
    if (profile.fips === 'unknown')
      faults.push(`cannot be shown to be FIPS: ${profile.source} does not say (requireFips)`);
    else if (!profile.fips) faults.push('is not a FIPS policy (requireFips)');
  }
  if (req.requirePostQuantum) {
    if (profile.postQuantum === 'unknown')
      faults.push(
        `cannot be shown to offer post-quantum key exchange: ${profile.source} does not say (requirePostQuantum)`,
      );
    else if (!profile.postQuantum) faults.push('offers no post-quantum key exchange (requirePostQuantum)');
  }
  if (strict) {
    if (!profile.supportsTls13) faults.push('does not support TLSv1.3 (preset strict)');
    if (!profile.aeadOnly && profile.postQuantum !== true)
      faults.push(
        'allows CBC ciphers and offers no post-quantum key exchange (preset strict: TLS 1.3 with Res or PQ)',
      );
  }
  return faults.length ? { ok: false, faults } : { ok: true };
}

/** "TLSv1.2+, forward secrecy, PQ" for compliant annotations. */
export function summarize(profile: TlsPolicyProfile): string {
  const parts = [`${profile.minProtocol}${profile.protocols.length > 1 ? '+' : ''}`];
  if (profile.forwardSecrecy) parts.push('FS');
  if (profile.fips === true) parts.push('FIPS');
  if (profile.postQuantum === true) parts.push('PQ');
  return parts.join(', ');
}
