import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../../rules/core/engine/parameters.js';
import type { ElbV2Listener } from '../../../rules/core/model/model.js';
import { rule } from '../../../rules/lb-sg-world-ingress/rule.js';
import {
  CLASSIC_CERTIFICATE,
  classicItem,
  elbv2Item,
  judgeWith,
  listenerItem,
  listenerOf,
  loadBalancerOf,
  permission,
  securityGroupItem,
  securityGroupOf,
  tcp,
} from '../../fixtures/network-items.js';

const WORLD4 = { v4: ['0.0.0.0/0'] };
const SG = 'sg-0a1b2c3d4e5f60001';

/** An ELBv2 load balancer, its one security group and its listeners, all from configuration items. */
async function elbv2(options: {
  scheme?: 'internet-facing' | 'internal';
  type?: 'application' | 'network';
  ingress: unknown[];
  listeners?: [string, number][];
  params?: Record<string, unknown>;
  securityGroups?: string[];
}) {
  const { lb } = loadBalancerOf(
    elbv2Item({
      name: 'web',
      type: options.type,
      scheme: options.scheme,
      securityGroups: options.securityGroups ?? [SG],
    }),
  );
  const listeners: ElbV2Listener[] = (options.listeners ?? [['HTTPS', 443]]).map(([protocol, port]) =>
    listenerOf(listenerItem(lb.resourceId, protocol, port)),
  );
  const groups = (options.securityGroups ?? [SG]).map((id) =>
    securityGroupOf(securityGroupItem(id, 'web-alb', options.ingress)),
  );
  return judgeWith(rule, lb, { securityGroups: groups, listeners }, options.params);
}

