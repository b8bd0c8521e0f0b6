import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/elbv2-target-encryption/rule.js';
import { judgeWith } from '../../fixtures/network-items.js';
import { group, tgArn, withGroups } from './parity.js';

const OFFLOAD = 'elb-config-rules:tls-offload';

async function judge(
  kind: 'application' | 'network' | 'gateway',
  groups: Parameters<typeof withGroups>[1],
  options: {
    groupTags?: Record<string, Record<string, string>>;
    lbTags?: Record<string, string>;
    params?: object;
  } = {},
) {
  const { lb, facets } = withGroups(kind, groups, options.groupTags, options.lbTags);
  return judgeWith(rule, lb, facets, { ...options.params });
}

describe('elbv2-target-encryption', () => {
  it('passes an ALB HTTPS target group with an HTTPS health check, and an NLB TLS group with a TCP one', async () => {
    const alb = await judge('application', [group('api', 'HTTPS', 'HTTPS')]);
    expect([alb.complianceType, alb.annotation]).toEqual([
      'COMPLIANT',
      'Encrypted target groups: api HTTPS:443.',
    ]);
    const nlb = await judge('network', [group('db', 'TLS', 'TCP')]);
    expect([nlb.complianceType, nlb.annotation]).toEqual([
      'COMPLIANT',
      'Encrypted target groups: db TLS:443.',
    ]);
  });

  it('fails plaintext target groups and HTTP health checks of HTTP-family groups, naming what to use', async () => {
    const alb = await judge('application', [group('api', 'HTTP', 'HTTP'), group('web', 'HTTPS', 'HTTP')]);
    expect(alb.complianceType).toBe('NON_COMPLIANT');
    expect(alb.findings).toEqual([
      'api HTTP:443: sends plaintext HTTP to its targets; use HTTPS; health check uses HTTP; use HTTPS',
      'web HTTPS:443: health check uses HTTP; use HTTPS',
    ]);
    const nlb = await judge('network', [group('db', 'TCP', 'TCP'), group('mix', 'TCP_UDP', 'TCP')]);
    expect(nlb.findings).toEqual([
      'db TCP:443: sends plaintext TCP to its targets; use TLS',
      'mix TCP_UDP:443: sends plaintext TCP_UDP to its targets; use TLS',
    ]);
  });

  it('never infers TLS offload from a port: HTTP on 443 fails', async () => {
    const evaluation = await judge('application', [group('api', 'HTTP', 'HTTPS')]);
    expect(evaluation.findings).toEqual(['api HTTP:443: sends plaintext HTTP to its targets; use HTTPS']);
  });

  it('exempts declared TLS offload by target group tag, load balancer tag or allow-list, naming each', async () => {
    const tagged = await judge(
      'application',
      [group('api', 'HTTP', 'HTTP'), group('web', 'HTTPS', 'HTTPS')],
      {
        groupTags: { api: { [OFFLOAD]: 'ends at the ALB' } },
      },
    );
    expect([tagged.complianceType, tagged.annotation]).toEqual([
      'COMPLIANT',
      `Encrypted target groups: web HTTPS:443. Exempt: api HTTP:443 (TLS offload declared by tag ${OFFLOAD}=ends at the ALB).`,
    ]);
    const byLb = await judge('network', [group('db', 'TCP', 'TCP')], { lbTags: { [OFFLOAD]: '' } });
    expect([byLb.complianceType, byLb.annotation]).toEqual([
      'COMPLIANT',
      `Exempt: db TCP:443 (TLS offload declared by load balancer tag ${OFFLOAD}).`,
    ]);
    for (const listed of ['api', tgArn('api')]) {
      const allowed = await judge(
        'application',
        [group('api', 'HTTP', 'HTTP'), group('other', 'HTTP', 'HTTP')],
        {
          params: { exemptTargetGroups: listed },
        },
      );
      expect(allowed.findings).toEqual([
        'other HTTP:443: sends plaintext HTTP to its targets; use HTTPS; health check uses HTTP; use HTTPS',
        'Exempt: api HTTP:443 (TLS offload declared by exemptTargetGroups).',
      ]);
    }
    const customKey = await judge('application', [group('api', 'HTTP', 'HTTP')], {
      groupTags: { api: { [OFFLOAD]: 'x' } },
      params: { exemptTagKey: 'offload' },
    });
    expect(customKey.complianceType).toBe('NON_COMPLIANT');
  });

  it('exempts a UDP target group, named, as nlb-tls-only exempts UDP listeners', async () => {
    const udp = await judge('network', [group('dns', 'UDP', 'TCP'), group('dot', 'TLS', 'TCP')]);
    expect([udp.complianceType, udp.annotation]).toEqual([
      'COMPLIANT',
      'Encrypted target groups: dot TLS:443. Exempt: dns UDP:443 (cannot carry TLS).',
    ]);
    const elb22 = await judge('network', [group('dns', 'UDP', 'TCP')], {
      params: { preset: 'securityhub-elb22' },
    });
    expect(elb22.findings).toEqual(['dns UDP:443: sends plaintext UDP to its targets; use TLS']);
  });

  it('does not judge Lambda or ALB-type target groups, naming them', async () => {
    const evaluation = await judge('network', [
      group('fn', undefined, undefined, 'lambda'),
      group('alb', 'TCP', 'HTTP', 'alb'),
    ]);
    expect([evaluation.complianceType, evaluation.annotation]).toEqual([
      'NOT_APPLICABLE',
      'Nothing to judge. Not judged: alb (ALB target: its own listeners are judged), fn (Lambda target).',
    ]);
  });

  it('does not judge a Gateway Load Balancer, and reads nothing for it', async () => {
    const evaluation = await judgeWith(rule, withGroups('gateway', []).lb, {});
    expect([evaluation.complianceType, evaluation.annotation]).toEqual([
      'NOT_APPLICABLE',
      'Gateway Load Balancer: its GENEVE target groups carry packets, not TLS.',
    ]);
  });

  it('gives no verdict on data that was not supplied', async () => {
    const noProtocol = await judge('application', [group('api', undefined, 'HTTPS')]);
    expect([noProtocol.complianceType, noProtocol.error?.reason]).toEqual([
      'INSUFFICIENT_DATA',
      'rule elbv2-target-encryption failed on app-lb: protocol of target group api not supplied',
    ]);
    const noCheck = await judge('application', [
      { ...group('api', 'HTTPS', 'HTTPS'), healthCheck: { enabled: true } },
    ]);
    expect(noCheck.complianceType).toBe('INSUFFICIENT_DATA');
    const elb21 = await judge('network', [group('db', 'TLS', undefined)], {
      params: { preset: 'securityhub-elb21' },
    });
    expect(elb21.complianceType).toBe('INSUFFICIENT_DATA');
    // A plaintext group whose tags were not read might be exempt: undecided, never compliant or failed.
    const { lb, facets } = withGroups('application', [group('api', 'HTTP', 'HTTP')]);
    const untagged = await judgeWith(rule, lb, { ...facets, targetGroupTags: {} });
    expect(untagged.complianceType).toBe('INSUFFICIENT_DATA');
    const noFacet = await judgeWith(rule, lb, { targets: facets.targets, tags: {} });
    expect(noFacet.complianceType).toBe('INSUFFICIENT_DATA');
  });

  it('refuses an allow-list entry that is neither a target group name nor its ARN', async () => {
    const { lb, facets } = withGroups('application', []);
    await expect(judgeWith(rule, lb, facets, { exemptTargetGroups: 'not a name!' })).rejects.toThrow(
      /exemptTargetGroups/,
    );
  });
});
