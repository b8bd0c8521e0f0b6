import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LOAD_BALANCER } from '../core/model/model.js';

export const rule = defineRule({
  id: 'nlb-has-security-groups',
  title: 'Network Load Balancers have security groups',
  description:
    'A Network Load Balancer has at least one security group. An NLB created without security groups can ' +
    'never be given one, so its traffic can only be filtered at the targets, which must then admit clients ' +
    'directly; the fix is to recreate it with a security group.',
  severity: 'medium',
  appliesTo: ['network'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {},
  needs: [],
  controls: [
    {
      framework: 'Security Hub',
      id: 'EC2.18',
      relation: 'related',
      note: 'Without a security group the NLB cannot limit world ingress to its listener ports.',
    },
  ],
  evaluate({ lb }) {
    if (lb.securityGroupIds.length) return compliant(`Security groups: ${lb.securityGroupIds.join(', ')}.`);
    return nonCompliant([
      `${lb.scheme} NLB has no security groups and cannot be given any later; recreate it with a security group to filter its traffic`,
    ]);
  },
});
