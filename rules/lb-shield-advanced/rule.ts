import { compliant, nonCompliant, notApplicable } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { protectableArn, shieldProtection } from '../core/resources/facets/shield-protection.js';
import { shieldSubscription } from '../core/resources/facets/shield-subscription.js';

export const rule = defineRule({
  id: 'lb-shield-advanced',
  title: 'Internet-facing load balancers are protected by Shield Advanced',
  description:
    'An internet-facing Application or Classic Load Balancer has an AWS Shield Advanced protection, so DDoS ' +
    'detection, mitigation and cost protection cover it. In an account without a Shield Advanced subscription ' +
    'the rule is not applicable, unless requireSubscription=true, which fails it for the missing subscription. ' +
    'Internal load balancers are not applicable; Network Load Balancers can only be protected through their ' +
    'Elastic IPs and are not judged.',
  severity: 'medium',
  appliesTo: ['application', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    requireSubscription: {
      type: 'boolean',
      default: false,
      description:
        'true: an account without a Shield Advanced subscription fails every internet-facing ALB and Classic ' +
        'Load Balancer (naming the missing subscription) instead of being not applicable.',
    },
  },
  needs: [shieldSubscription, shieldProtection],
  controls: [
    {
      framework: 'AWS Config managed rule',
      id: 'shield-advanced-enabled-autorenew',
      relation: 'related',
      note: 'That rule checks the account subscription and auto-renew; no Security Hub control checks protections.',
    },
  ],
  applicable(lb) {
    return lb.scheme === 'internal'
      ? 'Internal load balancer: Shield Advanced protects internet-facing resources.'
      : undefined;
  },
  evaluate({ lb, shieldSubscription, shieldProtection }, { params }) {
    if (shieldSubscription !== 'ACTIVE') {
      if (params.requireSubscription)
        return nonCompliant([
          'the account has no Shield Advanced subscription (GetSubscriptionState is INACTIVE); requireSubscription is true',
        ]);
      return notApplicable('No Shield Advanced subscription in the account (requireSubscription is false).');
    }
    if (shieldProtection)
      return compliant(
        `Protected by Shield Advanced (protection ${shieldProtection.name ?? shieldProtection.id}).`,
      );
    return nonCompliant([
      `internet-facing and not protected by Shield Advanced: create a protection for ${protectableArn(lb)}`,
    ]);
  },
});
