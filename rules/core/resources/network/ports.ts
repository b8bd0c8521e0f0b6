// Protocols and port ranges as security groups spell them: "-1" is every protocol and port,
// protocols may be names or IANA numbers, and an absent or -1 port bound means every port.

export interface PortRange {
  from: number;
  to: number;
}

export const EVERY_PORT: PortRange = { from: 0, to: 65535 };

/** Transport protocols a listener or target port uses. */
export type Transport = 'tcp' | 'udp';

/** "all" for every protocol; tcp, udp, icmp, icmpv6 by name; anything else as its number. */
export type ProtocolName = 'all' | Transport | 'icmp' | 'icmpv6' | string;

const BY_NUMBER: Record<string, ProtocolName> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function protocolName(raw: string): ProtocolName {
  const text = raw.trim().toLowerCase();
  if (text === '-1' || text === 'all' || text === '') return 'all';
  return BY_NUMBER[text] ?? text;
}

/** Whether a permission of this protocol carries the transport. */
export function carries(protocol: ProtocolName, transport: Transport): boolean {
  return protocol === 'all' || protocol === transport;
}

/**
 * The port range a permission opens for tcp or udp: every port when the bounds are absent,
 * -1, or the protocol is "all". Undefined for protocols without ports (icmp...).
 */
export function permissionPorts(
  protocol: ProtocolName,
  fromPort: number | undefined,
  toPort: number | undefined,
): PortRange | undefined {
  if (protocol === 'all') return EVERY_PORT;
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  if (fromPort === undefined || toPort === undefined || fromPort < 0 || toPort < 0) return EVERY_PORT;
  return { from: Math.min(fromPort, toPort), to: Math.max(fromPort, toPort) };
}

export function inRange(range: PortRange, port: number): boolean {
  return port >= range.from && port <= range.to;
}

/** The parts of `range` that no port in `allowed` covers, in order. */
export function subtractPorts(range: PortRange, allowed: readonly number[]): PortRange[] {
  const holes = [...new Set(allowed)].filter((p) => inRange(range, p)).sort((a, b) => a - b);
  const out: PortRange[] = [];
  let start = range.from;
  for (const port of holes) {
    if (port > start) out.push({ from: start, to: port - 1 });
    start = port + 1;
  }
  if (start <= range.to) out.push({ from: start, to: range.to });
  return out;
}

export function formatRange(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

export function formatRanges(ranges: readonly PortRange[]): string {
  return ranges.map(formatRange).join(', ');
}

/** Ports grouped by transport for annotations: "tcp 80, 443; udp 53". */
export function formatPorts(ports: readonly { transport: Transport; port: number }[]): string {
  const by = new Map<Transport, Set<number>>();
  for (const { transport, port } of ports) {
    const set = by.get(transport) ?? new Set<number>();
    set.add(port);
    by.set(transport, set);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, set]) => `${t} ${[...set].sort((a, b) => a - b).join(', ')}`)
    .join('; ');
}
