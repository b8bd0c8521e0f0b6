// Security Hub ELB.9 verdicts from the control text ("The control fails if cross-zone load balancing is
// not enabled for a CLB") and the managed rule elb-cross-zone-load-balancing-enabled (Classic only).
import type { TargetGroupAttributes } from '../../../rules/core/resources/facets/target-group-attributes.js';
import { targetGroupArn } from '../../fixtures/network-items.js';
import type { ParityTable } from '../../support/parity.js';
import { classicFromItem, elbv2FromItem } from '../../support/parity-models.js';

export const CROSS_ZONE = 'load_balancing.cross_zone.enabled';

export function tgAttributes(
  name: string,
  crossZone: string | undefined,
  targetType = 'instance',
): TargetGroupAttributes {
  return {
    arn: targetGroupArn(name),
    name,
    targetType,
    attributes:
      crossZone === undefined
        ? { 'deregistration_delay.timeout_seconds': '300' }
        : { [CROSS_ZONE]: crossZone },
  };
}

const classic = (enabled: string) => ({
  lb: classicFromItem(),
  facets: { attributes: { 'crossZoneLoadBalancing.enabled': enabled }, targetGroupAttributes: [] },
});

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.9',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-9 ; ' +
      'https://docs.aws.amazon.com/config/latest/developerguide/elb-cross-zone-load-balancing-enabled.html',
    cases: [
      { name: 'CLB with cross-zone load balancing enabled passes', ...classic('true'), control: 'PASSED' },
      { name: 'CLB with cross-zone load balancing disabled fails', ...classic('false'), control: 'FAILED' },
      {
        name: 'an NLB with cross-zone off is not a Classic load balancer: not applicable',
        lb: elbv2FromItem('network'),
        facets: {
          attributes: { [CROSS_ZONE]: 'false' },
          targetGroupAttributes: [tgAttributes('tcp', 'false')],
        },
        control: 'NOT_APPLICABLE',
      },
      {
        name: 'an ALB target group with cross-zone off is not applicable',
        lb: elbv2FromItem('application'),
        facets: { attributes: {}, targetGroupAttributes: [tgAttributes('web', 'false')] },
        control: 'NOT_APPLICABLE',
      },
      {
        name: 'a Gateway Load Balancer is not applicable',
        lb: elbv2FromItem('gateway'),
        facets: {},
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
