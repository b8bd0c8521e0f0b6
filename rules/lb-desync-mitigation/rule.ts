import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { attributes } from '../core/resources/facets/attributes.js';

export const ALB_DESYNC_MODE = 'routing.http.desync_mitigation_mode';
export const CLASSIC_DESYNC_MODE = 'elb.http.desyncmitigationmode';
/** From weakest to strictest. */
const MODES = ['monitor', 'defensive', 'strictest'] as const;
/** What ELB applies when the attribute was never set. */
const DEFAULT_MODE = 'defensive';

export const rule = defineRule({
  id: 'lb-desync-mitigation',
  title: 'HTTP desync mitigation is defensive or strictest',
  description:
    'An Application or Classic Load Balancer runs HTTP desync mitigation in at least the minimum mode ' +
    '(defensive by default; strictest by parameter). Monitor mode forwards ambiguous requests that enable ' +
    'HTTP request smuggling. An attribute that is absent or blank is not read as ELB’s default (defensive): ' +
    'the load balancer is not judged (INSUFFICIENT_DATA).',
  severity: 'medium',
  appliesTo: ['application', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    minimumMode: {
      type: 'enum',
      values: ['defensive', 'strictest'],
      default: 'defensive',
      description: 'The weakest mode that passes: defensive (accepts defensive and strictest) or strictest.',
    },
  },
  needs: [attributes],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.12',
      relation: 'equivalent',
      note: 'ELB.12 covers ALBs and accepts defensive or strictest.',
    },
    {
      framework: 'Security Hub',
      id: 'ELB.14',
      relation: 'equivalent',
      note: 'ELB.14 covers Classic Load Balancers and accepts defensive or strictest.',
    },
    { framework: 'AWS Config managed rule', id: 'alb-desync-mode-check', relation: 'equivalent' },
    { framework: 'AWS Config managed rule', id: 'clb-desync-mode-check', relation: 'equivalent' },
  ],
  evaluate({ lb, attributes }, { params }) {
    const key = lb.kind === 'classic' ? CLASSIC_DESYNC_MODE : ALB_DESYNC_MODE;
    const raw: unknown = attributes[key];
    // AWS describes every attribute; a missing or blank one was not supplied, and is not its default.
    if (typeof raw !== 'string' || raw.trim() === '')
      throw new Error(
        `${key} not supplied; the mode cannot be judged (absent is not the default, ${DEFAULT_MODE})`,
      );
    const mode = raw.toLowerCase();
    const rank = MODES.indexOf(mode as (typeof MODES)[number]);
    const minimum = MODES.indexOf(params.minimumMode);
    if (rank >= minimum) return compliant(`${key} is ${mode}.`);
    const known = rank >= 0 ? '' : ` (not a known mode: ${MODES.join(', ')})`;
    return nonCompliant([`${key} is ${mode}${known}; minimumMode is ${params.minimumMode}`]);
  },
});
