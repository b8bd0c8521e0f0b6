// Facets the code does not state but still fixes, derived as the live readers derive them: the TLS
// policies AWS must describe (none when the built-in catalog knows every policy the listeners
// name) and the certificates (none when no listener serves one). What the derivation reads must
// itself be known; otherwise the facet stays unknown, with that reason.
import type { ClassicPolicy, ElbV2Listener } from '../../model/model.js';
import { NO_DESCRIBED_POLICIES } from '../../tls/lookup.js';
import { certificateArnsOf, certificates } from '../facets/certificates.js';
import { classicPolicies } from '../facets/classic-policies.js';
import { listenerCertificates } from '../facets/listener-certificates.js';
import { listeners } from '../facets/listeners.js';
import { tlsPolicies, uncataloguedPolicies } from '../facets/tls-policies.js';
import type { CodeRecord } from './record.js';
import { UnknownValueError } from './unknown.js';

export function withDerivedFacets(record: CodeRecord): CodeRecord {
  const lb = record.loadBalancer;
  if (!lb) return record;
  derive(record, tlsPolicies.key, () => {
    const names = uncataloguedPolicies(
      lb,
      lb.kind === 'classic' ? [] : (known(record, listeners.key) as ElbV2Listener[]),
      lb.kind === 'classic' ? (known(record, classicPolicies.key) as ClassicPolicy[]) : [],
    );
    if (names.size)
      throw new UnknownValueError(
        `TLS policies of ${record.location.id}: ${[...names].join(', ')} not in the built-in catalog; AWS describes ${names.size > 1 ? 'them' : 'it'} only once deployed`,
      );
    return NO_DESCRIBED_POLICIES;
  });
  derive(record, certificates.key, () => {
    const byListener =
      lb.kind === 'classic'
        ? {}
        : (known(record, listenerCertificates.key) as Record<string, { arn: string }[]>);
    if (certificateArnsOf(lb, byListener).length)
      throw new UnknownValueError(
        `certificates of ${record.location.id}: issued, renewed and keyed by ACM or IAM, known only once deployed`,
      );
    return {};
  });
  return record;
}

function known(record: CodeRecord, key: string): unknown {
  if (key in record.facets) return record.facets[key];
  throw new UnknownValueError(
    record.unknown[key] ?? `${key} of ${record.location.id}: not known from the code`,
  );
}

/** Sets the facet to what `value` derives, or records why it cannot be (a mapping that sets it wins). */
function derive(record: CodeRecord, key: string, value: () => unknown): void {
  if (key in record.facets || key in record.unknown) return;
  try {
    record.facets[key] = value();
  } catch (error) {
    if (!(error instanceof UnknownValueError)) throw error;
    record.unknown[key] = error.message;
  }
}
