import { compliant, nonCompliant, notApplicable } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { enableClbCrossZone } from '../core/remediation/aws-enable-clb-cross-zone-load-balancing/link.js';
import { attributes } from '../core/resources/facets/attributes.js';
import { targetGroupAttributes } from '../core/resources/facets/target-group-attributes.js';

/** Classic attributes are flattened: CrossZoneLoadBalancing.Enabled. */
const CLASSIC_KEY = 'crossZoneLoadBalancing.enabled';
/** The ELBv2 load balancer and target group attribute (same key). */
const ELBV2_KEY = 'load_balancing.cross_zone.enabled';
/** A target group's value when it follows its load balancer. */
const INHERIT = 'use_load_balancer_configuration';

export const rule = defineRule({
  id: 'lb-cross-zone',
  title: 'Load balancers spread traffic across zones',
  description:
    'Cross-zone load balancing is on, so a zone with fewer healthy targets is not overloaded and losing a ' +
    'zone’s targets does not strand that zone’s traffic. A Classic load balancer needs CrossZoneLoadBalancing ' +
    'enabled. A Network Load Balancer needs load_balancing.cross_zone.enabled on, for the load balancer and for ' +
    'each target group (a target group may override it either way). An Application Load Balancer always ' +
    'balances across zones unless a target group turns it off: such a target group fails. An attribute that ' +
    'could not be read is never taken as its default. preset=securityhub-elb9 reproduces Security Hub ELB.9 ' +
    '(Classic only).',
  severity: 'medium',
  appliesTo: ['classic', 'network', 'application'],
  resourceTypes: [CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER],
  triggers: { changes: [CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    preset: {
      type: 'enum',
      values: ['none', 'securityhub-elb9'],
      default: 'none',
      description:
        'securityhub-elb9: Classic load balancers only, as Security Hub ELB.9 judges them; every other kind is not applicable.',
    },
  },
  needs: [attributes, targetGroupAttributes],
  remediation: enableClbCrossZone,
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.9',
      relation: 'stricter',
      note: 'ELB.9 judges Classic load balancers only; the defaults also judge NLBs and ALB target groups.',
      parity: { preset: 'securityhub-elb9' },
    },
    {
      framework: 'AWS Config managed rule',
      id: 'elb-cross-zone-load-balancing-enabled',
      relation: 'stricter',
      note: 'The managed rule judges Classic load balancers only.',
    },
  ],
  applicable(lb, params) {
    if (params.preset === 'securityhub-elb9' && lb.kind !== 'classic')
      return 'Security Hub ELB.9 judges Classic load balancers only (preset securityhub-elb9).';
    return undefined;
  },
  evaluate({ lb, attributes, targetGroupAttributes }) {
    if (lb.kind === 'classic') {
      const value = flag(attributes[CLASSIC_KEY], `${CLASSIC_KEY} of ${lb.name}`, false);
      return value === 'true'
        ? compliant('Cross-zone load balancing is enabled.')
        : nonCompliant(['cross-zone load balancing is disabled: enable CrossZoneLoadBalancing']);
    }
    const findings: string[] = [];
    const on: string[] = [];
    const skipped: string[] = [];
    // An ALB always balances across zones; the attribute is not read (and cannot be turned off) there.
    const lbValue =
      lb.kind === 'network' ? flag(attributes[ELBV2_KEY], `${ELBV2_KEY} of ${lb.name}`, false) : 'true';
    for (const group of [...targetGroupAttributes].sort((a, b) => a.name.localeCompare(b.name))) {
      if (group.targetType === 'lambda') {
        skipped.push(`${group.name} (Lambda target)`);
        continue;
      }
      const own = flag(group.attributes[ELBV2_KEY], `${ELBV2_KEY} of target group ${group.name}`, true);
      const effective = own === INHERIT ? lbValue : own;
      if (effective === 'true') on.push(group.name);
      else if (own === 'false')
        findings.push(`target group ${group.name} turns cross-zone load balancing off`);
      else
        findings.push(
          `target group ${group.name} follows the load balancer, which has cross-zone load balancing off`,
        );
    }
    if (lb.kind === 'network' && lbValue === 'false' && findings.length === 0 && on.length === 0)
      findings.push(`cross-zone load balancing is off (${ELBV2_KEY}=false)`);
    const notJudged = skipped.length ? ` Not judged: ${skipped.join(', ')}.` : '';
    if (findings.length) return nonCompliant(notJudged ? [...findings, notJudged.trim()] : findings);
    if (lb.kind === 'application' && on.length === 0)
      return notApplicable(`No target groups that could turn cross-zone load balancing off.${notJudged}`);
    const where = lb.kind === 'network' ? `Load balancer: ${lbValue === 'true' ? 'on' : 'off'}. ` : '';
    return compliant(
      `${where}Cross-zone on for ${on.length ? `target groups ${on.join(', ')}` : 'the load balancer'}.${notJudged}`,
    );
  },
});

/** "true" or "false" (or inherit where allowed), as ELB spells them; anything else is not evidence. */
function flag(value: string | undefined, what: string, inheritAllowed: boolean): string {
  if (value === undefined) throw new Error(`${what} not supplied`);
  const normal = value.trim().toLowerCase();
  if (normal === 'true' || normal === 'false' || (inheritAllowed && normal === INHERIT)) return normal;
  throw new Error(`${what} is "${value}"; expected true, false${inheritAllowed ? ` or ${INHERIT}` : ''}`);
}
