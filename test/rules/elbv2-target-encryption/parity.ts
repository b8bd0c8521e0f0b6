// Security Hub ELB.22 and ELB.21 verdicts, per target group, from the control text (elb-controls,
// quoted in the research notes) and the managed rule elbv2-targetgroup-protocol-encrypted. Each case is
// one load balancer with one target group, so the control's one finding is the rule's one result.
import type { LoadBalancer } from '../../../rules/core/model/model.js';
import type { TargetGroup } from '../../../rules/core/resources/normalize/targets.js';
import { targetGroupArn } from '../../fixtures/network-items.js';
import type { ParityCase, ParityTable } from '../../support/parity.js';
import { elbv2FromItem, targetGroupModel } from '../../support/parity-models.js';

export const tgArn = targetGroupArn;

export const group = targetGroupModel;

export function lbOf(
  kind: 'application' | 'network' | 'gateway',
  tags: Record<string, string> = {},
): LoadBalancer {
  return elbv2FromItem(kind, { tags });
}

/** One load balancer of `kind` with the groups, and the facets the rule reads. */
export function withGroups(
  kind: 'application' | 'network' | 'gateway',
  groups: TargetGroup[],
  groupTags: Record<string, Record<string, string>> = {},
  lbTags: Record<string, string> = {},
) {
  return {
    lb: lbOf(kind, lbTags),
    facets: {
      targets: groups,
      tags: lbTags,
      targetGroupTags: Object.fromEntries(groups.map((g) => [g.arn!, groupTags[g.name] ?? {}])),
    },
  };
}

const parityCase = (
  name: string,
  kind: 'application' | 'network' | 'gateway',
  tg: TargetGroup,
  control: ParityCase['control'],
  groupTags: Record<string, string> = {},
): ParityCase => ({ name, ...withGroups(kind, [tg], { [tg.name]: groupTags }), control });

/** A TLS-offload tag and allow-list do not exist in Security Hub: they change nothing in parity mode. */
const OFFLOAD_TAG = { 'elb-config-rules:tls-offload': 'terminates here' };

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.22',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-22 ; ' +
      'https://docs.aws.amazon.com/config/latest/developerguide/elbv2-targetgroup-protocol-encrypted.html',
    cases: [
      parityCase(
        'ALB target group using HTTPS passes',
        'application',
        group('a', 'HTTPS', 'HTTPS'),
        'PASSED',
      ),
      parityCase('NLB target group using TLS passes', 'network', group('b', 'TLS', 'TCP'), 'PASSED'),
      parityCase('QUIC passes', 'network', group('q', 'QUIC', 'TCP'), 'PASSED'),
      parityCase('HTTP fails', 'application', group('c', 'HTTP', 'HTTPS'), 'FAILED'),
      parityCase('TCP fails', 'network', group('d', 'TCP', 'TCP'), 'FAILED'),
      parityCase('UDP fails (no exemption in the control)', 'network', group('e', 'UDP', 'TCP'), 'FAILED'),
      parityCase('TCP_UDP fails', 'network', group('f', 'TCP_UDP', 'TCP'), 'FAILED'),
      parityCase(
        'TCP_QUIC fails (not HTTPS, TLS or QUIC)',
        'network',
        group('g', 'TCP_QUIC', 'TCP'),
        'FAILED',
      ),
      parityCase(
        'HTTP tagged as TLS offload still fails',
        'application',
        group('h', 'HTTP', 'HTTP'),
        'FAILED',
        OFFLOAD_TAG,
      ),
      parityCase(
        'Lambda target type is not applicable',
        'application',
        group('i', undefined, undefined, 'lambda'),
        'NOT_APPLICABLE',
      ),
      parityCase(
        'ALB target type is not applicable',
        'network',
        group('j', 'TCP', 'HTTP', 'alb'),
        'NOT_APPLICABLE',
      ),
      parityCase(
        'GENEVE protocol is not applicable',
        'gateway',
        group('k', 'GENEVE', 'TCP'),
        'NOT_APPLICABLE',
      ),
    ],
  },
  {
    control: 'ELB.21',
    source: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-21',
    cases: [
      parityCase('HTTPS health check passes', 'application', group('a', 'HTTPS', 'HTTPS'), 'PASSED'),
      parityCase(
        'HTTPS health check of an NLB TLS group passes',
        'network',
        group('b', 'TLS', 'HTTPS'),
        'PASSED',
      ),
      parityCase(
        'HTTPS health check of a plaintext group passes',
        'application',
        group('c', 'HTTP', 'HTTPS'),
        'PASSED',
      ),
      parityCase('HTTP health check fails', 'application', group('d', 'HTTPS', 'HTTP'), 'FAILED'),
      parityCase('NLB TCP health check fails', 'network', group('e', 'TLS', 'TCP'), 'FAILED'),
      parityCase('UDP group with TCP health check fails', 'network', group('f', 'UDP', 'TCP'), 'FAILED'),
      parityCase('ALB target type is judged too', 'network', group('g', 'TCP', 'HTTP', 'alb'), 'FAILED'),
      parityCase(
        'GENEVE group with TCP health check fails',
        'gateway',
        group('h', 'GENEVE', 'TCP'),
        'FAILED',
      ),
      parityCase(
        'GENEVE group with HTTPS health check passes',
        'gateway',
        group('i', 'GENEVE', 'HTTPS'),
        'PASSED',
      ),
      parityCase(
        'HTTP health check tagged as TLS offload still fails',
        'application',
        group('j', 'HTTP', 'HTTP'),
        'FAILED',
        OFFLOAD_TAG,
      ),
      parityCase(
        'Lambda target type is not applicable',
        'application',
        group('k', undefined, undefined, 'lambda'),
        'NOT_APPLICABLE',
      ),
    ],
  },
];
