// What counts as "the world" among security-group sources. A port is open to the world when the
// sources admitting it, taken together, cover every address of a family: a /0, a prefix list the
// rule's parameters name (or "*"), or CIDRs of several permissions and groups that merge into a /0
// (0.0.0.0/1 on tcp 443 in one group, 128.0.0.0/1 on tcp 0-65535 in another).
import { type Cidr, contains, coverEverything, type Family } from './cidr.js';
import type { IngressRule, IngressSource } from './ingress.js';
import { carries, inRange, type PortRange, type Transport } from './ports.js';

export const PREFIX_LIST_ID_OR_ANY = /^(\*|pl-[0-9a-f]{8,17})$/;

/** A protocol without ports ("icmp", "50"), or OTHER_PROTOCOLS for any protocol no rule names. */
export const OTHER_PROTOCOLS = 'other';

/** How one ingress rule takes part in world exposure. */
export interface WorldPart {
  rule: IngressRule;
  /** The rule's own sources that make (or help make) the world. */
  sources: IngressSource[];
  /** Sources of other rules that, with these, cover every address; empty when the rule alone does. */
  partners: { rule: IngressRule; source: IngressSource }[];
  /** The world-open tcp and udp ports within the rule's range, merged and in order. */
  ports: Map<Transport, PortRange[]>;
  /** World-open protocols without ports (icmp, "50"), and OTHER_PROTOCOLS for an "all" rule open on every protocol. */
  protocols: Set<string>;
}

export function isWorldSource(source: IngressSource, worldPrefixListIds: readonly string[]): boolean {
  if (source.kind === 'cidr') return source.world;
  if (source.kind === 'prefixList')
    return worldPrefixListIds.includes('*') || worldPrefixListIds.includes(source.id);
  return false;
}

type CidrSource = Extract<IngressSource, { kind: 'cidr' }>;
type Admitted = { rule: IngressRule; source: IngressSource };

/**
 * The sources, among those admitting one port or protocol, that open it to the world: every
 * direct world source, and per family without one, the outermost CIDRs when they merge into a /0.
 */
function worldAmong(admitting: readonly IngressRule[], worldPrefixListIds: readonly string[]): Admitted[] {
  const all: Admitted[] = admitting.flatMap((rule) => rule.sources.map((source) => ({ rule, source })));
  const direct = all.filter((a) => isWorldSource(a.source, worldPrefixListIds));
  const found = [...direct];
  const directFamilies = new Set<Family>(
    direct.flatMap((a): Family[] => (a.source.kind === 'cidr' ? [a.source.cidr.family] : ['ipv4', 'ipv6'])),
  );
  for (const family of ['ipv4', 'ipv6'] as const) {
    if (directFamilies.has(family)) continue;
    const blocks = all.filter(
      (a): a is { rule: IngressRule; source: CidrSource } =>
        a.source.kind === 'cidr' && a.source.cidr.family === family,
    );
    if (!coverEverything(blocks.map((b) => b.source.cidr))) continue;
    // A block inside a wider admitted block adds nothing: it is not what opens the port.
    found.push(...blocks.filter((b) => !blocks.some((o) => strictlyWithin(b.source.cidr, o.source.cidr))));
  }
  return found;
}

function strictlyWithin(inner: Cidr, outer: Cidr): boolean {
  return outer.prefixLength < inner.prefixLength && contains(outer, inner);
}

/** Every rule through which the world reaches some port or protocol, judged over all the rules given. */
export function worldExposure(
  rules: readonly IngressRule[],
  worldPrefixListIds: readonly string[],
): WorldPart[] {
  const parts = new Map<IngressRule, WorldPart>();
  const record = (found: readonly Admitted[], mark: (part: WorldPart) => void) => {
    for (const { rule, source } of found) {
      let part = parts.get(rule);
      if (!part) {
        part = { rule, sources: [], partners: [], ports: new Map(), protocols: new Set() };
        parts.set(rule, part);
      }
      if (!part.sources.includes(source)) part.sources.push(source);
    }
    for (const rule of new Set(found.map((f) => f.rule))) {
      const part = parts.get(rule);
      if (part) mark(part);
    }
    for (const part of parts.values()) {
      if (!found.some((f) => f.rule === part.rule)) continue;
      for (const other of found) {
        if (other.rule === part.rule || isWorldSource(other.source, worldPrefixListIds)) continue;
        if (!part.partners.some((p) => p.source === other.source)) part.partners.push(other);
      }
    }
  };
  for (const transport of ['tcp', 'udp'] as const) {
    const carrying = rules.filter((r) => r.ports && carries(r.protocol, transport));
    const bounds = [...new Set(carrying.flatMap((r) => [r.ports!.from, r.ports!.to + 1]))].sort(
      (a, b) => a - b,
    );
    for (let i = 0; i + 1 < bounds.length; i++) {
      const segment = { from: bounds[i]!, to: bounds[i + 1]! - 1 };
      const admitting = carrying.filter((r) => inRange(r.ports!, segment.from));
      record(worldAmong(admitting, worldPrefixListIds), (part) => addRange(part, transport, segment));
    }
  }
  const named = new Set(rules.filter((r) => !r.ports && r.protocol !== 'all').map((r) => r.protocol));
  for (const protocol of [...named, OTHER_PROTOCOLS]) {
    const admitting = rules.filter((r) => r.protocol === 'all' || r.protocol === protocol);
    record(worldAmong(admitting, worldPrefixListIds), (part) => part.protocols.add(protocol));
  }
  // Partners only where the rule is not world on its own.
  for (const part of parts.values())
    if (part.sources.some((s) => isWorldSource(s, worldPrefixListIds))) part.partners = [];
  // In the groups' own rule order, as a person reads them.
  return rules.flatMap((rule) => {
    const part = parts.get(rule);
    return part ? [part] : [];
  });
}

function addRange(part: WorldPart, transport: Transport, range: PortRange): void {
  const ranges = part.ports.get(transport) ?? [];
  const last = ranges[ranges.length - 1];
  if (last && last.to + 1 === range.from) last.to = range.to;
  else ranges.push({ ...range });
  part.ports.set(transport, ranges);
}

/** Whether the part is world-open on the transport and port. */
export function worldOnPort(part: WorldPart, transport: Transport, port: number): boolean {
  return (part.ports.get(transport) ?? []).some((range) => inRange(range, port));
}

/** The world sources of one rule judged alone (a /0, a listed prefix list, or its own split CIDRs). */
export function worldSourcesOf(
  sources: readonly IngressSource[],
  worldPrefixListIds: readonly string[],
): IngressSource[] {
  const direct = sources.filter((s) => isWorldSource(s, worldPrefixListIds));
  if (direct.length) return direct;
  for (const family of ['ipv4', 'ipv6'] as const) {
    const blocks = sources.filter((s): s is CidrSource => s.kind === 'cidr' && s.cidr.family === family);
    if (blocks.length > 1 && coverEverything(blocks.map((b) => b.cidr))) return blocks;
  }
  return [];
}
