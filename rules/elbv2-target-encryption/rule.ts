import { compliant, nonCompliant, notApplicable } from '../core/engine/outcome.js';
import { eachTargetGroup, reportOnParameter } from '../core/engine/per-resource.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LOAD_BALANCER, ELBV2_TARGET_GROUP } from '../core/model/model.js';
import { tags } from '../core/resources/facets/tags.js';
import { targetGroupTags } from '../core/resources/facets/target-group-tags.js';
import { type TargetGroup, targets } from '../core/resources/facets/targets.js';

/** Target group protocols that encrypt to the targets: QUIC is TLS 1.3. */
const ENCRYPTED = new Set(['HTTPS', 'TLS', 'QUIC']);
/** Protocols whose health checks could be HTTPS (the HTTP family). */
const HTTP_FAMILY = new Set(['HTTP', 'HTTPS']);

const PRESETS = ['none', 'securityhub-elb22', 'securityhub-elb21'] as const;
type Preset = (typeof PRESETS)[number];

interface Verdict {
  findings: string[];
  passed: string[];
  /** Not judged, with why: "web-fn (Lambda target)". */
  skipped: string[];
  /** Judged faulty but exempt, with why: "api HTTP:80 (TLS offload declared by exemptTargetGroups)". */
  exempt: string[];
}

export const rule = defineRule({
  id: 'elbv2-target-encryption',
  title: 'Target groups encrypt traffic to their targets',
  description:
    'Every target group of an Application Load Balancer uses HTTPS and every one of a Network Load Balancer ' +
    'TLS, so traffic stays encrypted after the load balancer; a health check of an HTTP or HTTPS target ' +
    'group uses HTTPS. Lambda and ALB-type target groups are not judged, nor are Gateway Load Balancers ' +
    '(GENEVE). A UDP target group cannot carry TLS, so it is exempt and named, as nlb-tls-only treats UDP ' +
    'listeners. TLS offload to plaintext targets is exempt only when declared: a tag on the target group or ' +
    'the load balancer, or the target group in exemptTargetGroups; each exempted group is named. Ports never ' +
    'count as evidence. preset=securityhub-elb22 and preset=securityhub-elb21 with reportOn=targetGroup ' +
    'reproduce Security Hub ELB.22 and ELB.21 (no exemptions, one result per target group).',
  severity: 'medium',
  appliesTo: ['application', 'network', 'gateway'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, ELBV2_TARGET_GROUP], periodic: 'TwentyFour_Hours' },
  parameters: {
    exemptTagKey: {
      type: 'string',
      default: 'elb-config-rules:tls-offload',
      pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
      expected: 'a tag key (1 to 128 letters, digits, spaces and _.:/=+-@)',
      description:
        'A target group, or a load balancer (for all its target groups), carrying this tag offloads TLS on ' +
        'purpose and is exempt; its value is shown as the reason. Ignored by the securityhub presets.',
    },
    exemptTargetGroups: {
      type: 'stringList',
      default: [],
      itemPattern:
        /^(arn:[\w-]+:elasticloadbalancing:[\w-]+:\d{12}:targetgroup\/[\w-]{1,32}\/[0-9a-f]+|[\w-]{1,32})$/,
      expected: 'target group names or ARNs',
      description:
        'Target groups (names or ARNs) that offload TLS on purpose and are exempt. Ignored by the securityhub presets.',
    },
    preset: {
      type: 'enum',
      values: PRESETS,
      default: 'none',
      description:
        'securityhub-elb22: only the target group protocol, as Security Hub ELB.22 judges it (UDP fails, no ' +
        'exemptions). securityhub-elb21: only the health check protocol, HTTPS for every target group but ' +
        'Lambda, as ELB.21 judges it (NLB TCP health checks fail, no exemptions).',
    },
    reportOn: reportOnParameter('targetGroup'),
  },
  needs: [targets, tags, targetGroupTags],
  reportEach: { resourceType: ELBV2_TARGET_GROUP, evaluateEach: eachTargetGroup },
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.22',
      relation: 'looser',
      note: 'The defaults exempt UDP and declared TLS offload, and skip GWLBs; preset=securityhub-elb22 reproduces ELB.22 for target groups in use.',
      parity: { preset: 'securityhub-elb22', reportOn: 'targetGroup' },
    },
    {
      framework: 'Security Hub',
      id: 'ELB.21',
      relation: 'looser',
      note: 'The defaults require HTTPS health checks only of HTTP and HTTPS target groups; preset=securityhub-elb21 reproduces ELB.21 for target groups in use.',
      parity: { preset: 'securityhub-elb21', reportOn: 'targetGroup' },
    },
    {
      framework: 'AWS Config managed rule',
      id: 'elbv2-targetgroup-protocol-encrypted',
      relation: 'looser',
      note: 'The defaults exempt UDP and declared TLS offload; the managed rule fails them.',
    },
  ],
  applicable(lb, params) {
    // Every GWLB target group is GENEVE, which neither the rule nor ELB.22 judges; ELB.21 judges its health checks.
    // Per target group, each GENEVE group gets its own NOT_APPLICABLE from evaluate().
    if (lb.kind === 'gateway' && params.preset !== 'securityhub-elb21' && params.reportOn !== 'targetGroup')
      return 'Gateway Load Balancer: its GENEVE target groups carry packets, not TLS.';
    return undefined;
  },
  evaluate({ lb, targets, tags, targetGroupTags }, { params }) {
    const preset: Preset = params.preset;
    const lbExemption = preset === 'none' ? tags[params.exemptTagKey] : undefined;
    const allowList = new Set(params.exemptTargetGroups);
    const verdict: Verdict = { findings: [], passed: [], skipped: [], exempt: [] };
    for (const group of [...targets].sort((a, b) => a.name.localeCompare(b.name))) {
      if (preset === 'securityhub-elb21') judgeHealthCheckOnly(group, verdict);
      else
        judgeGroup(group, lb.kind === 'application' ? 'HTTPS' : 'TLS', preset, verdict, () =>
          exemption(group, targetGroupTags, params.exemptTagKey, allowList, lbExemption),
        );
    }
    const notes = [
      verdict.exempt.length ? `Exempt: ${verdict.exempt.join(', ')}.` : '',
      verdict.skipped.length ? `Not judged: ${verdict.skipped.join(', ')}.` : '',
    ].filter(Boolean);
    if (verdict.findings.length) return nonCompliant([...verdict.findings, ...notes]);
    // Only exempt groups: a declared decision, reported as such (nlb-tls-only does the same for UDP).
    if (verdict.passed.length === 0 && verdict.exempt.length === 0) {
      const what = targets.length ? notes.join(' ') : 'No target groups.';
      return notApplicable(`Nothing to judge. ${what}`.trim());
    }
    const what = preset === 'securityhub-elb21' ? 'HTTPS health checks' : 'Encrypted target groups';
    const passed = verdict.passed.length ? `${what}: ${verdict.passed.join(', ')}.` : '';
    return compliant([passed, ...notes].filter(Boolean).join(' '));
  },
});

