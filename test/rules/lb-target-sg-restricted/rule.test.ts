import { describe, expect, it } from 'vitest';
import type {
  TargetGuard,
  TargetSecurityGroups,
} from '../../../rules/core/resources/facets/target-security-groups.js';
import type { TargetGroup } from '../../../rules/core/resources/normalize/targets.js';
import { rule } from '../../../rules/lb-target-sg-restricted/rule.js';
import {
  ACCOUNT,
  CLASSIC_CERTIFICATE,
  classicItem,
  elbv2Item,
  judgeWith,
  loadBalancerOf,
  REGION,
  securityGroupItem,
  securityGroupOf,
  targetGroupArn,
  tcp,
} from '../../fixtures/network-items.js';

const LB_SG = 'sg-0lb0000000000001';
const APP_SG = 'sg-0app000000000002';
const TG_ARN = targetGroupArn('api');
const FROM_LB = { groups: [{ groupId: LB_SG }] };

function apiGroup(overrides: Partial<TargetGroup> = {}): TargetGroup {
  return {
    arn: TG_ARN,
    name: 'api',
    targetType: 'instance',
    protocol: 'HTTP',
    port: 8080,
    vpcId: 'vpc-0a1b2c3d4e5f60789',
    healthCheck: { enabled: true, protocol: 'HTTP', port: '8081' },
    targets: [
      { id: 'i-0aaa0000000000001', port: 8080, health: { state: 'healthy' } },
      { id: 'i-0bbb0000000000002', port: 8080, health: { state: 'healthy' } },
    ],
    ...overrides,
  };
}

function guarded(ingress: unknown[], byTarget?: Record<string, TargetGuard>): TargetSecurityGroups {
  return {
    byTarget: byTarget ?? {
      'i-0aaa0000000000001': { found: true, via: 'eni-0aaa', groupIds: [APP_SG] },
      'i-0bbb0000000000002': { found: true, via: 'eni-0bbb', groupIds: [APP_SG] },
    },
    groups: [securityGroupOf(securityGroupItem(APP_SG, 'app-servers', ingress))],
  };
}

async function alb(
  targets: TargetGroup[],
  network: TargetSecurityGroups,
  params: Record<string, unknown> = {},
) {
  const { lb } = loadBalancerOf(elbv2Item({ name: 'api', securityGroups: [LB_SG] }));
  return judgeWith(rule, lb, { targets, targetSecurityGroups: network }, params);
}

