// World means the union of the sources: a port is open to the world when the sources admitting it,
// across permissions and across the load balancer's groups, together cover 0.0.0.0/0 or ::/0.
import { describe, expect, it } from 'vitest';
import type { ElbV2Listener } from '../../../../rules/core/model/model.js';
import { ingressRules } from '../../../../rules/core/resources/network/ingress.js';
import { worldExposure } from '../../../../rules/core/resources/network/world.js';
import type { TargetGroup } from '../../../../rules/core/resources/normalize/targets.js';
import { rule as worldIngress } from '../../../../rules/lb-sg-world-ingress/rule.js';
import { rule as targetRule } from '../../../../rules/lb-target-sg-restricted/rule.js';
import {
  ACCOUNT,
  elbv2Item,
  judgeWith,
  listenerItem,
  listenerOf,
  loadBalancerOf,
  permission,
  securityGroupItem,
  securityGroupOf,
  targetGroupArn,
  tcp,
} from '../../../fixtures/network-items.js';

const SG_A = 'sg-0a1b2c3d4e5f6000a';
const SG_B = 'sg-0a1b2c3d4e5f6000b';

/** An ELBv2 load balancer with one group per ingress list, listening on the given ports. */
async function alb(groups: unknown[][], listeners: [string, number][], scheme = 'internet-facing') {
  const ids = [SG_A, SG_B].slice(0, groups.length);
  const { lb } = loadBalancerOf(
    elbv2Item({ name: 'web', scheme: scheme as 'internal' | 'internet-facing', securityGroups: ids }),
  );
  const models: ElbV2Listener[] = listeners.map(([protocol, port]) =>
    listenerOf(listenerItem(lb.resourceId, protocol, port)),
  );
  const securityGroups = groups.map((ingress, i) =>
    securityGroupOf(securityGroupItem(ids[i]!, `g${i}`, ingress)),
  );
  return judgeWith(worldIngress, lb, { securityGroups, listeners: models });
}