describe('lb-sg-world-ingress on ALBs (from configuration items)', () => {
  const cases: {
    name: string;
    scheme?: 'internet-facing' | 'internal';
    ingress: unknown[];
    listeners?: [string, number][];
    expected: 'COMPLIANT' | 'NON_COMPLIANT';
    annotation: RegExp;
  }[] = [
    {
      name: 'public ALB with 0.0.0.0/0 on 443 only',
      ingress: [tcp(443, 443, WORLD4)],
      expected: 'COMPLIANT',
      annotation: /^World ingress only on listener ports tcp 443\.$/,
    },
    {
      name: 'the same ALB plus 0.0.0.0/0 on 22',
      ingress: [tcp(443, 443, WORLD4), tcp(22, 22, WORLD4)],
      expected: 'NON_COMPLIANT',
      annotation: /^sg-0a1b2c3d4e5f60001 \(web-alb\) allows tcp 22 from 0\.0\.0\.0\/0: not a listener port$/,
    },
    {
      name: '-1 (all traffic) from the world',
      ingress: [permission({ protocol: '-1', ...WORLD4 })],
      expected: 'NON_COMPLIANT',
      annotation:
        /allows all traffic from 0\.0\.0\.0\/0: every protocol and port is open \(listeners use only tcp 443\)/,
    },
    {
      name: '::/0 on 22',
      ingress: [tcp(443, 443, { v6: ['::/0'] }), tcp(22, 22, { v6: ['::/0'] })],
      expected: 'NON_COMPLIANT',
      annotation: /allows tcp 22 from ::\/0: not a listener port/,
    },
    {
      name: '::/0 on the listener port',
      ingress: [tcp(443, 443, { v4: ['0.0.0.0/0'], v6: ['::/0'] })],
      expected: 'COMPLIANT',
      annotation: /World ingress only on listener ports tcp 443/,
    },
    {
      name: 'port range 0-65535 from the world',
      ingress: [tcp(0, 65535, WORLD4)],
      listeners: [
        ['HTTP', 80],
        ['HTTPS', 443],
      ],
      expected: 'NON_COMPLIANT',
      annotation: /allows tcp 0-65535 from 0\.0\.0\.0\/0: tcp 0-79, 81-442, 444-65535 are not listener ports/,
    },
    {
      name: 'a range that covers only listener ports',
      ingress: [tcp(8080, 8081, WORLD4)],
      listeners: [
        ['HTTP', 8080],
        ['HTTPS', 8081],
      ],
      expected: 'COMPLIANT',
      annotation: /tcp 8080, 8081/,
    },
    {
      name: 'a range with one port beyond the listeners',
      ingress: [tcp(442, 443, WORLD4)],
      expected: 'NON_COMPLIANT',
      annotation: /tcp 442-443 from 0\.0\.0\.0\/0: tcp 442 is not a listener port/,
    },
    {
      name: 'world split into blocks that together cover every address',
      ingress: [tcp(443, 443, WORLD4), tcp(22, 22, { v4: ['0.0.0.0/1', '128.0.0.0/1'] })],
      expected: 'NON_COMPLIANT',
      annotation:
        /allows tcp 22 from 0\.0\.0\.0\/1, 128\.0\.0\.0\/1 \(together every address\): not a listener port/,
    },
    {
      name: 'internal ALB with 0.0.0.0/0 on 443',
      scheme: 'internal',
      ingress: [tcp(443, 443, WORLD4)],
      expected: 'NON_COMPLIANT',
      annotation: /allows tcp 443 from 0\.0\.0\.0\/0 on an internal load balancer/,
    },
    {
      name: 'internal ALB open to its VPC only',
      scheme: 'internal',
      ingress: [tcp(443, 443, { v4: ['10.20.0.0/16'] })],
      expected: 'COMPLIANT',
      annotation: /No world ingress on this internal load balancer/,
    },
    {
      name: 'UDP from the world on a TCP listener port',
      ingress: [tcp(443, 443, WORLD4), permission({ protocol: 'udp', from: 443, to: 443, ...WORLD4 })],
      expected: 'NON_COMPLIANT',
      annotation: /allows udp 443 from 0\.0\.0\.0\/0: not a listener port/,
    },
    {
      name: 'protocol numbers instead of names (6 = tcp)',
      ingress: [permission({ protocol: '6', from: 22, to: 22, ...WORLD4 })],
      expected: 'NON_COMPLIANT',
      annotation: /allows tcp 22 from 0\.0\.0\.0\/0/,
    },
    {
      name: 'ICMP from the world',
      ingress: [tcp(443, 443, WORLD4), permission({ protocol: 'icmp', from: 3, to: 4, ...WORLD4 })],
      expected: 'NON_COMPLIANT',
      annotation: /allows icmp from 0\.0\.0\.0\/0: no listener uses ICMP/,
    },
    {
      name: 'an ALB with no listeners but world ingress',
      ingress: [tcp(443, 443, WORLD4)],
      listeners: [],
      expected: 'NON_COMPLIANT',
      annotation: /allows tcp 443 from 0\.0\.0\.0\/0: not a listener port/,
    },
  ];

  it.each(cases)('$name → $expected', async ({ scheme, ingress, listeners, expected, annotation }) => {
    const evaluation = await elbv2({ scheme, ingress, listeners });
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toMatch(annotation);
  });

  it.each(['0.0.0.0/00', '0:0:0:0:0:0:0:0/0', '10.1.2.3/0', '::ffff:0.0.0.0/0'])(
    'treats %s as the world',
    async (cidr) => {
      const family = cidr.includes(':') ? { v6: [cidr] } : { v4: [cidr] };
      const evaluation = await elbv2({ ingress: [tcp(22, 22, family)] });
      expect(evaluation.complianceType).toBe('NON_COMPLIANT');
      expect(evaluation.annotation).toContain(`tcp 22 from ${cidr}`);
    },
  );

  it('names every offending group and rule, worst first within the 256-character annotation', async () => {
    const evaluation = await elbv2({
      ingress: [tcp(22, 22, WORLD4), tcp(3389, 3389, WORLD4), tcp(5432, 5432, { v6: ['::/0'] })],
    });
    expect(evaluation.findings).toHaveLength(3);
    expect(evaluation.findings.join('\n')).toMatch(/tcp 22.*\n.*tcp 3389.*\n.*tcp 5432 from ::\/0/);
    expect(evaluation.annotation.length).toBeLessThanOrEqual(256);
  });

  it('checks every attached group', async () => {
    const { lb } = loadBalancerOf(
      elbv2Item({ name: 'two-groups', securityGroups: [SG, 'sg-0000000000000bad'] }),
    );
    const evaluation = await judgeWith(rule, lb, {
      listeners: [listenerOf(listenerItem(lb.resourceId, 'HTTPS', 443))],
      securityGroups: [
        securityGroupOf(securityGroupItem(SG, 'web', [tcp(443, 443, WORLD4)])),
        securityGroupOf(securityGroupItem('sg-0000000000000bad', 'debug', [tcp(9000, 9100, WORLD4)])),
      ],
    });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'sg-0000000000000bad (debug) allows tcp 9000-9100 from 0.0.0.0/0: no listener uses these ports',
    );
  });

  describe('prefix lists', () => {
    const ingress = [tcp(443, 443, WORLD4), tcp(22, 22, { prefixLists: ['pl-0123456789abcdef0'] })];

    it('are not world by default', async () => {
      expect((await elbv2({ ingress })).complianceType).toBe('COMPLIANT');
    });

    it.each([['pl-0123456789abcdef0'], ['*']])(
      'are world when worldPrefixListIds names them (%s)',
      async (ids) => {
        const evaluation = await elbv2({ ingress, params: { worldPrefixListIds: ids } });
        expect(evaluation.complianceType).toBe('NON_COMPLIANT');
        expect(evaluation.annotation).toContain('allows tcp 22 from prefix list pl-0123456789abcdef0');
      },
    );

    it('refuses a malformed prefix list id, naming the parameter', async () => {
      await expect(elbv2({ ingress, params: { worldPrefixListIds: 'prefix-1' } })).rejects.toThrow(
        /worldPrefixListIds.*prefix list ids \(pl-…\), or \* for every prefix list; item "prefix-1"/,
      );
      await expect(elbv2({ ingress, params: { worldPrefixListIds: 'prefix-1' } })).rejects.toBeInstanceOf(
        InvalidParameterError,
      );
    });
  });

  describe('security groups of another account', () => {
    const ingress = [
      tcp(443, 443, WORLD4),
      tcp(443, 443, { groups: [{ groupId: 'sg-0ffff00000000000f', userId: '444455556666' }] }),
    ];

    it('are named in the annotation, though they are not world ingress', async () => {
      const evaluation = await elbv2({ ingress });
      expect(evaluation.complianceType).toBe('COMPLIANT');
      expect(evaluation.annotation).toContain(
        'Note: sg-0a1b2c3d4e5f60001 (web-alb) allows tcp 443 from sg-0ffff00000000000f of account 444455556666 (cross-account)',
      );
    });

    it('fail when allowCrossAccountReferences=false', async () => {
      const evaluation = await elbv2({ ingress, params: { allowCrossAccountReferences: 'false' } });
      expect(evaluation.complianceType).toBe('NON_COMPLIANT');
      expect(evaluation.annotation).toMatch(
        /from sg-0ffff00000000000f of account 444455556666 \(cross-account\)$/,
      );
    });

    it('a group of the same account is not cross-account', async () => {
      const evaluation = await elbv2({
        ingress: [tcp(443, 443, { groups: [{ groupId: 'sg-0eeee00000000000e' }] })],
      });
      expect(evaluation.annotation).not.toContain('cross-account');
    });
  });

  it('passes world ICMP with allowWorldIcmp=true', async () => {
    const evaluation = await elbv2({
      ingress: [permission({ protocol: 'icmp', from: 3, to: 4, ...WORLD4 })],
      params: { allowWorldIcmp: 'true' },
    });
    expect(evaluation.complianceType).toBe('COMPLIANT');
  });
});