describe('lb-target-sg-restricted', () => {
  it('passes targets that admit the traffic and health-check ports only from the load balancer group', async () => {
    const evaluation = await alb(
      [apiGroup()],
      guarded([tcp(8080, 8081, FROM_LB), tcp(22, 22, { v4: ['10.0.0.0/8'] })]),
    );
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toMatch(/^Checked 2 targets/);
  });

  it('fails world ingress on the traffic port, naming the group, the rule, the port and the target group', async () => {
    const evaluation = await alb(
      [apiGroup()],
      guarded([tcp(8080, 8081, FROM_LB), tcp(8080, 8080, { v4: ['0.0.0.0/0'] })]),
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'sg-0app000000000002 (app-servers) allows tcp 8080 from 0.0.0.0/0: world ingress, on traffic port tcp 8080 of targetgroup/api (2 targets)',
    );
  });

  it('fails world ingress that covers the health-check port through a wide range', async () => {
    const evaluation = await alb(
      [apiGroup()],
      guarded([tcp(8080, 8080, FROM_LB), tcp(8000, 9000, { v6: ['::/0'] })]),
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toContain(
      'allows tcp 8000-9000 from ::/0: world ingress, on traffic port tcp 8080, health check port tcp 8081',
    );
  });

  it('does not judge ports the load balancer does not use (22 open to the world is another rule’s business)', async () => {
    const evaluation = await alb(
      [apiGroup()],
      guarded([tcp(8080, 8081, FROM_LB), tcp(22, 22, { v4: ['0.0.0.0/0'] })]),
    );
    expect(evaluation.complianceType).toBe('COMPLIANT');
  });

  it('accepts private sources within allowedCidrs and refuses the rest', async () => {
    const ingress = [tcp(8080, 8081, { v4: ['10.20.4.0/24'] })];
    expect((await alb([apiGroup()], guarded(ingress))).annotation).toContain(
      'allows tcp 8080-8081 from 10.20.4.0/24: not within allowedCidrs',
    );
    const allowed = await alb([apiGroup()], guarded(ingress), { allowedCidrs: '10.20.0.0/16' });
    expect(allowed.complianceType).toBe('COMPLIANT');
  });

  it('refuses other groups, other accounts’ groups and prefix lists, each in its own words', async () => {
    const evaluation = await alb(
      [apiGroup()],
      guarded([
        tcp(8080, 8080, { groups: [{ groupId: 'sg-0b0000000000b009' }] }),
        tcp(8080, 8080, { groups: [{ groupId: 'sg-0f0000000000f008', userId: '444455556666' }] }),
        tcp(8081, 8081, { prefixLists: ['pl-0123456789abcdef0'] }),
      ]),
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings).toEqual([
      'sg-0app000000000002 (app-servers) allows tcp 8080 from sg-0b0000000000b009: not a security group of the load balancer, on traffic port tcp 8080 of targetgroup/api (2 targets)',
      'sg-0app000000000002 (app-servers) allows tcp 8080 from sg-0f0000000000f008 of account 444455556666: a security group of another account, on traffic port tcp 8080 of targetgroup/api (2 targets)',
      'sg-0app000000000002 (app-servers) allows tcp 8081 from prefix list pl-0123456789abcdef0: prefix list not in allowedPrefixListIds, on health check port tcp 8081 of targetgroup/api (2 targets)',
    ]);
    const allowed = await alb(
      [apiGroup()],
      guarded([
        tcp(8080, 8080, { groups: [{ groupId: 'sg-0b0000000000b009' }] }),
        tcp(8081, 8081, { prefixLists: ['pl-0123456789abcdef0'] }),
      ]),
      { allowedSecurityGroupIds: 'sg-0b0000000000b009', allowedPrefixListIds: 'pl-0123456789abcdef0' },
    );
    expect(allowed.complianceType).toBe('COMPLIANT');
  });

  it('accepts a group that admits its own members unless allowSelfReference=false', async () => {
    const ingress = [tcp(8080, 8081, FROM_LB), tcp(8080, 8080, { groups: [{ groupId: APP_SG }] })];
    expect((await alb([apiGroup()], guarded(ingress))).complianceType).toBe('COMPLIANT');
    const strict = await alb([apiGroup()], guarded(ingress), { allowSelfReference: 'false' });
    expect(strict.complianceType).toBe('NON_COMPLIANT');
  });

  it('uses the health-check port ELB reports per target, and the traffic port for "traffic-port"', async () => {
    const group = apiGroup({
      healthCheck: { enabled: true, protocol: 'HTTP', port: 'traffic-port' },
      targets: [{ id: 'i-0aaa0000000000001', port: 9443, health: { state: 'healthy' } }],
    });
    const evaluation = await alb([group], guarded([tcp(9443, 9443, { v4: ['0.0.0.0/0'] })]));
    expect(evaluation.annotation).toContain(
      'on traffic and health check port tcp 9443 of targetgroup/api (1 target)',
    );
  });

  it('names IP targets whose network interface cannot be found, and fails on them only by parameter', async () => {
    const group = apiGroup({
      targetType: 'ip',
      targets: [
        { id: '10.20.1.15', port: 8080, health: { state: 'healthy' } },
        { id: '192.168.7.20', port: 8080, availabilityZone: 'all', health: { state: 'healthy' } },
      ],
    });
    const network = guarded([tcp(8080, 8081, FROM_LB)], {
      '10.20.1.15': { found: true, via: 'eni-0ip', groupIds: [APP_SG] },
      '192.168.7.20': {
        found: false,
        reason:
          'IP target 192.168.7.20 (registered as outside the VPC): no network interface in this account holds it',
      },
    });
    const evaluation = await alb([group], network);
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toContain(
      'Not checked: IP target 192.168.7.20 (registered as outside the VPC)',
    );
    const strict = await alb([group], network, { failOnUncheckedTargets: 'true' });
    expect(strict.complianceType).toBe('NON_COMPLIANT');
  });

  it('skips Lambda targets, which have no security groups, and says so', async () => {
    const lambda = apiGroup({
      targetType: 'lambda',
      targets: [{ id: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`, health: { state: 'healthy' } }],
    });
    const evaluation = await alb([lambda], guarded([], {}));
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toContain('lambda targets have no security groups');
  });

  it('checks a Classic load balancer’s instances on every instance port and the health-check port', async () => {
    const { lb } = loadBalancerOf(
      classicItem({
        name: 'legacy',
        securityGroups: [LB_SG],
        listeners: [
          { protocol: 'HTTPS', port: 443, instancePort: 8443, certificate: CLASSIC_CERTIFICATE },
          { protocol: 'HTTP', port: 80, instancePort: 8080 },
        ],
        instances: ['i-0aaa0000000000001'],
        healthCheckTarget: 'HTTP:8081/health',
      }),
    );
    const targets: TargetGroup[] = [
      {
        name: 'registered instances',
        targetType: 'instance',
        healthCheck: { enabled: true, protocol: 'HTTP', port: '8081' },
        targets: [{ id: 'i-0aaa0000000000001', healthCheckPort: 8081, health: { state: 'healthy' } }],
      },
    ];
    const network = guarded([tcp(8443, 8443, FROM_LB), tcp(8080, 8081, { v4: ['0.0.0.0/0'] })], {
      'i-0aaa0000000000001': { found: true, via: 'eni-0aaa', groupIds: [APP_SG] },
    });
    const evaluation = await judgeWith(rule, lb, { targets, targetSecurityGroups: network });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'sg-0app000000000002 (app-servers) allows tcp 8080-8081 from 0.0.0.0/0: world ingress, on traffic port tcp 8080, health check port tcp 8081 of registered instances (1 target)',
    );
  });

  it('explains, on an NLB without security groups, why the targets cannot admit only the load balancer', async () => {
    const { lb } = loadBalancerOf(elbv2Item({ name: 'tcp-nlb', type: 'network', securityGroups: [] }));
    const evaluation = await judgeWith(rule, lb, {
      targets: [apiGroup({ protocol: 'TCP' })],
      targetSecurityGroups: guarded([tcp(8080, 8081, { v4: ['0.0.0.0/0'] })]),
    });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings.at(-1)).toContain('see nlb-has-security-groups');
  });

  it.each([
    ['0.0.0.0/0', /allowedCidrs must not hold a \/0 block \(0\.0\.0\.0\/0\)/],
    ['10.0.0.0/8,not-a-cidr', /allowedCidrs: "not-a-cidr" is not a CIDR block/],
  ])('refuses allowedCidrs=%s with a clear error', async (value, message) => {
    await expect(alb([apiGroup()], guarded([]), { allowedCidrs: value })).rejects.toThrow(message);
  });
});
