import { describe, expect, it } from 'vitest';
import {
  contains,
  coverEverything,
  InvalidCidrError,
  isWorld,
  parseCidr,
  withinAny,
} from '../../../../rules/core/resources/network/cidr.js';
import { describeRule, ingressRules, opensPort } from '../../../../rules/core/resources/network/ingress.js';
import { listenerPorts, transportsOf } from '../../../../rules/core/resources/network/listener-ports.js';
import {
  formatPorts,
  permissionPorts,
  protocolName,
  subtractPorts,
} from '../../../../rules/core/resources/network/ports.js';
import { worldSourcesOf } from '../../../../rules/core/resources/network/world.js';
import {
  ACCOUNT,
  elbv2Item,
  loadBalancerOf,
  permission,
  securityGroupItem,
  securityGroupOf,
} from '../../../fixtures/network-items.js';

describe('CIDRs', () => {
  it.each([
    '0.0.0.0/0',
    '0.0.0.0/00',
    '0.0.0.0/000',
    '10.1.2.3/0',
    '::/0',
    '0:0:0:0:0:0:0:0/0',
    '0000::/0',
    '::ffff:0.0.0.0/0',
  ])('%s is the world', (text) => expect(isWorld(parseCidr(text))).toBe(true));

  it.each(['0.0.0.0/1', '10.0.0.0/8', '::/1', '2001:db8::/32', '255.255.255.255/32'])('%s is not', (text) =>
    expect(isWorld(parseCidr(text))).toBe(false),
  );

  it.each(['0.0.0.0', '10.0.0.0/33', '::/129', 'any', '0.0.0.0/0 x', ''])(
    'refuses %j, saying what it expected',
    (text) => {
      expect(() => parseCidr(text)).toThrow(InvalidCidrError);
      expect(() => parseCidr(text)).toThrow(
        /is not a CIDR block; expected an IPv4 or IPv6 address with a prefix length/,
      );
    },
  );

  it('tells containment within one family only', () => {
    expect(contains(parseCidr('10.0.0.0/8'), parseCidr('10.20.4.0/24'))).toBe(true);
    expect(contains(parseCidr('10.20.4.0/24'), parseCidr('10.0.0.0/8'))).toBe(false);
    expect(contains(parseCidr('10.0.0.0/8'), parseCidr('11.0.0.0/24'))).toBe(false);
    expect(contains(parseCidr('0.0.0.0/0'), parseCidr('::/0'))).toBe(false);
    expect(contains(parseCidr('2001:db8::/32'), parseCidr('2001:db8:1::/48'))).toBe(true);
    expect(
      withinAny(parseCidr('172.16.9.0/24'), [parseCidr('10.0.0.0/8'), parseCidr('172.16.0.0/12')])?.text,
    ).toBe('172.16.0.0/12');
  });

  it('sees blocks that together cover every address', () => {
    expect(coverEverything(['0.0.0.0/1', '128.0.0.0/1'].map(parseCidr))).toBe(true);
    expect(coverEverything(['128.0.0.0/2', '0.0.0.0/1', '192.0.0.0/2'].map(parseCidr))).toBe(true);
    expect(coverEverything(['0.0.0.0/1', '128.0.0.0/2'].map(parseCidr))).toBe(false);
    expect(coverEverything(['::/1', '8000::/1'].map(parseCidr))).toBe(true);
    expect(coverEverything(['0.0.0.0/1', '8000::/1'].map(parseCidr))).toBe(false);
  });
});

describe('ports and protocols', () => {
  it.each([
    ['-1', 'all'],
    ['6', 'tcp'],
    ['TCP', 'tcp'],
    ['17', 'udp'],
    ['1', 'icmp'],
    ['58', 'icmpv6'],
    ['50', '50'],
  ])('protocol %s reads as %s', (raw, name) => expect(protocolName(raw)).toBe(name));

  it('reads absent or -1 bounds as every port, and "all" as every port whatever its bounds', () => {
    expect(permissionPorts('tcp', undefined, undefined)).toEqual({ from: 0, to: 65535 });
    expect(permissionPorts('tcp', -1, -1)).toEqual({ from: 0, to: 65535 });
    expect(permissionPorts('all', 22, 22)).toEqual({ from: 0, to: 65535 });
    expect(permissionPorts('icmp', 3, 4)).toBeUndefined();
  });

  it('subtracts listener ports from a range', () => {
    expect(subtractPorts({ from: 0, to: 65535 }, [443, 80])).toEqual([
      { from: 0, to: 79 },
      { from: 81, to: 442 },
      { from: 444, to: 65535 },
    ]);
    expect(subtractPorts({ from: 80, to: 81 }, [80, 81])).toEqual([]);
    expect(subtractPorts({ from: 0, to: 0 }, [0])).toEqual([]);
    expect(subtractPorts({ from: 65535, to: 65535 }, [1])).toEqual([{ from: 65535, to: 65535 }]);
  });

  it('formats ports by transport', () => {
    expect(
      formatPorts([
        { transport: 'udp', port: 53 },
        { transport: 'tcp', port: 443 },
        { transport: 'tcp', port: 80 },
      ]),
    ).toBe('tcp 80, 443; udp 53');
  });

  it('knows each listener protocol’s transports', () => {
    expect(transportsOf('TCP_UDP')).toEqual(['tcp', 'udp']);
    expect(transportsOf('QUIC')).toEqual(['udp']);
    expect(transportsOf('https')).toEqual(['tcp']);
    const { lb } = loadBalancerOf(elbv2Item({ name: 'x' }));
    expect(listenerPorts(lb, [])).toEqual([]);
  });
});

describe('ingress rules from a configuration item', () => {
  const group = securityGroupOf(
    securityGroupItem('sg-0a', 'web', [
      permission({ protocol: '-1', v4: ['10.0.0.0/8'] }),
      permission({
        protocol: 'tcp',
        from: 8000,
        to: 8100,
        v6: ['::/0'],
        prefixLists: ['pl-0123456789abcdef0'],
      }),
      permission({ protocol: 'tcp', from: 22, to: 22, v4: ['0.0.0.0/1', '128.0.0.0/1'] }),
      permission({
        protocol: 'tcp',
        from: 443,
        to: 443,
        groups: [{ groupId: 'sg-0b', userId: '999988887777' }],
      }),
    ]),
  );
  const rules = ingressRules(group, ACCOUNT);

  it('describes each rule', () => {
    expect(rules.map(describeRule)).toEqual(['all traffic', 'tcp 8000-8100', 'tcp 22', 'tcp 443']);
  });

  it('knows which ports each rule opens', () => {
    expect(opensPort(rules[0]!, 'udp', 53)).toBe(true);
    expect(opensPort(rules[1]!, 'tcp', 8080)).toBe(true);
    expect(opensPort(rules[1]!, 'udp', 8080)).toBe(false);
    expect(opensPort(rules[1]!, 'tcp', 8101)).toBe(false);
  });

  it('classifies sources: world, prefix lists, split world, other accounts', () => {
    expect(worldSourcesOf(rules[1]!.sources, []).map((s) => s.kind)).toEqual(['cidr']);
    expect(worldSourcesOf(rules[1]!.sources, ['*']).map((s) => s.kind)).toEqual(['cidr', 'prefixList']);
    expect(worldSourcesOf(rules[2]!.sources, [])).toHaveLength(2);
    expect(worldSourcesOf(rules[0]!.sources, [])).toEqual([]);
    expect(rules[3]!.sources).toEqual([
      { kind: 'group', groupId: 'sg-0b', userId: '999988887777', crossAccount: true },
    ]);
  });
});
