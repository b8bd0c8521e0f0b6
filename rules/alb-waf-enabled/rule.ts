import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { associateWebAcl } from '../core/remediation/associate-web-acl/link.js';
import { webAcl } from '../core/resources/facets/web-acl.js';

export const rule = defineRule({
  id: 'alb-waf-enabled',
  title: 'Internet-facing ALBs are protected by an AWS WAF web ACL',
  description:
    'An internet-facing Application Load Balancer (or every ALB, with scope=all) is associated with a WAFv2 ' +
    'web ACL, and, when allowedWebAcls is set, with one of those. Internal ALBs are not applicable unless ' +
    'scope=all. WAF Classic associations are not counted: WAF Classic is retired.',
  severity: 'medium',
  appliesTo: ['application'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  // The association is not part of the load balancer's configuration item: the sweep reads it.
  triggers: { changes: [ELBV2_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    scope: {
      type: 'enum',
      values: ['internet-facing', 'all'],
      default: 'internet-facing',
      description: 'Which ALBs must have a web ACL: internet-facing ones, or all.',
    },
    allowedWebAcls: {
      type: 'stringList',
      default: [],
      expected: 'web ACL names or ARNs',
      description: 'Web ACLs that count, by name or ARN. Empty means any web ACL.',
    },
  },
  needs: [webAcl],
  remediation: associateWebAcl,
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.16',
      relation: 'related',
      note: 'ELB.16 judges every ALB and counts WAF Classic; the defaults skip internal ALBs and, WAF Classic being unread, fail a WAF Classic-only ALB.',
    },
    {
      framework: 'AWS Config managed rule',
      id: 'alb-waf-enabled',
      relation: 'related',
      note: 'The managed rule checks every ALB (scope=all matches that) and counts WAF Classic, which this rule does not read.',
    },
  ],
  applicable(lb, params) {
    return lb.scheme === 'internal' && params.scope === 'internet-facing'
      ? 'Internal ALB; scope=internet-facing checks only internet-facing ALBs.'
      : undefined;
  },
  evaluate({ lb, webAcl }, { params }) {
    if (!webAcl) return nonCompliant([`${lb.scheme} ALB has no AWS WAF web ACL`]);
    const allowed = params.allowedWebAcls;
    if (allowed.length && !allowed.includes(webAcl.name) && !allowed.includes(webAcl.arn))
      return nonCompliant([`web ACL ${webAcl.name} is not one of allowedWebAcls (${allowed.join(', ')})`]);
    return compliant(`Protected by web ACL ${webAcl.name}.`);
  },
});
