// The certificates a load balancer serves and where: "HTTPS:443", "TLS:8883 (SNI)".
import {
  ELBV2_TLS_PROTOCOLS,
  type ElbV2Listener,
  type ListenerCertificate,
  type LoadBalancer,
} from '../model/model.js';
import { isEncryptedClassicListener } from './classic-policy.js';

export interface ServedCertificate {
  arn: string;
  /** Listeners that serve it, e.g. ["HTTPS:443", "HTTPS:8443 (SNI)"]. */
  where: string[];
}

export function servedCertificates(
  lb: LoadBalancer,
  listeners: readonly ElbV2Listener[],
  byListener: Record<string, ListenerCertificate[]>,
): ServedCertificate[] {
  const served = new Map<string, string[]>();
  const add = (arn: string, where: string) => served.set(arn, [...(served.get(arn) ?? []), where]);
  if (lb.kind === 'classic') {
    for (const l of [...lb.listeners].sort((a, b) => a.port - b.port))
      if (isEncryptedClassicListener(l) && l.sslCertificateId)
        add(l.sslCertificateId, `${l.protocol}:${l.port}`);
  } else {
    for (const l of [...listeners].sort((a, b) => a.port - b.port)) {
      if (!ELBV2_TLS_PROTOCOLS.has(l.protocol)) continue;
      for (const c of byListener[l.arn] ?? l.certificates)
        add(c.arn, `${l.protocol}:${l.port}${c.isDefault ? '' : ' (SNI)'}`);
    }
  }
  return [...served].map(([arn, where]) => ({ arn, where }));
}

/**
 * Classic HTTPS and SSL listeners described without a certificate, e.g. ["HTTPS:443"]. AWS never
 * has one, so the description is incomplete: a certificate rule must not read it as "no certificate".
 */
export function listenersWithoutCertificate(lb: LoadBalancer): string[] {
  if (lb.kind !== 'classic') return [];
  return [...lb.listeners]
    .sort((a, b) => a.port - b.port)
    .filter((l) => isEncryptedClassicListener(l) && !l.sslCertificateId)
    .map((l) => `${l.protocol}:${l.port}`);
}

/** A finding for each listener described without its certificate. */
export function missingCertificateFindings(lb: LoadBalancer): string[] {
  return listenersWithoutCertificate(lb).map(
    (where) =>
      `${where} is described without its certificate (no SSLCertificateId); its certificate cannot be judged`,
  );
}

/** The short form of a certificate ARN for annotations: the ARN itself (users grep for it). */
export function describeWhere(where: readonly string[]): string {
  return where.join(', ');
}
