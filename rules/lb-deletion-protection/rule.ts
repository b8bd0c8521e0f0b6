import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { enableDeletionProtection } from '../core/remediation/aws-enable-elb-deletion-protection/link.js';
import { attributes } from '../core/resources/facets/attributes.js';

export const DELETION_PROTECTION = 'deletion_protection.enabled';

export const rule = defineRule({
  id: 'lb-deletion-protection',
  title: 'ELBv2 load balancers have deletion protection',
  description:
    'An Application, Network or Gateway Load Balancer has deletion_protection.enabled set to true, so it cannot ' +
    'be deleted by accident (and its DNS name, which clients depend on, lost). Classic Load Balancers have no ' +
    'such attribute and are not applicable.',
  severity: 'medium',
  appliesTo: ['application', 'network', 'gateway'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {},
  remediation: enableDeletionProtection,
  needs: [attributes],
  controls: [
    { framework: 'Security Hub', id: 'ELB.6', relation: 'equivalent' },
    { framework: 'AWS Config managed rule', id: 'elb-deletion-protection-enabled', relation: 'equivalent' },
  ],
  evaluate({ attributes }) {
    const value = attributes[DELETION_PROTECTION];
    if (value?.toLowerCase() === 'true') return compliant(`${DELETION_PROTECTION} is true.`);
    return nonCompliant([
      value === undefined
        ? `${DELETION_PROTECTION} is not set (the default is false)`
        : `${DELETION_PROTECTION} is ${value}; set it to true`,
    ]);
  },
});