/** Why a target group is exempt from the default rule, or undefined. */
function exemption(
  group: TargetGroup,
  groupTags: Record<string, Record<string, string>>,
  tagKey: string,
  allowList: ReadonlySet<string>,
  lbExemption: string | undefined,
): string | undefined {
  if (allowList.has(group.name) || (group.arn && allowList.has(group.arn))) return 'exemptTargetGroups';
  const own = group.arn ? groupTags[group.arn] : undefined;
  if (group.arn && own === undefined)
    throw new Error(`tags of target group ${group.name} not supplied; its exemption cannot be decided`);
  const tagged = own?.[tagKey];
  if (tagged !== undefined) return `tag ${tagKey}${tagged ? `=${tagged}` : ''}`;
  if (lbExemption !== undefined) return `load balancer tag ${tagKey}${lbExemption ? `=${lbExemption}` : ''}`;
  return undefined;
}

function judgeGroup(
  group: TargetGroup,
  wanted: 'HTTPS' | 'TLS',
  preset: Preset,
  verdict: Verdict,
  exemptBecause: () => string | undefined,
): void {
  if (group.targetType === 'lambda') return void verdict.skipped.push(`${group.name} (Lambda target)`);
  if (group.targetType === 'alb')
    return void verdict.skipped.push(`${group.name} (ALB target: its own listeners are judged)`);
  const protocol = group.protocol;
  if (!protocol) throw new Error(`protocol of target group ${group.name} not supplied`);
  if (protocol === 'GENEVE') return void verdict.skipped.push(`${group.name} (GENEVE)`);
  const name = `${group.name} ${protocol}${group.port !== undefined ? `:${group.port}` : ''}`;
  if (protocol === 'UDP' && preset === 'none') return void verdict.exempt.push(`${name} (cannot carry TLS)`);
  const faults: string[] = [];
  if (!ENCRYPTED.has(protocol)) faults.push(`sends plaintext ${protocol} to its targets; use ${wanted}`);
  if (preset === 'none' && HTTP_FAMILY.has(protocol)) {
    const check = healthCheckProtocol(group);
    if (check !== undefined && check !== 'HTTPS') faults.push(`health check uses ${check}; use HTTPS`);
  }
  if (faults.length === 0) return void verdict.passed.push(name);
  const why = preset === 'none' ? exemptBecause() : undefined;
  if (why !== undefined) verdict.exempt.push(`${name} (TLS offload declared by ${why})`);
  else verdict.findings.push(`${name}: ${faults.join('; ')}`);
}

/** ELB.21: every target group but Lambda health-checks with HTTPS. */
function judgeHealthCheckOnly(group: TargetGroup, verdict: Verdict): void {
  if (group.targetType === 'lambda') return void verdict.skipped.push(`${group.name} (Lambda target)`);
  const check = group.healthCheck.protocol;
  if (!check) throw new Error(`health check protocol of target group ${group.name} not supplied`);
  if (check === 'HTTPS') verdict.passed.push(group.name);
  else verdict.findings.push(`${group.name}: health check uses ${check}; use HTTPS`);
}

/** The health check protocol, undefined when checks are off; throws when it is not supplied. */
function healthCheckProtocol(group: TargetGroup): string | undefined {
  if (!group.healthCheck.enabled) return undefined;
  const check = group.healthCheck.protocol;
  if (!check) throw new Error(`health check protocol of target group ${group.name} not supplied`);
  return check;
}