describe('world exposure across permissions and groups', () => {
  it('0.0.0.0/1 and 128.0.0.0/1 in two permissions with different ranges open tcp 22 to the world', async () => {
    const evaluation = await alb(
      [
        [
          tcp(22, 22, { v4: ['0.0.0.0/1'] }),
          tcp(0, 1024, { v4: ['128.0.0.0/1'] }),
          tcp(443, 443, { v4: ['0.0.0.0/0'] }),
        ],
      ],
      [['HTTPS', 443]],
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings.join('\n')).toMatch(
      /allows tcp 22 from 0\.0\.0\.0\/1 \(with 128\.0\.0\.0\/1 on tcp 0-1024 of sg-\w+ \(g0\): together every address\): not a listener port/,
    );
    expect(evaluation.findings.join('\n')).toMatch(
      /allows tcp 0-1024 from 128\.0\.0\.0\/1 \(with 0\.0\.0\.0\/1 on tcp 22 of sg-\w+ \(g0\): together every address\): tcp 22 is not a listener port/,
    );
  });

  it('halves in two groups of one load balancer are world on the port they share', async () => {
    const evaluation = await alb(
      [[tcp(22, 22, { v4: ['0.0.0.0/1'] })], [tcp(22, 22, { v4: ['128.0.0.0/1'] })]],
      [['HTTPS', 443]],
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings.join('\n')).toContain(`${SG_A} (g0) allows tcp 22 from 0.0.0.0/1`);
    expect(evaluation.findings.join('\n')).toContain(`${SG_B} (g1) allows tcp 22 from 128.0.0.0/1`);
  });

  it('IPv6 halves in two groups make an internal load balancer world-open, and the annotation names the split fix', async () => {
    const evaluation = await alb(
      [[tcp(443, 443, { v6: ['::/1'] })], [tcp(443, 443, { v6: ['8000::/1'] })]],
      [['HTTPS', 443]],
      'internal',
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings.join('\n')).toMatch(
      /allows tcp 443 from ::\/1 .*on an internal load balancer/,
    );
    expect(evaluation.findings.join('\n')).toContain(
      'if an internet-facing load balancer shares the group and needs it open, split the group: revoking cannot fix both',
    );
  });

  it('an all-traffic half with a tcp 443 half is world only on tcp 443', async () => {
    const ingress = [
      permission({ protocol: '-1', v4: ['0.0.0.0/1'] }),
      tcp(443, 443, { v4: ['128.0.0.0/1'] }),
    ];
    const onListener = await alb([ingress], [['HTTPS', 443]]);
    expect(onListener.complianceType).toBe('COMPLIANT');
    expect(onListener.annotation).toBe('World ingress only on listener ports tcp 443.');
    const elsewhere = await alb([ingress], [['HTTP', 80]]);
    expect(elsewhere.complianceType).toBe('NON_COMPLIANT');
    expect(elsewhere.findings.join('\n')).toMatch(
      /allows all traffic from 0\.0\.0\.0\/1 .*: tcp 443 is not a listener port/,
    );
  });

  it('is not world when the halves admit different ports, or a block lies inside another', async () => {
    const disjoint = await alb(
      [[tcp(22, 22, { v4: ['0.0.0.0/1'] })], [tcp(23, 23, { v4: ['128.0.0.0/1'] })]],
      [['HTTPS', 443]],
    );
    expect(disjoint.complianceType).toBe('COMPLIANT');
    expect(disjoint.annotation).toBe('No world ingress (listener ports tcp 443).');
    const rules = ingressRules(
      securityGroupOf(
        securityGroupItem(SG_A, 'g', [
          tcp(22, 22, { v4: ['0.0.0.0/1', '10.0.0.0/8'] }),
          tcp(0, 65535, { v4: ['128.0.0.0/1'] }),
          tcp(0, 65535, { v6: ['::/1'] }),
        ]),
      ),
      ACCOUNT,
    );
    const parts = worldExposure(rules, []);
    // 10.0.0.0/8 lies within 0.0.0.0/1: it is not what opens tcp 22. ::/1 alone covers nothing.
    expect(
      parts.map((p) => [p.sources.map((s) => (s.kind === 'cidr' ? s.cidr.text : '')), [...p.ports]]),
    ).toEqual([
      [['0.0.0.0/1'], [['tcp', [{ from: 22, to: 22 }]]]],
      [['128.0.0.0/1'], [['tcp', [{ from: 22, to: 22 }]]]],
    ]);
  });
});

describe('lb-target-sg-restricted judges target groups together', () => {
  it('names halves in two groups of a target as world ingress', async () => {
    const group: TargetGroup = {
      arn: targetGroupArn('api'),
      name: 'api',
      targetType: 'instance',
      protocol: 'HTTP',
      port: 8080,
      vpcId: 'vpc-0a1b2c3d4e5f60789',
      healthCheck: { enabled: true, protocol: 'HTTP', port: '8080' },
      targets: [{ id: 'i-0aaa0000000000001', port: 8080, health: { state: 'healthy' } }],
    };
    const network = {
      byTarget: { 'i-0aaa0000000000001': { found: true as const, via: 'eni-0aaa', groupIds: [SG_A, SG_B] } },
      groups: [
        securityGroupOf(securityGroupItem(SG_A, 'app-a', [tcp(8080, 8080, { v4: ['0.0.0.0/1'] })])),
        securityGroupOf(securityGroupItem(SG_B, 'app-b', [tcp(8080, 8080, { v4: ['128.0.0.0/1'] })])),
      ],
    };
    const { lb } = loadBalancerOf(elbv2Item({ name: 'api', securityGroups: ['sg-0lb0000000000001'] }));
    const evaluation = await judgeWith(targetRule, lb, { targets: [group], targetSecurityGroups: network });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings.join('\n')).toContain(
      `${SG_A} (app-a) allows tcp 8080 from 0.0.0.0/1: world ingress`,
    );
    expect(evaluation.findings.join('\n')).toContain(
      `${SG_B} (app-b) allows tcp 8080 from 128.0.0.0/1: world ingress`,
    );
  });
});
