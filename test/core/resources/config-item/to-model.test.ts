import { describe, expect, it } from 'vitest';
import { normalizeConfigurationItem } from '../../../../rules/core/resources/config-item/item.js';
import { subjectOf } from '../../../../rules/core/resources/config-item/to-model.js';
import {
  classicItem,
  elbv2LoadBalancerItem,
  listenerItem,
  nlbArn,
  redirectTo,
  securityGroupItem,
} from '../../../fixtures/config-items.js';

describe('configuration items into models', () => {
  it('reads a camelCase ELBv2 item (dNSName) with its attributes and tags', () => {
    const subject = subjectOf(
      normalizeConfigurationItem(
        elbv2LoadBalancerItem({
          arn: nlbArn('edge'),
          type: 'network',
          scheme: 'internal',
          securityGroups: ['sg-1'],
          attributes: { 'deletion_protection.enabled': 'true' },
        }),
      ),
    );
    if (subject.type !== 'loadBalancer') throw new Error(subject.type);
    expect(subject.lb).toMatchObject({
      kind: 'network',
      scheme: 'internal',
      name: 'edge',
      securityGroupIds: ['sg-1'],
      dnsName: expect.stringContaining('edge'),
    });
    expect(Object.fromEntries(subject.carried.map((c) => [c.facet.key, c.value]))).toEqual({
      attributes: { 'deletion_protection.enabled': 'true' },
      tags: {},
      availabilityZones: ['us-east-1a'],
    });
  });

  it.each(['lower', 'camel'] as const)('reads a Classic item spelled in %s case the same way', (casing) => {
    const item = classicItem({
      name: 'legacy',
      casing,
      listeners: [
        { protocol: 'https', port: 443, cert: 'arn:aws:iam::1:server-certificate/x', policies: ['p1'] },
      ],
      policies: [
        {
          policyName: 'p1',
          policyTypeName: 'SSLNegotiationPolicyType',
          attributes: {
            'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01',
            'Protocol-TLSv1': 'true',
          },
        },
      ],
    });
    const subject = subjectOf(normalizeConfigurationItem(item));
    if (subject.type !== 'loadBalancer' || subject.lb?.kind !== 'classic') throw new Error('not classic');
    expect(subject.lb.vpcId).toBe('vpc-0a1b2c3d');
    expect(subject.lb.dnsName).toBe('legacy-1.us-east-1.elb.amazonaws.com');
    expect(subject.lb.listeners).toEqual([
      {
        protocol: 'HTTPS',
        port: 443,
        instanceProtocol: 'HTTP',
        instancePort: 80,
        sslCertificateId: 'arn:aws:iam::1:server-certificate/x',
        policyNames: ['p1'],
      },
    ]);
    expect(subject.lb.instanceIds).toEqual(['i-0123456789abcdef0']);
    const carried = Object.fromEntries(subject.carried.map((c) => [c.facet.key, c.value]));
    expect(carried.classicPolicies).toEqual([
      {
        name: 'p1',
        typeName: 'SSLNegotiationPolicyType',
        attributes: {
          'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01',
          'Protocol-TLSv1': 'true',
        },
      },
    ]);
    expect(carried.attributes).toMatchObject({
      'accessLog.enabled': 'false',
      'connectionDraining.timeout': '300',
      'elb.http.desyncmitigationmode': 'defensive',
    });
  });

  it('reads a PascalCase listener item and its redirect', () => {
    const subject = subjectOf(
      normalizeConfigurationItem(
        listenerItem(nlbArn('x'), 'abc', {
          port: 80,
          protocol: 'HTTP',
          defaultActions: [redirectTo('HTTPS')],
        }),
      ),
    );
    if (subject.type !== 'listener' || !subject.listener) throw new Error(subject.type);
    expect(subject.listener).toMatchObject({ port: 80, protocol: 'HTTP', loadBalancerArn: nlbArn('x') });
    expect(subject.listener.defaultActions[0]).toMatchObject({
      type: 'redirect',
      redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
    });
  });

  it('merges ipRanges strings and ipv4Ranges objects of a security group item without duplicates', () => {
    const item = securityGroupItem('sg-1', [
      {
        ipProtocol: '-1',
        ipRanges: ['0.0.0.0/0'],
        ipv4Ranges: [{ cidrIp: '0.0.0.0/0', description: 'world' }],
        ipv6Ranges: [{ cidrIpv6: '::/0' }],
        prefixListIds: [],
        userIdGroupPairs: [{ groupId: 'sg-2', userId: '999999999999' }],
      },
      {
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        ipRanges: [],
        ipv4Ranges: [],
        ipv6Ranges: [],
        prefixListIds: [],
        userIdGroupPairs: [],
      },
    ]);
    const subject = subjectOf(normalizeConfigurationItem(item));
    if (subject.type !== 'securityGroup' || !subject.group) throw new Error(subject.type);
    expect(subject.group.ingress[0]).toEqual({
      protocol: '-1',
      fromPort: undefined,
      toPort: undefined,
      ipv4Ranges: [{ cidr: '0.0.0.0/0', description: 'world' }],
      ipv6Ranges: [{ cidr: '::/0', description: undefined }],
      prefixListIds: [],
      groupPairs: [{ groupId: 'sg-2', userId: '999999999999', groupName: undefined }],
    });
    expect(subject.group.ingress[1]).toMatchObject({ protocol: 'tcp', fromPort: 443, toPort: 443 });
  });

  it('refuses an item without its identity, naming the field', () => {
    expect(() => normalizeConfigurationItem({ resourceType: 'AWS::EC2::SecurityGroup' })).toThrow(
      /configurationItem\.resourceId: missing/,
    );
  });
});
