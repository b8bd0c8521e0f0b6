import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { dropInvalidHeaderFields } from '../core/remediation/aws-drop-invalid-headers-for-alb/link.js';
import { attributes } from '../core/resources/facets/attributes.js';

export const DROP_INVALID_HEADERS = 'routing.http.drop_invalid_header_fields.enabled';

export const rule = defineRule({
  id: 'alb-drop-invalid-headers',
  title: 'ALBs drop invalid HTTP header fields',
  description:
    'An Application Load Balancer has routing.http.drop_invalid_header_fields.enabled set to true, so header ' +
    'fields whose names do not match [-A-Za-z0-9]+ are removed before they reach targets (a request-smuggling ' +
    'and header-injection vector). Answered from the configuration item’s attributes when it carries them.',
  severity: 'medium',
  appliesTo: ['application'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {},
  remediation: dropInvalidHeaderFields,
  needs: [attributes],
  controls: [
    { framework: 'Security Hub', id: 'ELB.4', relation: 'equivalent' },
    {
      framework: 'AWS Config managed rule',
      id: 'alb-http-drop-invalid-header-enabled',
      relation: 'equivalent',
    },
  ],
  evaluate({ attributes }) {
    const value = attributes[DROP_INVALID_HEADERS];
    if (value?.toLowerCase() === 'true') return compliant(`${DROP_INVALID_HEADERS} is true.`);
    return nonCompliant([
      value === undefined
        ? `${DROP_INVALID_HEADERS} is not set (the default, false, forwards invalid header fields)`
        : `${DROP_INVALID_HEADERS} is ${value}; set it to true`,
    ]);
  },
});
