// A security group's own configuration item (AWS::EC2::SecurityGroup): what it must hold to prove
// the group. Kept apart from the facets that read groups live, so the engine can read group items
// without bundling the EC2 client into rules that never read a security group.
import { z } from 'zod';
import type { SecurityGroup } from '../../model/model.js';
import type { ItemPart } from '../item-part.js';
import { securityGroup } from '../normalize/security-group.js';

const itemPermission = z
  .object({
    ipprotocol: z.string().min(1),
    fromport: z.number().int().nullable().optional(),
    toport: z.number().int().nullable().optional(),
    ipranges: z.array(z.string()).optional(),
    ipv4ranges: z.array(z.object({ cidrip: z.string().min(1) })).optional(),
    ipv6ranges: z.array(z.object({ cidripv6: z.string().min(1) })),
    prefixlistids: z.array(z.union([z.string(), z.object({ prefixlistid: z.string() })])),
    useridgrouppairs: z.array(z.object({ groupid: z.string().optional(), userid: z.string().optional() })),
  })
  .refine((p) => p.ipranges !== undefined || p.ipv4ranges !== undefined, {
    message: 'neither ipRanges nor ipv4Ranges is recorded',
  });

/** An ingress permission other than "every protocol" must say which ports it opens. */
const itemIngressPermission = itemPermission.refine(
  (p) => p.ipprotocol === '-1' || (typeof p.fromport === 'number' && typeof p.toport === 'number'),
  { message: 'a protocol-specific permission without fromPort and toPort' },
);

/**
 * A security group's own configuration item (AWS::EC2::SecurityGroup). It records one group, not
 * a load balancer's facet: the engine primes its group reader with it, so both facets that read
 * groups (securityGroups, targetSecurityGroups) see the item's copy.
 */
export const securityGroupItem: ItemPart & { read(configuration: unknown): SecurityGroup } = {
  path: ['configuration'],
  schema: z.object({
    groupid: z.string().min(1),
    ippermissions: z.array(itemIngressPermission),
    ippermissionsegress: z.array(itemPermission),
  }),
  lowerKeys: true,
  read: securityGroup,
};
