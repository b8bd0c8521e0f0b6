// The tlsPolicies facet of code: the live facet describes, at run time, the predefined policies the
// built-in catalog does not know. Code cannot describe them before deployment, so a listener that
// uses such a policy leaves the facet unknown; when the catalog knows every policy in use there is
// nothing to describe, as live.
import type { ClassicListener, ClassicPolicy, ElbV2Listener } from '../../model/model.js';
import { ELBV2_TLS_PROTOCOLS } from '../../model/model.js';
import { CLASSIC_CATALOG, ELBV2_CATALOG } from '../../tls/catalog.js';
import { isEncryptedClassicListener, resolveClassicPolicy } from '../../tls/classic-policy.js';
import { type DescribedTlsPolicies, NO_DESCRIBED_POLICIES } from '../../tls/lookup.js';
import { Unknown } from './unknown.js';

const notInCatalog = (names: Set<string>) =>
  new Unknown(
    `${[...names].sort().join(', ')}: not in the built-in catalog; AWS describes it only once deployed`,
  );

export function elbv2TlsPoliciesInCode(listeners: readonly ElbV2Listener[]): DescribedTlsPolicies | Unknown {
  const unknown = new Set<string>();
  for (const l of listeners)
    if (ELBV2_TLS_PROTOCOLS.has(l.protocol) && l.sslPolicy && !ELBV2_CATALOG.has(l.sslPolicy))
      unknown.add(l.sslPolicy);
  return unknown.size ? notInCatalog(unknown) : NO_DESCRIBED_POLICIES;
}

export function classicTlsPoliciesInCode(
  listeners: readonly ClassicListener[],
  policies: readonly ClassicPolicy[],
): DescribedTlsPolicies | Unknown {
  const unknown = new Set<string>();
  for (const listener of listeners.filter(isEncryptedClassicListener))
    resolveClassicPolicy(listener, policies, (name) => {
      const known = CLASSIC_CATALOG.get(name);
      if (!known) unknown.add(name);
      return known;
    });
  return unknown.size ? notInCatalog(unknown) : NO_DESCRIBED_POLICIES;
}
