// CIDR semantics for security-group sources, through ipaddr.js rather than string matching:
// "0.0.0.0/00", "::/0", "0:0:0:0:0:0:0:0/0" and "10.1.2.3/0" all cover every address.
import ipaddr from 'ipaddr.js';

export type Family = 'ipv4' | 'ipv6';

export interface Cidr {
  /** As written in the security group, for annotations. */
  text: string;
  family: Family;
  prefixLength: number;
  address: ipaddr.IPv4 | ipaddr.IPv6;
}

export class InvalidCidrError extends Error {
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
 * 128.0.0.0/1 do: world ingress split so that no single block is a /0.
 */
export function coverEverything(blocks: readonly Cidr[]): boolean {
  if (blocks.length === 0) return false;
  const family = blocks[0]?.family;
  if (!blocks.every((b) => b.family === family)) return false;
  const bits = family === 'ipv4' ? 32n : 128n;
  const spans = blocks
    .map((b) => {
      const size = 1n << (bits - BigInt(b.prefixLength));
      const start = (toBigInt(b) / size) * size;
      return [start, start + size - 1n] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let next = 0n;
  for (const [start, end] of spans) {
    if (start > next) return false;
    if (end + 1n > next) next = end + 1n;
  }
  return next === 1n << bits;
}

function toBigInt(cidr: Cidr): bigint {
  return cidr.address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}
