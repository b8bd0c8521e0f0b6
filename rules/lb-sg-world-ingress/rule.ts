import { compliant, nonCompliant, notApplicable, type RuleOutcome } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  SECURITY_GROUP,
  type SecurityGroup,
} from '../core/model/model.js';
import { revokeWorldIngress } from '../core/remediation/revoke-world-ingress/link.js';
import { listeners } from '../core/resources/facets/listeners.js';
import { securityGroups } from '../core/resources/facets/security-groups.js';
import {
  describeGroup,
  describeRule,
  describeSource,
  ingressRules,
} from '../core/resources/network/ingress.js';
import { type ListenerPort, listenerPorts } from '../core/resources/network/listener-ports.js';
import {
  carries,
  formatPorts,
  formatRanges,
  type PortRange,
  subtractPorts,
} from '../core/resources/network/ports.js';
import {
  OTHER_PROTOCOLS,
  PREFIX_LIST_ID_OR_ANY,
  type WorldPart,
  worldExposure,
} from '../core/resources/network/world.js';

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
    preset: {
      type: 'enum',
      values: ['none', 'securityhub'],
      default: 'none',
      description:
        'securityhub: Security Hub EC2.18 with its default parameters. A rule open to 0.0.0.0/0 or ::/0 may open only TCP 80 and 443 and no UDP port, whatever the listeners; other parameters are ignored; groups with no such rule are not applicable.',
    },
  },
  remediation: revokeWorldIngress,
  needs: [securityGroups, listeners],
  controls: [
    {
      framework: 'Security Hub',
      id: 'EC2.18',
      relation: 'related',
      note: 'EC2.18 allows world ingress on TCP 80 and 443 only; the defaults allow any listener port (looser) and fail internal load balancers and split world CIDRs (stricter).',
      parity: { preset: 'securityhub' },
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
      relation: 'related',
      note: 'The managed rule allows world ingress on the ports its parameters list; this rule on the listener ports.',
    },
  ],
  applicable(lb) {
    if (lb.securityGroupIds.length > 0) return undefined;
    return lb.kind === 'network'
      ? 'No security groups: this NLB cannot filter traffic (see nlb-has-security-groups).'
      : 'No security groups attached.';
  },
  evaluate({ lb, securityGroups, listeners }, { params, accountId }) {
    if (params.preset === 'securityhub') return securityHubEc2_18(securityGroups, accountId);
    const ports = listenerPorts(lb, listeners);
    const internal = lb.scheme === 'internal';
    const findings: string[] = [];
    const crossAccount: string[] = [];
    const rules = securityGroups.flatMap((group) => ingressRules(group, accountId));
    for (const ingress of rules) {
      for (const source of ingress.sources) {
        if (source.kind === 'group' && source.crossAccount)
          crossAccount.push(
            `${describeGroup(ingress.group)} allows ${describeRule(ingress)} from ${describeSource(source)} (cross-account)`,
          );
      }
    }
    // World is judged across every rule of every group: sources of several rules can cover it together.
    const exposure = worldExposure(rules, params.worldPrefixListIds);
    for (const part of exposure) {
      const ingress = part.rule;
      const what = `${describeGroup(ingress.group)} allows ${describeRule(ingress)} from ${part.sources.map(describeSource).join(', ')}${together(part)}`;
      if (internal) {
        const partial = partialWorld(part);
        findings.push(
          `${what} on an internal load balancer${partial ? ` (open to every address on ${partial})` : ''}`,
        );
        continue;
      }
      const beyond = beyondListeners(part, ports, params.allowWorldIcmp);
      if (beyond !== undefined) findings.push(`${what}: ${beyond}`);
    }
    if (internal && exposure.length)
      findings.push(
        'if an internet-facing load balancer shares the group and needs it open, split the group: revoking cannot fix both',
      );
    if (!params.allowCrossAccountReferences) findings.push(...crossAccount);
    if (findings.length) return nonCompliant(findings);
    const listening = ports.length ? `listener ports ${formatPorts(ports)}` : 'no listener ports';
    const summary = internal
      ? 'No world ingress on this internal load balancer.'
      : exposure.length
        ? `World ingress only on ${listening}.`
        : `No world ingress (${listening}).`;
    const notes = crossAccount.length ? ` Note: ${crossAccount.join('; ')}.` : '';
    return compliant(summary + notes);
  },
});

/** EC2.18's default authorized ports: TCP 80 and 443; no UDP port (authorizedUdpPorts has no default). */
const EC2_18_AUTHORIZED: Record<'tcp' | 'udp', readonly number[]> = { tcp: [80, 443], udp: [] };

