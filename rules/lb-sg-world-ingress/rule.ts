import { compliant, nonCompliant } from '../engine/outcome.js';
import { defineRule } from '../engine/rule.js';
import { listeners } from '../resources/facets/listeners.js';
import { securityGroups } from '../resources/facets/security-groups.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  SECURITY_GROUP,
} from '../resources/model.js';
import {
  describeGroup,
  describeRule,
  describeSource,
  type IngressRule,
  ingressRules,
} from '../resources/network/ingress.js';
import { type ListenerPort, listenerPorts } from '../resources/network/listener-ports.js';
import {
  carries,
  formatPorts,
  formatRanges,
  subtractPorts,
  type Transport,
} from '../resources/network/ports.js';
import { PREFIX_LIST_ID_OR_ANY, worldSourcesOf } from '../resources/network/world.js';
import { remediation } from './remediation.js';

export const rule = defineRule({
  id: 'lb-sg-world-ingress',
  title: 'Load balancer security groups open to the world only on listener ports',
  description:
    'An internet-facing load balancer may accept traffic from anywhere (0.0.0.0/0 or ::/0, in any spelling) ' +
    'only on the ports and transports its listeners use; any other world-open protocol, port or range in its ' +
    'security groups fails, naming the group, the rule and the ports beyond the listeners. An internal load ' +
    'balancer fails on any world ingress at all. Load balancers without security groups are not applicable.',
  severity: 'high',
  appliesTo: ['application', 'network', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: {
    changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER, ELBV2_LISTENER, SECURITY_GROUP],
    periodic: 'TwentyFour_Hours',
  },
  parameters: {
    worldPrefixListIds: {
      type: 'stringList',
      default: [],
      itemPattern: PREFIX_LIST_ID_OR_ANY,
      expected: 'prefix list ids (pl-…), or * for every prefix list',
      description:
        'Prefix lists to treat as world (for example one that holds 0.0.0.0/0). Prefix lists are not world otherwise.',
    },
    allowWorldIcmp: {
      type: 'boolean',
      default: false,
      description: 'Whether ICMP from the world passes (for ping or path MTU discovery).',
    },
    allowCrossAccountReferences: {
      type: 'boolean',
      default: true,
      description:
        'Whether ingress from a security group of another account passes. It is never world ingress, but it is always named.',
    },
  },
  remediation,
  needs: [securityGroups, listeners],
  controls: [
    {
      framework: 'Security Hub',
      id: 'EC2.18',
      relation: 'stricter',
      note: 'EC2.18 allows world ingress on one account-wide port list; this rule allows it only on each load balancer’s own listener ports.',
    },
    {
      framework: 'Security Hub',
      id: 'EC2.19',
      relation: 'related',
      note: 'High-risk ports open to the world fail here unless a listener uses them.',
    },
    {
      framework: 'AWS Config managed rule',
      id: 'vpc-sg-open-only-to-authorized-ports',
      relation: 'stricter',
    },
  ],
  applicable(lb) {
    if (lb.securityGroupIds.length > 0) return undefined;
    return lb.kind === 'network'
      ? 'No security groups: this NLB cannot filter traffic (see nlb-has-security-groups).'
      : 'No security groups attached.';
  },
  evaluate({ lb, securityGroups, listeners }, { params, accountId }) {
    const ports = listenerPorts(lb, listeners);
    const internal = lb.scheme === 'internal';
    const findings: string[] = [];
    const crossAccount: string[] = [];
    const worldOn: string[] = [];
    for (const group of securityGroups) {
      for (const ingress of ingressRules(group, accountId)) {
        for (const source of ingress.sources) {
          if (source.kind === 'group' && source.crossAccount)
            crossAccount.push(
              `${describeGroup(group)} allows ${describeRule(ingress)} from ${describeSource(source)} (cross-account)`,
            );
        }
        const world = worldSourcesOf(ingress.sources, params.worldPrefixListIds);
        if (world.length === 0) continue;
        const split = world.every((s) => s.kind === 'cidr' && !s.world) ? ' (together every address)' : '';
        const what = `${describeGroup(group)} allows ${describeRule(ingress)} from ${world.map(describeSource).join(', ')}${split}`;
        if (internal) {
          findings.push(`${what} on an internal load balancer`);
          continue;
        }
        const beyond = beyondListeners(ingress, ports, params.allowWorldIcmp);
        if (beyond === undefined) worldOn.push(describeRule(ingress));
        else findings.push(`${what}: ${beyond}`);
      }
    }
    if (!params.allowCrossAccountReferences) findings.push(...crossAccount);
    if (findings.length) return nonCompliant(findings);
    const listening = ports.length ? `listener ports ${formatPorts(ports)}` : 'no listener ports';
    const summary = internal
      ? 'No world ingress on this internal load balancer.'
      : worldOn.length
        ? `World ingress only on ${listening}.`
        : `No world ingress (${listening}).`;
    const notes = crossAccount.length ? ` Note: ${crossAccount.join('; ')}.` : '';
    return compliant(summary + notes);
  },
});

/** What a world-open rule opens beyond the listener ports, in words; undefined when nothing. */
function beyondListeners(
  ingress: IngressRule,
  ports: readonly ListenerPort[],
  allowIcmp: boolean,
): string | undefined {
  if (ingress.protocol === 'all') {
    const listening = ports.length ? ` (listeners use only ${formatPorts(ports)})` : '';
    return `every protocol and port is open${listening}`;
  }
  if (ingress.protocol === 'icmp' || ingress.protocol === 'icmpv6')
    return allowIcmp ? undefined : 'no listener uses ICMP (allowWorldIcmp=false)';
  if (ingress.protocol !== 'tcp' && ingress.protocol !== 'udp') return 'no listener uses this protocol';
  const transport: Transport = ingress.protocol;
  const allowed = ports.filter((p) => carries(transport, p.transport)).map((p) => p.port);
  const range = ingress.ports ?? { from: 0, to: 65535 };
  const left = subtractPorts(range, allowed);
  if (left.length === 0) return undefined;
  const whole = left.length === 1 && left[0]?.from === range.from && left[0]?.to === range.to;
  if (whole) return range.from === range.to ? 'not a listener port' : 'no listener uses these ports';
  const single = left.length === 1 && left[0]?.from === left[0]?.to;
  return `${transport} ${formatRanges(left)} ${single ? 'is not a listener port' : 'are not listener ports'}`;
}
