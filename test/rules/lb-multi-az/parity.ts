// Security Hub ELB.10 (Classic) and ELB.13 (ALB, NLB, GWLB): distinct Availability Zones at least
// minAvailabilityZones, 2 by default (the parity setting: the rule's own default).
import type { ElbV2Kind } from '../../../rules/core/model/model.js';
import type { ParityTable } from '../../support/parity.js';
import { classicFromItem, elbv2FromItem } from '../../support/parity-models.js';

const classic = classicFromItem();
const elbv2 = (type: ElbV2Kind) => elbv2FromItem(type, { name: `${type}-lb` });

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.10',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-10 ; ' +
      'https://docs.aws.amazon.com/config/latest/developerguide/clb-multiple-az.html',
    cases: [
      { name: 'spans one AZ', lb: classic, facets: { availabilityZones: ['us-east-1a'] }, control: 'FAILED' },
      {
        name: 'spans two AZs (the default minimum)',
        lb: classic,
        facets: { availabilityZones: ['us-east-1a', 'us-east-1b'] },
        control: 'PASSED',
      },
      {
        name: 'spans three AZs',
        lb: classic,
        facets: { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
        control: 'PASSED',
      },
    ],
  },
  {
    control: 'ELB.13',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13 ; ' +
      'https://docs.aws.amazon.com/config/latest/developerguide/elbv2-multiple-az.html',
    cases: [
      ...(['application', 'network', 'gateway'] as const).flatMap((type) => [
        {
          name: `${type} load balancer mapped to one AZ`,
          lb: elbv2(type),
          facets: { availabilityZones: ['us-east-1a'] },
          control: 'FAILED' as const,
        },
        {
          name: `${type} load balancer mapped to two AZs`,
          lb: elbv2(type),
          facets: { availabilityZones: ['us-east-1a', 'us-east-1b'] },
          control: 'PASSED' as const,
        },
      ]),
    ],
  },
];
