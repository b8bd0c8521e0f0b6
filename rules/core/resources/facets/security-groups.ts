import type { RegionalAws } from '../../aws/regional-aws.js';
import type { SecurityGroup } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { securityGroup } from '../normalize/security-group.js';

const GROUPS_PER_CALL = 100;

/** The security groups attached to the load balancer, read in shared batches across load balancers. */
export const securityGroups = defineFacet<'securityGroups', SecurityGroup[]>({
  key: 'securityGroups',
  description: 'Security groups attached to the load balancer, with ingress and egress permissions',
  iamActions: ['ec2:DescribeSecurityGroups'],
  async live(lb, { aws }) {
    return Promise.all(lb.securityGroupIds.map((id) => securityGroupLoader(aws).load(id)));
  },
});

/** Shared by every facet that reads security groups; Config items prime it with their own copy. */
export function securityGroupLoader(aws: RegionalAws) {
  return aws.batcher<string, SecurityGroup>('security-groups', GROUPS_PER_CALL, async (ids) => {
    const { DescribeSecurityGroupsCommand, EC2Client } = await import('../../aws/sdk/ec2.js');
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
