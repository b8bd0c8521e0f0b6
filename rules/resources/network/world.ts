// What counts as "the world" among security-group sources: a /0 CIDR of either family, and a
// prefix list only when the rule's parameters name it (or say "*").
import type { IngressSource } from './ingress.js';

export const PREFIX_LIST_ID_OR_ANY = /^(\*|pl-[0-9a-f]{8,17})$/;

export function isWorldSource(source: IngressSource, worldPrefixListIds: readonly string[]): boolean {
  if (source.kind === 'cidr') return source.world;
  if (source.kind === 'prefixList')
    return worldPrefixListIds.includes('*') || worldPrefixListIds.includes(source.id);
  return false;
}
