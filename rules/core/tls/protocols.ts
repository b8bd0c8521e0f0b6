// TLS protocol versions as ELB spells them (DescribeSSLPolicies: "TLSv1.2"; Classic policy
// attributes: "Protocol-TLSv1.2"), ordered oldest first so "below the minimum" is a comparison.

export const TLS_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export function versionRank(version: TlsVersion): number {
  return TLS_VERSIONS.indexOf(version);
}

/** "TLSv1.2", "Protocol-TLSv1.2" or "TLSv1_2" → "TLSv1.2"; undefined when it is not a protocol. */
export function normalizeProtocol(raw: string): TlsVersion | undefined {
  const text = raw
    .trim()
    .replace(/^Protocol-/i, '')
    .replace('_', '.');
  const found = TLS_VERSIONS.find((v) => v.toLowerCase() === text.toLowerCase());
  return found;
}

export function sortVersions(versions: Iterable<TlsVersion>): TlsVersion[] {
  return [...new Set(versions)].sort((a, b) => versionRank(a) - versionRank(b));
}
