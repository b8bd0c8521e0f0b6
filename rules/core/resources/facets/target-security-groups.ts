import ipaddr from 'ipaddr.js';
import type { RegionalAws } from '../../aws/regional-aws.js';
import type { SecurityGroup } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { instanceGroups, type NetworkInterfaceSummary, networkInterface } from '../normalize/targets.js';
import { securityGroupLoader } from './security-groups.js';
import { targets } from './targets.js';

/** How a target's security groups were found, or why they could not be. */
export type TargetGuard = { found: true; via: string; groupIds: string[] } | { found: false; reason: string };

export interface TargetSecurityGroups {
  /** By target id (instance id or IP address); Lambda and ALB targets have no entry. */
  byTarget: Record<string, TargetGuard>;
  /** Every group named in byTarget, once. */
  groups: SecurityGroup[];
}

const INSTANCES_PER_CALL = 100;
/** EC2 filters take at most 200 values; stay well under. */
const ADDRESSES_PER_CALL = 100;

/**
 * The security groups guarding each instance or IP target: an instance's primary network
 * interface groups; for an IP, the groups of the network interface that owns it, found by
 * address (preferring the target group's VPC). Groups are read through the shared batcher.
 */
export const targetSecurityGroups = defineFacet<'targetSecurityGroups', TargetSecurityGroups>({
  key: 'targetSecurityGroups',
  description: 'Security groups of instance and IP targets (via their instances or network interfaces)',
  iamActions: [
    ...targets.iamActions,
    'ec2:DescribeInstances',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSecurityGroups',
  ],
  async live(lb, { aws, need }) {
    const groups = await need(targets, lb);
    const byTarget: Record<string, TargetGuard> = {};
    const pending: Promise<void>[] = [];
    for (const group of groups) {
      for (const target of group.targets) {
        if (target.id in byTarget) continue;
        if (group.targetType === 'instance') {
          byTarget[target.id] = { found: false, reason: 'pending' };
          pending.push(
            instanceLoader(aws)
              .load(target.id)
              .then((found) => {
                byTarget[target.id] = found
                  ? { found: true, via: found.eniId ?? target.id, groupIds: found.groupIds }
                  : { found: false, reason: `instance ${target.id} not found` };
              }),
          );
        } else if (group.targetType === 'ip') {
          byTarget[target.id] = { found: false, reason: 'pending' };
          const vpcId = group.vpcId ?? lb.vpcId;
          pending.push(
            interfaceLoader(aws)
              .load(normalizeIp(target.id))
              .then((owners) => {
                byTarget[target.id] = guardOfIp(target.id, owners, vpcId, target.availabilityZone);
              }),
          );
        }
      }
    }
    await Promise.all(pending);
    const ids = new Set<string>();
    for (const guard of Object.values(byTarget))
      if (guard.found) for (const id of guard.groupIds) ids.add(id);
    const loaded = await securityGroupLoader(aws).loadMany([...ids]);
    const failure = loaded.find((g): g is Error => g instanceof Error);
    if (failure) throw failure;
    return { byTarget, groups: loaded as SecurityGroup[] };
  },
});

function guardOfIp(
  ip: string,
  owners: readonly NetworkInterfaceSummary[],
  vpcId: string | undefined,
  availabilityZone: string | undefined,
): TargetGuard {
  const inVpc = owners.filter((eni) => eni.vpcId === vpcId);
  const chosen =
    inVpc.length === 1 ? inVpc[0] : inVpc.length === 0 && owners.length === 1 ? owners[0] : undefined;
  if (chosen) return { found: true, via: chosen.eniId, groupIds: chosen.groupIds };
  if (owners.length > 1)
    return {
      found: false,
      reason: `IP target ${ip}: ${owners.length} network interfaces hold this address (${owners.map((o) => o.eniId).join(', ')})`,
    };
  const outside = availabilityZone === 'all' ? ' (registered as outside the VPC)' : '';
  return { found: false, reason: `IP target ${ip}${outside}: no network interface in this account holds it` };
}

function normalizeIp(ip: string): string {
  try {
    return ipaddr.parse(ip).toString();
  } catch {
    return ip;
  }
}

type InstanceFound = { eniId?: string; groupIds: string[] } | undefined;

function instanceLoader(aws: RegionalAws) {
  return aws.batcher<string, InstanceFound>('target-instances', INSTANCES_PER_CALL, async (ids) => {
    const { DescribeInstancesCommand, EC2Client } = await import('../../aws/sdk/ec2.js');
    const ec2 = aws.client(EC2Client);
    const describe = async (batch: readonly string[]) => {
      const found = new Map<string, InstanceFound>();
      let token: string | undefined;
      do {
        const out = await ec2.send(
          new DescribeInstancesCommand({ InstanceIds: [...batch], NextToken: token }),
        );
        for (const reservation of out.Reservations ?? []) {
          for (const raw of reservation.Instances ?? []) {
            const summary = instanceGroups(raw);
            found.set(summary.instanceId, { eniId: summary.eniId, groupIds: summary.groupIds });
          }
        }
        token = out.NextToken;
      } while (token);
      return found;
    };
    try {
      const found = await describe(ids);
      return ids.map((id) => found.get(id));
    } catch (error) {
      // One unknown (long-terminated) id fails the whole call: retry one by one.
      if (ids.length === 1) {
        return isNotFound(error) ? [undefined] : [error as Error];
      }
      return Promise.all(
        ids.map(async (id) => {
          try {
            return (await describe([id])).get(id);
          } catch (inner) {
            return isNotFound(inner) ? undefined : (inner as Error);
          }
        }),
      );
    }
  });
}

function interfaceLoader(aws: RegionalAws) {
  return aws.batcher<string, NetworkInterfaceSummary[]>(
    'enis-by-address',
    ADDRESSES_PER_CALL,
    async (ips) => {
      const { EC2Client, paginateDescribeNetworkInterfaces } = await import('../../aws/sdk/ec2.js');
      const client = aws.client(EC2Client);
      const v4 = ips.filter((ip) => !ip.includes(':'));
      const v6 = ips.filter((ip) => ip.includes(':'));
      const owners = new Map<string, NetworkInterfaceSummary[]>(ips.map((ip) => [ip, []]));
      const search = async (filter: string, values: string[]) => {
        if (values.length === 0) return;
        for await (const page of paginateDescribeNetworkInterfaces(
          { client },
          { Filters: [{ Name: filter, Values: values }] },
        )) {
          for (const raw of page.NetworkInterfaces ?? []) {
            const eni = networkInterface(raw);
            for (const address of eni.addresses) owners.get(normalizeIp(address))?.push(eni);
          }
        }
      };
      await search('addresses.private-ip-address', v4);
      await search('ipv6-addresses.ipv6-address', v6);
      return ips.map((ip) => owners.get(ip) ?? []);
    },
  );
}

function isNotFound(error: unknown): boolean {
  const code = (error as { name?: string; Code?: string })?.Code ?? (error as { name?: string })?.name;
  return code === 'InvalidInstanceID.NotFound' || code === 'InvalidInstanceID.Malformed';
}
