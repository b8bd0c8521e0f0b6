import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { tags } from '../core/resources/facets/tags.js';

export const DEFAULT_APPROVAL_TAG = 'elb-config-rules:internet-facing-approved';

export const rule = defineRule({
  id: 'lb-internet-facing-approved',
  title: 'Internet-facing load balancers are approved',
  description:
    'An internet-facing load balancer passes only when it carries the approval tag (with an accepted value) ' +
    'or is listed by name or ARN in allowedLoadBalancers. Anything else is an internal application that ' +
    'may have been put on the internet by mistake. Internal load balancers are not applicable.',
  severity: 'medium',
  appliesTo: ['application', 'network', 'gateway', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    approvalTagKey: {
      type: 'string',
      default: DEFAULT_APPROVAL_TAG,
      pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
      expected: 'a tag key (1 to 128 letters, digits, spaces and _.:/=+-@)',
      description: 'The tag that marks an internet-facing load balancer as approved.',
    },
    approvalTagValues: {
      type: 'stringList',
      default: ['true'],
      expected: 'tag values, or * for any value',
      description: 'Values of the approval tag that count as approval; * accepts any value.',
    },
    allowedLoadBalancers: {
      type: 'stringList',
      default: [],
      expected: 'load balancer names or ELBv2 ARNs',
      description: 'Internet-facing load balancers approved without a tag, by name or ARN.',
    },
  },
  needs: [tags],
  // No managed rule or Security Hub control asks whether exposure was intended.
  controls: [],
  applicable: (lb) => (lb.scheme === 'internal' ? 'Internal: not reachable from the internet.' : undefined),
  evaluate({ lb, tags }, { params }) {
    if (params.allowedLoadBalancers.some((entry) => entry === lb.name || entry === lb.resourceId))
      return compliant('Internet-facing and approved: listed in allowedLoadBalancers.');
    const key = params.approvalTagKey;
    const value = tags[key];
    if (value === undefined) {
      return nonCompliant([
        `internet-facing but not approved: no tag ${key} and not in allowedLoadBalancers`,
      ]);
    }
    const accepted = params.approvalTagValues;
    if (accepted.includes('*') || accepted.includes(value))
      return compliant(`Internet-facing and approved: tag ${key}=${value}.`);
    return nonCompliant([
      `internet-facing but not approved: tag ${key}=${JSON.stringify(value)} is not one of ${accepted.join(', ')}`,
    ]);
  },
});
