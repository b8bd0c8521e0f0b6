// One place that turns a policy name into a profile: the built-in catalog first, then the
// description AWS gave at run time (the tlsPolicies facet). Fips and post-quantum stay "unknown"
// for run-time descriptions: DescribeSSLPolicies does not list key-exchange groups.
import { CLASSIC_CATALOG, ELBV2_CATALOG } from './catalog.js';
import { classifyPolicy, type TlsPolicyProfile, UnclassifiablePolicyError } from './classify.js';

export interface DescribedTlsPolicy {
  name: string;
  protocols: string[];
  ciphers: string[];
}

/** Value of the tlsPolicies facet: predefined policies the catalog does not know, as AWS describes them. */
export interface DescribedTlsPolicies {
  described: DescribedTlsPolicy[];
  /** Names AWS did not describe either. */
  missing: string[];
}

export const NO_DESCRIBED_POLICIES: DescribedTlsPolicies = { described: [], missing: [] };

export type PolicyLookupResult = { ok: true; profile: TlsPolicyProfile } | { ok: false; reason: string };

export function lookupPolicy(
  family: 'elbv2' | 'classic',
  name: string,
  runtime: DescribedTlsPolicies,
): PolicyLookupResult {
  const known = (family === 'elbv2' ? ELBV2_CATALOG : CLASSIC_CATALOG).get(name);
  if (known) return { ok: true, profile: known };
  const described = runtime.described.find((p) => p.name === name);
  if (!described) {
    const api = family === 'elbv2' ? 'DescribeSSLPolicies' : 'DescribeLoadBalancerPolicies';
    return {
      ok: false,
      reason: runtime.missing.includes(name)
        ? `${api} does not know ${name}`
        : `${name} is not in the catalog and was not described`,
    };
  }
  try {
    const api = family === 'elbv2' ? 'DescribeSSLPolicies' : 'DescribeLoadBalancerPolicies';
    return { ok: true, profile: classifyPolicy(described, api) };
  } catch (error) {
    if (error instanceof UnclassifiablePolicyError) return { ok: false, reason: error.message };
    throw error;
  }
}
