import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER } from '../core/model/model.js';
import { enableConnectionDraining } from '../core/remediation/aws-enable-clb-connection-draining/link.js';
import { attributes } from '../core/resources/facets/attributes.js';

export const DRAINING_ENABLED = 'connectionDraining.enabled';
export const DRAINING_TIMEOUT = 'connectionDraining.timeout';

export const rule = defineRule({
  id: 'clb-connection-draining',
  title: 'Classic Load Balancers drain connections',
  description:
    'A Classic Load Balancer has connection draining enabled, so requests in flight to an instance that is ' +
    'deregistered or fails its health check complete instead of being cut. With minimumTimeoutSeconds set, ' +
    'the draining timeout must also be at least that long. An attribute that was not read is never taken as on.',
  severity: 'low',
  appliesTo: ['classic'],
  resourceTypes: [CLASSIC_LOAD_BALANCER],
  triggers: { changes: [CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    minimumTimeoutSeconds: {
      type: 'integer',
      default: 0,
      min: 0,
      max: 3600,
      description:
        'Stricter option: the shortest draining timeout that passes, in seconds (1 to 3600). 0, the default, ' +
        'judges only that draining is enabled, as Security Hub ELB.7 does.',
    },
  },
  needs: [attributes],
  remediation: enableConnectionDraining,
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.7',
      relation: 'equivalent',
      note: 'ELB.7 checks ConnectionDraining.Enabled and ignores the timeout, as minimumTimeoutSeconds=0 does.',
    },
  ],
  evaluate({ attributes }, { params }) {
    const enabled = attributes[DRAINING_ENABLED];
    // ELB always reports ConnectionDraining.Enabled: an attribute list without it was not read in full.
    if (enabled === undefined) throw new Error(`${DRAINING_ENABLED} is not in the attributes read`);
    if (enabled.toLowerCase() !== 'true')
      return nonCompliant([`${DRAINING_ENABLED} is ${enabled}; enable connection draining`]);
    const timeout = attributes[DRAINING_TIMEOUT];
    if (params.minimumTimeoutSeconds === 0)
      return compliant(`Connection draining is on${timeout === undefined ? '' : ` (timeout ${timeout}s)`}.`);
    const seconds = timeout === undefined ? Number.NaN : Number(timeout);
    if (!Number.isInteger(seconds))
      return nonCompliant([
        `connection draining is on but ${DRAINING_TIMEOUT} is ${timeout === undefined ? 'not recorded' : `"${timeout}"`}; ` +
          `minimumTimeoutSeconds is ${params.minimumTimeoutSeconds}`,
      ]);
    if (seconds < params.minimumTimeoutSeconds)
      return nonCompliant([
        `${DRAINING_TIMEOUT} is ${seconds}s; minimumTimeoutSeconds is ${params.minimumTimeoutSeconds}`,
      ]);
    return compliant(`Connection draining is on (timeout ${seconds}s).`);
  },
});
