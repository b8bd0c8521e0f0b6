import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { associateWebAcl } from '../core/remediation/associate-web-acl/link.js';
import { type WebAclRef, webAcl, webAclService } from '../core/resources/facets/web-acl.js';

/** Why WAF Classic does not count by default, with AWS's date (AWS WAF developer guide). */
const CLASSIC_RETIRED = 'WAF Classic support ended on 30 September 2025';

export const rule = defineRule({
  id: 'alb-waf-enabled',
  title: 'Internet-facing ALBs are protected by an AWS WAF web ACL',
  description:
    'An internet-facing Application Load Balancer (or every ALB, with scope=all) is associated with a WAFv2 ' +
    'web ACL, and, when allowedWebAcls is set, with one of those. Internal ALBs are not applicable unless ' +
    'scope=all. A WAF Classic association does not count and is named in the annotation: WAF Classic support ' +
    'ended on 30 September 2025. preset=securityhub reproduces Security Hub ELB.16: every ALB, internal too, ' +
    'passes with a WAFv2 or a WAF Classic web ACL.',
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
      description:
        'Web ACLs that count, by name or ARN. Empty means any web ACL. Ignored under preset=securityhub.',
    },
    preset: {
      type: 'enum',
      values: ['none', 'securityhub'],
      default: 'none',
      description:
        'securityhub: Security Hub ELB.16. Every ALB is judged, internal ones too (scope is ignored), a WAF Classic web ACL counts as a WAFv2 one does, and allowedWebAcls is ignored (ELB.16 has no parameter).',
    },
  },
  needs: [webAcl],
  remediation: associateWebAcl,
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.16',
      relation: 'related',
      note: 'ELB.16 judges every ALB and counts WAF Classic; the defaults skip internal ALBs (looser) and fail an ALB whose only web ACL is WAF Classic (stricter).',
      parity: { preset: 'securityhub' },
    },
    {
      framework: 'AWS Config managed rule',
      id: 'alb-waf-enabled',
      relation: 'related',
      note: 'The managed rule judges every ALB and counts WAF Classic, as preset=securityhub does; its optional wafWebAclIds (WAF Classic IDs, WAFv2 ARNs) is not reproduced.',
    },
  ],
  applicable(lb, params) {
    return lb.scheme === 'internal' && params.scope === 'internet-facing' && params.preset !== 'securityhub'
      ? 'Internal ALB; scope=internet-facing checks only internet-facing ALBs.'
      : undefined;
  },
  evaluate({ lb, webAcl }, { params }) {
    if (!webAcl) return nonCompliant([`${lb.scheme} ALB has no AWS WAF web ACL`]);
    if (params.preset === 'securityhub') return compliant(`Protected by ${describeAcl(webAcl)}.`);
    if (webAclService(webAcl) === 'waf-classic') {
      return nonCompliant([
        `${lb.scheme} ALB has only ${describeAcl(webAcl)}, which does not count (${CLASSIC_RETIRED}): migrate it to AWS WAF (WAFv2)`,
      ]);
    }
    const allowed = params.allowedWebAcls;
    if (allowed.length && !allowed.includes(webAcl.name) && !allowed.includes(webAcl.arn))
      return nonCompliant([`web ACL ${webAcl.name} is not one of allowedWebAcls (${allowed.join(', ')})`]);
    return compliant(`Protected by web ACL ${webAcl.name}.`);
  },
});

function describeAcl(acl: WebAclRef): string {
  return webAclService(acl) === 'waf-classic' ? `WAF Classic web ACL ${acl.name}` : `web ACL ${acl.name}`;
}