/**
 * Security Hub EC2.18 over the load balancer's groups: each rule with a 0.0.0.0/0 or ::/0 source may
 * open only authorized TCP and UDP ports. No such rule: the control does not apply.
 */
function securityHubEc2_18(groups: readonly SecurityGroup[], accountId: string): RuleOutcome {
  const open = groups
    .flatMap((group) => ingressRules(group, accountId))
    .filter((r) => r.sources.some((s) => s.kind === 'cidr' && s.world));
  if (open.length === 0)
    return notApplicable('No security group rule open to 0.0.0.0/0 or ::/0 (EC2.18 does not apply).');
  const findings: string[] = [];
  for (const ingress of open) {
    const what = `${describeGroup(ingress.group)} allows ${describeRule(ingress)} from the world`;
    if (ingress.protocol === 'all') {
      findings.push(`${what}: every protocol and port is open (preset securityhub: EC2.18)`);
      continue;
    }
    if (ingress.protocol !== 'tcp' && ingress.protocol !== 'udp') continue;
    const left = subtractPorts(ingress.ports ?? { from: 0, to: 65535 }, EC2_18_AUTHORIZED[ingress.protocol]);
    if (left.length)
      findings.push(
        `${what}: ${ingress.protocol} ${formatRanges(left)} not authorized (preset securityhub: EC2.18 authorizes tcp 80, 443 and no udp)`,
      );
  }
  return findings.length
    ? nonCompliant(findings)
    : compliant('World ingress only on authorized ports (tcp 80, 443), as EC2.18 requires.');
}

/** " (together every address)", naming the other rules' sources when they take part. */
function together(part: WorldPart): string {
  if (!part.sources.every((s) => s.kind === 'cidr' && !s.world)) return '';
  if (part.partners.length === 0) return ' (together every address)';
  const others = part.partners.map(
    (p) => `${describeSource(p.source)} on ${describeRule(p.rule)} of ${describeGroup(p.rule.group)}`,
  );
  return ` (with ${others.join(', ')}: together every address)`;
}

/** The world-open ports of a rule that is world only on part of its range, in words; undefined when whole. */
function partialWorld(part: WorldPart): string | undefined {
  const { rule } = part;
  if (part.protocols.has(OTHER_PROTOCOLS)) return undefined;
  const pieces = [...part.ports.entries()].map(([t, ranges]) => `${t} ${formatRanges(ranges)}`);
  pieces.push(...[...part.protocols].map((p) => (p === 'icmp' || p === 'icmpv6' ? p : `protocol ${p}`)));
  const whole =
    (rule.protocol === 'tcp' || rule.protocol === 'udp') &&
    part.ports.size === 1 &&
    sameRanges(part.ports.get(rule.protocol) ?? [], [rule.ports ?? { from: 0, to: 65535 }]);
  if (whole || (rule.protocol !== 'all' && !rule.ports)) return undefined;
  return pieces.join(', ');
}

function sameRanges(a: readonly PortRange[], b: readonly PortRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.from === b[i]?.from && r.to === b[i]?.to);
}

/** What a world-open rule opens beyond the listener ports, in words; undefined when nothing. */
function beyondListeners(
  part: WorldPart,
  ports: readonly ListenerPort[],
  allowIcmp: boolean,
): string | undefined {
  const ingress = part.rule;
  if (part.protocols.has(OTHER_PROTOCOLS)) {
    const listening = ports.length ? ` (listeners use only ${formatPorts(ports)})` : '';
    return `every protocol and port is open${listening}`;
  }
  const problems: string[] = [];
  for (const protocol of part.protocols) {
    if (protocol === 'icmp' || protocol === 'icmpv6') {
      if (!allowIcmp) problems.push('no listener uses ICMP (allowWorldIcmp=false)');
    } else problems.push('no listener uses this protocol');
  }
  for (const [transport, ranges] of part.ports) {
    const allowed = ports.filter((p) => carries(transport, p.transport)).map((p) => p.port);
    const left = ranges.flatMap((range) => subtractPorts(range, allowed));
    if (left.length === 0) continue;
    const range = ingress.ports ?? { from: 0, to: 65535 };
    const whole = ingress.protocol === transport && sameRanges(left, [range]);
    if (whole) {
      problems.push(range.from === range.to ? 'not a listener port' : 'no listener uses these ports');
      continue;
    }
    const single = left.length === 1 && left[0]?.from === left[0]?.to;
    problems.push(
      `${transport} ${formatRanges(left)} ${single ? 'is not a listener port' : 'are not listener ports'}`,
    );
  }
  return problems.length ? [...new Set(problems)].join('; ') : undefined;
}
