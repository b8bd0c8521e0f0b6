import type { ListenerRule } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { listenerRule } from '../normalize/elbv2.js';
import { listeners } from './listeners.js';

/**
 * Non-default rules of every HTTP ALB listener, by listener ARN. Config does not record listener
 * rules, so this always comes from DescribeRules. Empty for NLB, GWLB and Classic.
 */
export const listenerRules = defineFacet<'listenerRules', Record<string, ListenerRule[]>>({
  key: 'listenerRules',
  description: 'Non-default ALB listener rules (conditions and actions), by listener ARN',
  iamActions: ['elasticloadbalancing:DescribeRules', ...listeners.iamActions],
  async live(lb, { aws, need }) {
    if (lb.kind !== 'application') return {};
    const { ElasticLoadBalancingV2Client, paginateDescribeRules } = await import('../../aws/sdk/elbv2.js');
    const client = aws.client(ElasticLoadBalancingV2Client);
    const out: Record<string, ListenerRule[]> = {};
    // Only plaintext HTTP listeners' rules decide anything (alb-https-only); HTTPS ones are not read.
    for (const listener of (await need(listeners, lb)).filter((l) => l.protocol === 'HTTP')) {
      const rules: ListenerRule[] = [];
      for await (const page of paginateDescribeRules(
        { client },
        { ListenerArn: listener.arn, PageSize: 400 },
      )) {
        for (const raw of page.Rules ?? []) {
          const rule = listenerRule(raw);
          if (!rule.isDefault) rules.push(rule);
        }
      }
      out[listener.arn] = rules;
    }
    return out;
  },
});
