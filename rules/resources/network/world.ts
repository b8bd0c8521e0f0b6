// What counts as "the world" among security-group sources: a /0 CIDR of either family, and a
// prefix list only when the rule's parameters name it (or say "*").
import { coverEverything } from './cidr.js';
import type { IngressSource } from './ingress.js';

export const PREFIX_LIST_ID_OR_ANY = /^(\*|pl-[0-9a-f]{8,17})$/;

export function isWorldSource(source: IngressSource, worldPrefixListIds: readonly string[]): boolean {
  if (source.kind === 'cidr') return source.world;
  if (source.kind === 'prefixList')
    return worldPrefixListIds.includes('*') || worldPrefixListIds.includes(source.id);
  return false;
}

/**
 * The world sources of an ingress rule: every /0 and listed prefix list; failing those, CIDRs of
 * one family that together cover every address (0.0.0.0/1 + 128.0.0.0/1).
 */
export function worldSourcesOf(
  sources: readonly IngressSource[],
  worldPrefixListIds: readonly string[],
): IngressSource[] {
  const direct = sources.filter((s) => isWorldSource(s, worldPrefixListIds));
  if (direct.length) return direct;
  for (const family of ['ipv4', 'ipv6'] as const) {
    const blocks = sources.filter(
      (s): s is Extract<IngressSource, { kind: 'cidr' }> => s.kind === 'cidr' && s.cidr.family === family,
    );
    if (blocks.length > 1 && coverEverything(blocks.map((b) => b.cidr))) return blocks;
  }
  return [];
}
