// Security-group ingress as a flat list of rules, each with its protocol, port range and
// classified sources (world CIDR, other CIDR, prefix list, group of this or another account).
import type { SecurityGroup } from '../../model/model.js';
import { type Cidr, isWorld, parseCidr } from './cidr.js';
import {
  carries,
  formatRange,
  inRange,
  type PortRange,
  type ProtocolName,
  permissionPorts,
  protocolName,
  type Transport,
} from './ports.js';

export type IngressSource =
  | { kind: 'cidr'; cidr: Cidr; world: boolean }
  | { kind: 'prefixList'; id: string }
  | { kind: 'group'; groupId: string; userId?: string; crossAccount: boolean };

export interface IngressRule {
  group: SecurityGroup;
  protocol: ProtocolName;
  /** The tcp or udp ports opened (every port for "all"); undefined for protocols without ports. */
  ports?: PortRange;
  sources: IngressSource[];
}

/**
 * The group's ingress rules. `accountId` is the evaluated account: a referenced group owned by
 * any other account is cross-account. Throws InvalidCidrError on a malformed CIDR.
 */
export function ingressRules(group: SecurityGroup, accountId: string): IngressRule[] {
  const owner = group.ownerId || accountId;
  return group.ingress.map((permission) => {
    const protocol = protocolName(permission.protocol);
    const sources: IngressSource[] = [];
    for (const range of [...permission.ipv4Ranges, ...permission.ipv6Ranges]) {
      const cidr = parseCidr(range.cidr);
      sources.push({ kind: 'cidr', cidr, world: isWorld(cidr) });
    }
    for (const id of permission.prefixListIds) sources.push({ kind: 'prefixList', id });
    for (const pair of permission.groupPairs) {
      if (!pair.groupId) continue;
      sources.push({
        kind: 'group',
        groupId: pair.groupId,
        userId: pair.userId,
        crossAccount: Boolean(pair.userId && pair.userId !== owner),
      });
    }
    return {
      group,
      protocol,
      ports: permissionPorts(protocol, permission.fromPort, permission.toPort),
      sources,
    };
  });
}

/** Whether the rule admits the transport on the port. */
export function opensPort(rule: IngressRule, transport: Transport, port: number): boolean {
  return carries(rule.protocol, transport) && rule.ports !== undefined && inRange(rule.ports, port);
}

/** "sg-0abc (web-alb)" */
export function describeGroup(group: SecurityGroup): string {
  return group.groupName ? `${group.groupId} (${group.groupName})` : group.groupId;
}

/** "tcp 22", "udp 1000-2000", "all traffic", "icmp", "protocol 50" */
export function describeRule(rule: IngressRule): string {
  if (rule.protocol === 'all') return 'all traffic';
  if (rule.protocol === 'tcp' || rule.protocol === 'udp')
    return `${rule.protocol} ${formatRange(rule.ports ?? { from: 0, to: 65535 })}`;
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') return rule.protocol;
  return `protocol ${rule.protocol}`;
}

/** "0.0.0.0/0", "pl-0abc", "sg-0def", "sg-0def of account 444455556666" */
export function describeSource(source: IngressSource): string {
  switch (source.kind) {
    case 'cidr':
      return source.cidr.text;
    case 'prefixList':
      return `prefix list ${source.id}`;
    case 'group':
      return source.crossAccount ? `${source.groupId} of account ${source.userId}` : source.groupId;
  }
}
