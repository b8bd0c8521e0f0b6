// CIDR semantics for security-group sources, through ipaddr.js rather than string matching:
// "0.0.0.0/00", "::/0", "0:0:0:0:0:0:0:0/0" and "10.1.2.3/0" all cover every address.

import { mergeCidr } from 'cidr-tools';
import ipaddr from 'ipaddr.js';
import { ElbConfigRulesError } from '../../model/errors.js';

export type Family = 'ipv4' | 'ipv6';

export interface Cidr {
  /** As written in the security group, for annotations. */
  text: string;
  family: Family;
  prefixLength: number;
  address: ipaddr.IPv4 | ipaddr.IPv6;
}

export class InvalidCidrError extends ElbConfigRulesError {
  override name = 'InvalidCidrError';
}

export function parseCidr(text: string): Cidr {
  const trimmed = text.trim();
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(trimmed);
  } catch {
    throw new InvalidCidrError(
      `${JSON.stringify(text)} is not a CIDR block; expected an IPv4 or IPv6 address with a prefix length, such as 10.0.0.0/16 or 2001:db8::/32`,
    );
  }
  const [address, prefixLength] = parsed;
  // An IPv4-mapped IPv6 block is still IPv6 to a security group: keep the family it was written in.
  return { text, family: address.kind(), prefixLength, address };
}

/** A /0 block of either family: every address. */
export function isWorld(cidr: Cidr): boolean {
  return cidr.prefixLength === 0;
}

/** Whether every address of `inner` lies within `outer` (same family only). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family) return false;
  if (inner.prefixLength < outer.prefixLength) return false;
  if (outer.prefixLength === 0) return true;
  if (outer.address.kind() === 'ipv4' && inner.address.kind() === 'ipv4')
    return (inner.address as ipaddr.IPv4).match(outer.address as ipaddr.IPv4, outer.prefixLength);
  if (outer.address.kind() === 'ipv6' && inner.address.kind() === 'ipv6')
    return (inner.address as ipaddr.IPv6).match(outer.address as ipaddr.IPv6, outer.prefixLength);
  return false;
}

/** The first of `allowed` that contains `cidr`, if any. */
export function withinAny(cidr: Cidr, allowed: readonly Cidr[]): Cidr | undefined {
  return allowed.find((outer) => contains(outer, cidr));
}

/**
 * Whether the blocks together cover every address of their family, as 0.0.0.0/1 with
 * 128.0.0.0/1 do: world ingress split so that no single block is a /0. cidr-tools merges them.
 */
export function coverEverything(blocks: readonly Cidr[]): boolean {
  const family = blocks[0]?.family;
  if (!family || !blocks.every((b) => b.family === family)) return false;
  return mergeCidr(blocks.map(canonical)).some((merged) => merged.endsWith('/0'));
}

/** The block in the plain spelling cidr-tools reads ("10.1.2.3/0" and "0000::/0" parse in ipaddr.js). */
function canonical(cidr: Cidr): string {
  return `${cidr.address.toString()}/${cidr.prefixLength}`;
}
