// Folds what an account's DescribeSSLPolicies / DescribeLoadBalancerPolicies return into the
// catalog: protocols and ciphers come from AWS; FIPS and post-quantum flags (which the APIs do
// not return) are kept, and left unset for a policy nobody has checked yet.
import type { CatalogEntry, CatalogFile } from './catalog.js';
import type { DescribedTlsPolicy } from './lookup.js';

export interface MergeResult {
  catalog: CatalogFile;
  /** One line per change, for the person running the refresh. */
  changes: string[];
  /** Catalog entries the endpoint did not return (kept: an emulator or an old region may lack them). */
  notReturned: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function mergeFamily(
  family: string,
  current: readonly CatalogEntry[],
  described: ReadonlyMap<string, DescribedTlsPolicy> | undefined,
  source: string,
  changes: string[],
  notReturned: string[],
): CatalogEntry[] {
  if (!described) return [...current];
  const out: CatalogEntry[] = [];
  for (const entry of current) {
    const fresh = described.get(entry.name);
    if (!fresh) {
      notReturned.push(`${family} ${entry.name}`);
      out.push(entry);
      continue;
    }
    const protocolsChanged = !sameSet(entry.protocols, fresh.protocols);
    const ciphersChanged = !sameSet(entry.ciphers, fresh.ciphers);
    if (protocolsChanged)
      changes.push(
        `${family} ${entry.name}: protocols ${entry.protocols.join(',')} → ${fresh.protocols.join(',')}`,
      );
    if (ciphersChanged) {
      const added = fresh.ciphers.filter((c) => !entry.ciphers.includes(c));
      const removed = entry.ciphers.filter((c) => !fresh.ciphers.includes(c));
      changes.push(`${family} ${entry.name}: ciphers +[${added.join(', ')}] -[${removed.join(', ')}]`);
    }
    out.push(
      protocolsChanged || ciphersChanged
        ? { ...entry, protocols: fresh.protocols, ciphers: fresh.ciphers, source }
        : entry,
    );
  }
  const known = new Set(current.map((e) => e.name));
  for (const fresh of [...described.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (known.has(fresh.name)) continue;
    changes.push(
      `${family} ${fresh.name}: new policy; set "fips" and "postQuantum" from AWS documentation (the API does not say)`,
    );
    out.push({ name: fresh.name, protocols: fresh.protocols, ciphers: fresh.ciphers, source });
  }
  return out;
}

export function mergeCatalog(
  current: CatalogFile,
  described: {
    elbv2?: ReadonlyMap<string, DescribedTlsPolicy>;
    classic?: ReadonlyMap<string, DescribedTlsPolicy>;
  },
  where: { endpoint: string; date: string },
): MergeResult {
  const changes: string[] = [];
  const notReturned: string[] = [];
  const elbv2 = mergeFamily(
    'elbv2',
    current.elbv2,
    described.elbv2,
    `DescribeSSLPolicies (${where.endpoint}, ${where.date})`,
    changes,
    notReturned,
  );
  const classic = mergeFamily(
    'classic',
    current.classic,
    described.classic,
    `DescribeLoadBalancerPolicies (${where.endpoint}, ${where.date})`,
    changes,
    notReturned,
  );
  return {
    catalog: { ...current, updated: changes.length ? where.date : current.updated, elbv2, classic },
    changes,
    notReturned,
  };
}
