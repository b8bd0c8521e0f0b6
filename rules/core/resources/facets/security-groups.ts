import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { RegionalAws } from '../../aws/regional-aws.js';
import type { SecurityGroup, SecurityGroupPermission } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { securityGroup } from '../normalize/security-group.js';
import { SECURITY_GROUP_READER } from '../readers.js';

const GROUPS_PER_CALL = 100;

const ipRange = z.object({ cidr: z.string().min(1), description: z.string().optional() });
const permissionSnapshot: z.ZodType<SecurityGroupPermission> = z.object({
  protocol: z.string(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  ipv4Ranges: z.array(ipRange),
  ipv6Ranges: z.array(ipRange),
  prefixListIds: z.array(z.string()),
  groupPairs: z.array(
    z.object({
      groupId: z.string().optional(),
      userId: z.string().optional(),
      groupName: z.string().optional(),
    }),
  ),
});
export const securityGroupSnapshot: z.ZodType<SecurityGroup> = z.object({
  groupId: z.string().min(1),
  groupName: z.string().optional(),
  vpcId: z.string().optional(),
  ownerId: z.string().optional(),
  ingress: z.array(permissionSnapshot),
  egress: z.array(permissionSnapshot),
});

/** The security groups attached to the load balancer, read in shared batches across load balancers. */
export const securityGroups = defineFacet<'securityGroups', SecurityGroup[]>({
  key: 'securityGroups',
  description: 'Security groups attached to the load balancer, with ingress and egress permissions',
  iamActions: ['ec2:DescribeSecurityGroups'],
  snapshot: z.array(securityGroupSnapshot),
  async live(lb, { aws }) {
    return Promise.all(lb.securityGroupIds.map((id) => securityGroupLoader(aws).load(id)));
  },
});

/** Shared by every facet that reads security groups; Config items prime it with their own copy (RegionalAws.prime). */
export function securityGroupLoader(aws: RegionalAws) {
  return aws.batcher<string, SecurityGroup>(SECURITY_GROUP_READER, GROUPS_PER_CALL, async (ids) => {
    const ec2 = aws.client(EC2Client);
    try {
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...ids] }));
      const byId = new Map((out.SecurityGroups ?? []).map((g) => [g.GroupId ?? '', securityGroup(g)]));
      return ids.map((id) => byId.get(id) ?? new Error(`security group ${id} not found`));
    } catch (error) {
      // One unknown id fails the whole call: retry one by one so the others still load.
      if (ids.length === 1) return [error as Error];
      return Promise.all(
        ids.map(async (id) => {
          try {
            const one = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }));
            const group = one.SecurityGroups?.[0];
            return group ? securityGroup(group) : new Error(`security group ${id} not found`);
          } catch (inner) {
            return inner as Error;
          }
        }),
      );
    }
  });
}
