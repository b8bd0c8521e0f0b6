import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { availabilityZones } from '../core/resources/facets/availability-zones.js';

export const rule = defineRule({
  id: 'lb-multi-az',
  title: 'Load balancers span several Availability Zones',
  description:
    'A load balancer of any kind is enabled in at least minAvailabilityZones distinct Availability Zones ' +
    '(2 by default), so the loss of one zone does not take it down. ELBv2 load balancers count their zone ' +
    'mappings, Classic ones their Availability Zones. Zones that could not be read are never counted as none.',
  severity: 'medium',
  appliesTo: ['application', 'network', 'gateway', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    minAvailabilityZones: {
      type: 'integer',
      default: 2,
      // The managed rules clb-multiple-az and elbv2-multiple-az accept 2 to 10; Security Hub offers 2 to 6.
      min: 2,
      max: 10,
      description:
        'The fewest distinct Availability Zones that pass (2 to 10, as the managed rules accept; Security Hub ' +
        'ELB.10 and ELB.13 offer 2 to 6).',
    },
  },
  needs: [availabilityZones],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.10',
      relation: 'equivalent',
      note: 'ELB.10 counts the Classic Load Balancer’s Availability Zones against minAvailabilityZones (default 2).',
    },
    {
      framework: 'Security Hub',
      id: 'ELB.13',
      relation: 'equivalent',
      note: 'Counts zone mappings as elbv2-multiple-az does; the ELB.13 text speaks of registered instances.',
    },
    { framework: 'AWS Config managed rule', id: 'clb-multiple-az', relation: 'equivalent' },
    { framework: 'AWS Config managed rule', id: 'elbv2-multiple-az', relation: 'equivalent' },
  ],
  evaluate({ availabilityZones }, { params }) {
    const zones = [...new Set(availabilityZones)].sort();
    const listed = zones.join(', ');
    const count = `${zones.length} Availability Zone${zones.length === 1 ? '' : 's'}`;
    if (zones.length >= params.minAvailabilityZones) return compliant(`Spans ${count}: ${listed}.`);
    return nonCompliant([
      `spans ${count} (${listed}); minAvailabilityZones is ${params.minAvailabilityZones}: enable it in more zones`,
    ]);
  },
});
