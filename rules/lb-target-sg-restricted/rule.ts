import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER, type SecurityGroup } from '../core/model/model.js';
import { revokeTargetsWorldIngress } from '../core/remediation/revoke-world-ingress/link.js';
import { targetSecurityGroups } from '../core/resources/facets/target-security-groups.js';
import { targets } from '../core/resources/facets/targets.js';
import { describeTarget } from '../core/resources/names.js';
import { type Cidr, isWorld, parseCidr, withinAny } from '../core/resources/network/cidr.js';
import {
  describeGroup,
  describeRule,
  describeSource,
  type IngressSource,
  ingressRules,
  opensPort,
} from '../core/resources/network/ingress.js';
import { type TargetPort, targetPorts } from '../core/resources/network/target-ports.js';
import { worldExposure, worldOnPort } from '../core/resources/network/world.js';
import type { TargetGroup } from '../core/resources/normalize/targets.js';

const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
const PREFIX_LIST_ID = /^pl-[0-9a-f]{8,17}$/;

interface Exposure {
  text: string;
  world: boolean;
  ports: Map<string, TargetPort>;
  targetGroups: Set<string>;
  targets: Set<string>;
}

export const rule = defineRule({
  id: 'lb-target-sg-restricted',
  title: 'Targets accept load balancer traffic only from the load balancer',
  description:
    'The security groups of every instance and IP target (ELBv2 target groups, Classic registered instances) ' +
    'admit traffic on its traffic and health-check ports only from the load balancer’s own security groups, ' +
    'or from sources allowed by parameter. World ingress on those ports fails, as do other CIDRs, prefix ' +
    'lists, other groups and groups of other accounts. An IP target is checked through the network interface ' +
    'that holds its address; a target whose groups cannot be found is named in the annotation.',
  severity: 'high',
  appliesTo: ['application', 'network', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  // Config records neither target registrations nor which groups guard a target: the sweep finds them.
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    allowedCidrs: {
      type: 'stringList',
      default: [],
      expected: 'CIDR blocks such as 10.0.0.0/16 (never a /0)',
      description:
        'Private sources (a VPC CIDR, a management network) that may also reach the targets on these ports. A source passes when it lies within one of them.',
    },
    allowedSecurityGroupIds: {
      type: 'stringList',
      default: [],
      itemPattern: SECURITY_GROUP_ID,
      expected: 'security group ids (sg-…)',
      description: 'Other security groups that may reach the targets on these ports.',
    },
    allowedPrefixListIds: {
      type: 'stringList',
      default: [],
      itemPattern: PREFIX_LIST_ID,
      expected: 'prefix list ids (pl-…)',
      description: 'Prefix lists that may reach the targets on these ports.',
    },
    allowSelfReference: {
      type: 'boolean',
      default: true,
      description:
        'Whether a target security group that admits its own members passes (clusters whose nodes talk to each other).',
    },
    failOnUncheckedTargets: {
      type: 'boolean',
      default: false,
      description:
        'Whether a target whose security groups cannot be found (an IP outside the account, a terminated instance) fails the load balancer rather than being named in the annotation.',
    },
  },
  validateParameters(params) {
    const problems: string[] = [];
    for (const text of params.allowedCidrs) {
      try {
        if (isWorld(parseCidr(text)))
          problems.push(`allowedCidrs must not hold a /0 block (${text}): that would allow the world`);
      } catch (error) {
        problems.push(`allowedCidrs: ${(error as Error).message}`);
      }
    }
    return problems;
  },
  remediation: revokeTargetsWorldIngress,
  needs: [targets, targetSecurityGroups],
  controls: [
    {
      framework: 'Security Hub',
      id: 'EC2.18',
      relation: 'related',
      note: 'Covers the target side: world ingress on ports the load balancer forwards to.',
    },
    {
      framework: 'Security Hub',
      id: 'EC2.19',
      relation: 'related',
      note: 'Covers the target side: high-risk ports the load balancer forwards to, open beyond it.',
    },
  ],
  evaluate({ lb, targets, targetSecurityGroups }, { params, accountId }) {
    const allowedCidrs = params.allowedCidrs.map(parseCidr);
    const groupsById = new Map(targetSecurityGroups.groups.map((g) => [g.groupId, g]));
    const exposures = new Map<string, Exposure>();
    const unchecked: string[] = [];
    const skipped = new Set<string>();
    let checked = 0;
    for (const group of targets) {
      const label = labelOf(group);
      if (group.targetType !== 'instance' && group.targetType !== 'ip') {
        if (group.targets.length)
          skipped.add(`${label} (${group.targetType} targets have no security groups)`);
        continue;
      }
      for (const target of group.targets) {
        const guard = targetSecurityGroups.byTarget[target.id];
        if (!guard?.found) {
          unchecked.push(guard?.reason ?? `${target.id}: security groups not looked up`);
          continue;
        }
        checked++;
        const ports = targetPorts(lb, group, target);
        const guarding = guard.groupIds.map((groupId) => {
          const sg = groupsById.get(groupId);
          if (!sg) throw new Error(`security group ${groupId} of target ${target.id} was not loaded`);
          return { sg, rules: ingressRules(sg, accountId) };
        });
        // World is judged across all the target's groups: their sources can cover every address together.
        const exposure = new Map(
          worldExposure(
            guarding.flatMap((g) => g.rules),
            [],
          ).map((part) => [part.rule, part]),
        );
        for (const { sg, rules } of guarding) {
          for (const [index, ingress] of rules.entries()) {
            const opened = ports.filter((p) => opensPort(ingress, p.transport, p.port));
            if (opened.length === 0) continue;
            const part = exposure.get(ingress);
            const worldHere = part && opened.some((p) => worldOnPort(part, p.transport, p.port));
            const world = new Set(worldHere ? part.sources : []);
            for (const source of ingress.sources) {
              const why = world.has(source)
                ? WORLD
                : refusal(source, sg, lb.securityGroupIds, allowedCidrs, params);
              if (!why) continue;
              const key = `${sg.groupId}|${index}|${describeSource(source)}`;
              let exposure = exposures.get(key);
              if (!exposure) {
                exposure = {
                  text: `${describeGroup(sg)} allows ${describeRule(ingress)} from ${describeSource(source)}`,
                  world: why === WORLD,
                  ports: new Map(),
                  targetGroups: new Set(),
                  targets: new Set(),
                };
                exposure.text += `: ${why}`;
                exposures.set(key, exposure);
              }
              for (const p of opened) exposure.ports.set(`${p.transport}/${p.port}/${p.role}`, p);
              exposure.targetGroups.add(label);
              exposure.targets.add(target.id);
            }
          }
        }
      }
    }
    const findings = [...exposures.values()]
      .sort((a, b) => Number(b.world) - Number(a.world))
      .map(
        (e) =>
          `${e.text}, on ${[...e.ports.values()].map((p) => `${p.role} port ${p.transport} ${p.port}`).join(', ')} of ${[...e.targetGroups].join(', ')} (${plural(e.targets.size, 'target')})`,
      );
    if (findings.length && lb.securityGroupIds.length === 0 && lb.kind === 'network')
      findings.push(
        'the NLB has no security groups, so targets cannot admit only it (see nlb-has-security-groups)',
      );
    const notChecked = unchecked.length ? `Not checked: ${unchecked.join('; ')}` : '';
    if (findings.length || (notChecked && params.failOnUncheckedTargets))
      return nonCompliant(notChecked ? [...findings, notChecked] : findings);
    const skippedNote = skipped.size ? ` Skipped: ${[...skipped].join(', ')}.` : '';
    if (checked === 0) {
      const none = unchecked.length
        ? 'No target’s security groups could be found.'
        : 'No instance or IP target to check.';
      return compliant(`${none}${skippedNote}${notChecked ? ` ${notChecked}.` : ''}`);
    }
    return compliant(
      `Checked ${plural(checked, 'target')}: load balancer ports admit only its security groups or allowed sources.${skippedNote}${notChecked ? ` ${notChecked}.` : ''}`,
    );
  },
});

const WORLD = 'world ingress';

/** Why a source may not reach a target's load balancer ports, or undefined when it may. */
function refusal(
  source: IngressSource,
  group: SecurityGroup,
  loadBalancerGroups: readonly string[],
  allowedCidrs: readonly Cidr[],
  params: {
    allowedSecurityGroupIds: readonly string[];
    allowedPrefixListIds: readonly string[];
    allowSelfReference: boolean;
  },
): string | undefined {
  switch (source.kind) {
    case 'cidr':
      if (source.world) return WORLD;
      return withinAny(source.cidr, allowedCidrs) ? undefined : 'not within allowedCidrs';
    case 'prefixList':
      return params.allowedPrefixListIds.includes(source.id)
        ? undefined
        : 'prefix list not in allowedPrefixListIds';
    case 'group':
      if (source.crossAccount) return 'a security group of another account';
      if (loadBalancerGroups.includes(source.groupId)) return undefined;
      if (params.allowedSecurityGroupIds.includes(source.groupId)) return undefined;
      if (params.allowSelfReference && source.groupId === group.groupId) return undefined;
      return 'not a security group of the load balancer';
  }
}

function labelOf(group: TargetGroup): string {
  return group.arn ? describeTarget(group.arn) : group.name;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
