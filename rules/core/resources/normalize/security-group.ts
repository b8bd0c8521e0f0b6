// Security groups into models. The EC2 API lists IpRanges as objects; Config items list ipRanges
// as plain strings and repeat them in ipv4Ranges as objects. Both are read and de-duplicated.
import type { IpRange, SecurityGroup, SecurityGroupPermission } from '../../model/model.js';
import { list, num, str } from '../shape.js';

export function securityGroup(raw: unknown): SecurityGroup {
  const groupId = str(raw, 'GroupId');
  if (!groupId) throw new Error('Security group has no GroupId');
  return {
    groupId,
    groupName: str(raw, 'GroupName'),
    vpcId: str(raw, 'VpcId'),
    ownerId: str(raw, 'OwnerId'),
    ingress: list(raw, 'IpPermissions').map(permission),
    egress: list(raw, 'IpPermissionsEgress').map(permission),
  };
}

function permission(raw: unknown): SecurityGroupPermission {
  const protocol = (str(raw, 'IpProtocol') ?? '-1').toLowerCase();
  const fromPort = num(raw, 'FromPort');
  const toPort = num(raw, 'ToPort');
  return {
    protocol,
    fromPort: fromPort === -1 ? undefined : fromPort,
    toPort: toPort === -1 ? undefined : toPort,
    ipv4Ranges: ranges([...list(raw, 'IpRanges'), ...list(raw, 'Ipv4Ranges')], 'CidrIp'),
    ipv6Ranges: ranges(list(raw, 'Ipv6Ranges'), 'CidrIpv6'),
    prefixListIds: list(raw, 'PrefixListIds').flatMap((p) => {
      const id = typeof p === 'string' ? p : str(p, 'PrefixListId');
      return id ? [id] : [];
    }),
    groupPairs: list(raw, 'UserIdGroupPairs').map((pair) => ({
      groupId: str(pair, 'GroupId'),
      userId: str(pair, 'UserId'),
      groupName: str(pair, 'GroupName'),
    })),
  };
}

function ranges(items: unknown[], cidrField: string): IpRange[] {
  const byCidr = new Map<string, IpRange>();
  for (const item of items) {
    const cidr = typeof item === 'string' ? item : str(item, cidrField);
    if (!cidr) continue;
    const description = typeof item === 'string' ? undefined : str(item, 'Description');
    const existing = byCidr.get(cidr);
    byCidr.set(cidr, { cidr, description: existing?.description ?? description });
  }
  return [...byCidr.values()];
}