describe('lb-sg-world-ingress on NLBs', () => {
  it('allows world UDP on a UDP listener and TCP+UDP on a TCP_UDP listener', async () => {
    const evaluation = await elbv2({
      type: 'network',
      listeners: [
        ['UDP', 53],
        ['TCP_UDP', 7777],
      ],
      ingress: [
        permission({ protocol: 'udp', from: 53, to: 53, ...WORLD4 }),
        permission({ protocol: 'udp', from: 7777, to: 7777, ...WORLD4 }),
        tcp(7777, 7777, WORLD4),
      ],
    });
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toBe('World ingress only on listener ports tcp 7777; udp 53, 7777.');
  });

  it('refuses world TCP on a UDP-only listener port', async () => {
    const evaluation = await elbv2({
      type: 'network',
      listeners: [['UDP', 53]],
      ingress: [tcp(53, 53, WORLD4)],
    });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toContain('allows tcp 53 from 0.0.0.0/0: not a listener port');
  });

  it('is not applicable to an NLB without security groups', async () => {
    const evaluation = await elbv2({ type: 'network', securityGroups: [], ingress: [] });
    expect(evaluation.complianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.annotation).toContain('nlb-has-security-groups');
  });
});

describe('lb-sg-world-ingress on Classic load balancers (the recommended rule tables)', () => {
  const listeners = [
    { protocol: 'HTTP', port: 80, instancePort: 8080 },
    { protocol: 'HTTPS', port: 443, instancePort: 8080, certificate: CLASSIC_CERTIFICATE },
  ];
  // Outbound to the instance security group on the instance listener and health-check ports.
  const egressToInstances = [tcp(8080, 8080, { groups: [{ groupId: 'sg-0instances000000' }] })];

  async function classic(scheme: 'internet-facing' | 'internal', ingress: unknown[]) {
    const { lb } = loadBalancerOf(
      classicItem({
        name: 'legacy',
        scheme,
        securityGroups: [SG],
        listeners,
        instances: ['i-0a1b2c3d4e5f60718'],
      }),
    );
    const group = securityGroupOf(securityGroupItem(SG, 'legacy-elb', ingress));
    group.egress = securityGroupOf(securityGroupItem(SG, 'legacy-elb', egressToInstances)).ingress;
    return judgeWith(rule, lb, { securityGroups: [group], listeners: [] });
  }

  it('internet-facing: 0.0.0.0/0 on each listener port passes', async () => {
    const evaluation = await classic('internet-facing', [tcp(80, 80, WORLD4), tcp(443, 443, WORLD4)]);
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toBe('World ingress only on listener ports tcp 80, 443.');
  });

  it('internet-facing: the instance port is not a listener port of the load balancer', async () => {
    const evaluation = await classic('internet-facing', [tcp(443, 443, WORLD4), tcp(8080, 8080, WORLD4)]);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'sg-0a1b2c3d4e5f60001 (legacy-elb) allows tcp 8080 from 0.0.0.0/0: not a listener port',
    );
  });

  it('internal: the VPC CIDR on the listener ports passes', async () => {
    const evaluation = await classic('internal', [
      tcp(80, 80, { v4: ['10.20.0.0/16'] }),
      tcp(443, 443, { v4: ['10.20.0.0/16'] }),
    ]);
    expect(evaluation.complianceType).toBe('COMPLIANT');
  });

  it('internal: 0.0.0.0/0 on a listener port fails', async () => {
    const evaluation = await classic('internal', [tcp(443, 443, WORLD4)]);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toContain('on an internal load balancer');
  });
});

describe('lb-sg-world-ingress metadata', () => {
  it('is triggered by load balancer, listener and security group changes, and periodically', () => {
    expect(rule.triggers.changes).toEqual([
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::ElasticLoadBalancing::LoadBalancer',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::EC2::SecurityGroup',
    ]);
    expect(rule.triggers.periodic).toBeDefined();
  });
});
