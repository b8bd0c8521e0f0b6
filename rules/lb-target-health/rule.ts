import { compliant, fromFindings } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { targets } from '../core/resources/facets/targets.js';
import { describeTarget } from '../core/resources/names.js';
import { TARGET_STATES, type TargetGroup } from '../core/resources/normalize/targets.js';

/** Health checks turned off: ELB reports such targets "unavailable", which says nothing about them. */
const HEALTH_CHECK_DISABLED = 'Target.HealthCheckDisabled';
const MAX_IDS_SHOWN = 3;

export const rule = defineRule({
  id: 'lb-target-health',
  title: 'Load balancer targets are healthy',
  description:
    'Every target group of a load balancer (a Classic load balancer’s registered instances) ' +
    'has no more unhealthy targets than the threshold allows. Unhealthy targets are a drift signal: a ' +
    'changed security group, a stopped instance, a broken deployment. The annotation names each target ' +
    'group with its reason codes. Targets whose health checks are disabled are not counted.',
  severity: 'low',
  appliesTo: ['application', 'network', 'gateway', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  // Health is not a configuration: the periodic sweep is what sees it change. A load balancer
  // change re-reads it too (and lets Config report on, and clear, deleted load balancers).
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    maxUnhealthyPercent: {
      type: 'integer',
      default: 0,
      min: 0,
      max: 99,
      description:
        'The share of a target group’s targets that may be unhealthy before it fails, in percent. 0 fails on any unhealthy target.',
    },
    unhealthyStates: {
      type: 'stringList',
      default: ['unhealthy', 'unhealthy.draining', 'unavailable'],
      itemPattern: new RegExp(`^(${TARGET_STATES.map((s) => s.replace('.', '\\.')).join('|')})$`),
      expected: `target states (${TARGET_STATES.join(', ')})`,
      description:
        'Target states that count as unhealthy. Classic InService, OutOfService and Unknown read as healthy, unhealthy and unavailable. Add unused to catch targets in disabled zones or stopped instances.',
    },
  },
  needs: [targets],
  controls: [],
  evaluate({ targets }, { params }) {
    const counted = new Set(params.unhealthyStates);
    const findings: string[] = [];
    const healthy: string[] = [];
    const unchecked: string[] = [];
    let total = 0;
    for (const group of targets) {
      const label = labelOf(group);
      const judged = group.targets.filter((t) => t.health.reason !== HEALTH_CHECK_DISABLED);
      if (judged.length < group.targets.length) unchecked.push(label);
      if (judged.length === 0) continue;
      total += judged.length;
      const bad = judged.filter((t) => counted.has(t.health.state));
      const percent = (bad.length / judged.length) * 100;
      if (bad.length === 0 || percent <= params.maxUnhealthyPercent) {
        healthy.push(`${label} ${judged.length - bad.length}/${judged.length}`);
        continue;
      }
      const byReason = new Map<string, string[]>();
      for (const t of bad) {
        const reason = t.health.reason ?? t.health.state;
        byReason.set(reason, [...(byReason.get(reason) ?? []), t.id]);
      }
      const reasons = [...byReason.entries()]
        .map(([reason, ids]) => {
          const shown = ids.slice(0, MAX_IDS_SHOWN).join(', ');
          const more = ids.length > MAX_IDS_SHOWN ? ` +${ids.length - MAX_IDS_SHOWN}` : '';
          return `${reason} ×${ids.length}: ${shown}${more}`;
        })
        .join('; ');
      findings.push(`${label}: ${bad.length} of ${judged.length} targets unhealthy (${reasons})`);
    }
    const disabled = unchecked.length ? ` Health checks disabled: ${unchecked.join(', ')}.` : '';
    if (total === 0) return compliant(`No targets with health checks registered.${disabled}`);
    return fromFindings(findings, `Healthy targets: ${healthy.join(', ')}.${disabled}`);
  },
});

function labelOf(group: TargetGroup): string {
  return group.arn ? describeTarget(group.arn) : group.name;
}
