// The attribute rules answer from the attributes a configuration item carries (no API call);
// the others from their facets. Load balancers come from real-shaped configuration items.
import { describe, expect, it } from 'vitest';
import { rule as dropInvalidHeaders } from '../../rules/alb-drop-invalid-headers/rule.js';
import { rule as wafEnabled } from '../../rules/alb-waf-enabled/rule.js';
import { rule as accessLogs } from '../../rules/lb-access-logs/rule.js';
import { rule as deletionProtection } from '../../rules/lb-deletion-protection/rule.js';
import { rule as desync } from '../../rules/lb-desync-mitigation/rule.js';
import { rule as approved } from '../../rules/lb-internet-facing-approved/rule.js';
import { rule as nlbGroups } from '../../rules/nlb-has-security-groups/rule.js';
import { attributes } from '../../rules/resources/facets/attributes.js';
import { classicItem, elbv2Item, judgeWith, loadBalancerOf } from './config-items.js';

const APPROVAL = 'elb-config-rules:internet-facing-approved';

/** An ALB item with attributes; the facets are exactly what the item carries. */
function albWith(attrs: Record<string, string>, extra: Parameters<typeof elbv2Item>[0] = { name: 'web' }) {
  const { lb, carried } = loadBalancerOf(elbv2Item({ ...extra, attributes: attrs }));
  return { lb, facets: carried };
}

function classicWith(attrs: Record<string, unknown>) {
  const { lb, carried } = loadBalancerOf(
    classicItem({
      name: 'legacy',
      listeners: [{ protocol: 'HTTPS', port: 443, instancePort: 80 }],
      attributes: attrs,
    }),
  );
  return { lb, facets: carried };
}

describe('attribute rules read the configuration item’s own attributes', () => {
  it('primes the attributes facet from an ELBv2 item', () => {
    const { facets } = albWith({ 'deletion_protection.enabled': 'true' });
    expect(facets[attributes.key]).toEqual({ 'deletion_protection.enabled': 'true' });
  });

  it('primes the attributes facet from a Classic item, flattening its groups', () => {
    const { facets } = classicWith({
      accessLog: { enabled: true, s3BucketName: 'corp-elb-logs', emitInterval: 60, s3BucketPrefix: 'legacy' },
      additionalAttributes: [{ key: 'elb.http.desyncmitigationmode', value: 'monitor' }],
    });
    expect(facets[attributes.key]).toMatchObject({
      'accessLog.enabled': 'true',
      'accessLog.s3BucketName': 'corp-elb-logs',
      'elb.http.desyncmitigationmode': 'monitor',
    });
  });
});

describe('alb-drop-invalid-headers (ELB.4)', () => {
  it.each([
    [{ 'routing.http.drop_invalid_header_fields.enabled': 'true' }, 'COMPLIANT', /is true/],
    [
      { 'routing.http.drop_invalid_header_fields.enabled': 'false' },
      'NON_COMPLIANT',
      /routing\.http\.drop_invalid_header_fields\.enabled is false; set it to true/,
    ],
    [{}, 'NON_COMPLIANT', /is not set \(the default, false/],
  ] as const)('%j → %s', async (attrs, expected, annotation) => {
    const { lb, facets } = albWith(attrs);
    const evaluation = await judgeWith(dropInvalidHeaders, lb, facets);
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toMatch(annotation);
  });

  it('does not apply to NLBs', async () => {
    const { lb, facets } = albWith({}, { name: 'nlb', type: 'network' });
    expect((await judgeWith(dropInvalidHeaders, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
  });
});

describe('lb-desync-mitigation (ELB.12, ELB.14)', () => {
  const alb = (mode?: string) =>
    albWith(mode === undefined ? {} : { 'routing.http.desync_mitigation_mode': mode });

  it.each([
    ['defensive', {}, 'COMPLIANT'],
    ['strictest', {}, 'COMPLIANT'],
    ['monitor', {}, 'NON_COMPLIANT'],
    ['defensive', { minimumMode: 'strictest' }, 'NON_COMPLIANT'],
    ['strictest', { minimumMode: 'strictest' }, 'COMPLIANT'],
  ] as const)('ALB in %s with %j → %s', async (mode, params, expected) => {
    const { lb, facets } = alb(mode);
    const evaluation = await judgeWith(desync, lb, facets, params);
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toContain(`routing.http.desync_mitigation_mode is ${mode}`);
  });

  it('reads an absent attribute as ELB’s default and says so', async () => {
    const { lb, facets } = alb();
    const evaluation = await judgeWith(desync, lb, facets);
    expect(evaluation.annotation).toBe(
      'routing.http.desync_mitigation_mode is defensive (not set: ELB default).',
    );
  });

  it('checks a Classic load balancer’s elb.http.desyncmitigationmode', async () => {
    const { lb, facets } = classicWith({
      additionalAttributes: [{ key: 'elb.http.desyncmitigationmode', value: 'monitor' }],
    });
    const evaluation = await judgeWith(desync, lb, facets);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe('elb.http.desyncmitigationmode is monitor; minimumMode is defensive');
  });

  it('refuses an unknown minimumMode, naming the accepted ones', async () => {
    const { lb, facets } = alb('defensive');
    await expect(judgeWith(desync, lb, facets, { minimumMode: 'paranoid' })).rejects.toThrow(
      /"minimumMode" must be one of "defensive", "strictest"/,
    );
  });
});

describe('lb-deletion-protection (ELB.6)', () => {
  it.each([
    ['true', 'COMPLIANT'],
    ['false', 'NON_COMPLIANT'],
  ])('deletion_protection.enabled=%s → %s', async (value, expected) => {
    const { lb, facets } = albWith({ 'deletion_protection.enabled': value }, { name: 'gw', type: 'gateway' });
    expect((await judgeWith(deletionProtection, lb, facets)).complianceType).toBe(expected);
  });

  it('does not apply to Classic load balancers, which have no such attribute', async () => {
    const { lb, facets } = classicWith({});
    expect((await judgeWith(deletionProtection, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
  });
});

describe('lb-access-logs (ELB.5)', () => {
  const on = {
    'access_logs.s3.enabled': 'true',
    'access_logs.s3.bucket': 'corp-elb-logs',
    'access_logs.s3.prefix': 'web',
  };

  it('passes logging to any bucket by default, naming it', async () => {
    const { lb, facets } = albWith(on);
    expect((await judgeWith(accessLogs, lb, facets)).annotation).toBe(
      'Access logs go to s3://corp-elb-logs/web.',
    );
  });

  it('fails logging off', async () => {
    const { lb, facets } = albWith({ 'access_logs.s3.enabled': 'false' });
    expect((await judgeWith(accessLogs, lb, facets)).annotation).toBe(
      'access logs are off (access_logs.s3.enabled=false)',
    );
  });

  it('fails a bucket outside allowedBuckets', async () => {
    const { lb, facets } = albWith(on);
    const evaluation = await judgeWith(accessLogs, lb, facets, {
      allowedBuckets: 'central-logs-111122223333',
    });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toContain('bucket corp-elb-logs, which is not one of allowedBuckets');
  });

  it('reads Classic access logs from the item', async () => {
    const { lb, facets } = classicWith({ accessLog: { enabled: false, emitInterval: 60 } });
    expect((await judgeWith(accessLogs, lb, facets)).annotation).toBe(
      'access logs are off (accessLog.enabled=false)',
    );
  });

  it('skips NLBs unless checkNetworkLoadBalancers=true', async () => {
    const { lb, facets } = albWith({ 'access_logs.s3.enabled': 'false' }, { name: 'nlb', type: 'network' });
    expect((await judgeWith(accessLogs, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
    const checked = await judgeWith(accessLogs, lb, facets, { checkNetworkLoadBalancers: 'true' });
    expect(checked.complianceType).toBe('NON_COMPLIANT');
  });

  it('refuses a malformed bucket name', async () => {
    const { lb, facets } = albWith(on);
    await expect(judgeWith(accessLogs, lb, facets, { allowedBuckets: 'Corp_Logs' })).rejects.toThrow(
      /allowedBuckets.*S3 bucket names; item "Corp_Logs"/,
    );
  });
});

describe('lb-internet-facing-approved', () => {
  const judgeTags = (
    tags: Record<string, string>,
    params = {},
    scheme: 'internet-facing' | 'internal' = 'internet-facing',
  ) => {
    const { lb, facets } = albWith({}, { name: 'shop', scheme, tags });
    return judgeWith(approved, lb, facets, params);
  };

  it('passes an approved load balancer, reading the tags the item carries', async () => {
    const evaluation = await judgeTags({ [APPROVAL]: 'true' });
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toBe(`Internet-facing and approved: tag ${APPROVAL}=true.`);
  });

  it('fails without the tag: internet-facing but not approved', async () => {
    const evaluation = await judgeTags({ team: 'shop' });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      `internet-facing but not approved: no tag ${APPROVAL} and not in allowedLoadBalancers`,
    );
  });

  it('fails a tag value that is not accepted, and accepts any value with *', async () => {
    expect((await judgeTags({ [APPROVAL]: 'false' })).annotation).toBe(
      `internet-facing but not approved: tag ${APPROVAL}="false" is not one of true`,
    );
    expect((await judgeTags({ [APPROVAL]: 'CHG-1234' }, { approvalTagValues: '*' })).complianceType).toBe(
      'COMPLIANT',
    );
  });

  it('uses the configured key and values', async () => {
    const evaluation = await judgeTags(
      { exposure: 'public' },
      { approvalTagKey: 'exposure', approvalTagValues: 'public,partner' },
    );
    expect(evaluation.complianceType).toBe('COMPLIANT');
  });

  it('passes a load balancer listed by name or ARN', async () => {
    expect((await judgeTags({}, { allowedLoadBalancers: 'shop' })).complianceType).toBe('COMPLIANT');
    const { lb } = albWith({}, { name: 'shop' });
    expect((await judgeTags({}, { allowedLoadBalancers: lb.resourceId })).complianceType).toBe('COMPLIANT');
  });

  it('does not apply to internal load balancers', async () => {
    expect((await judgeTags({}, {}, 'internal')).complianceType).toBe('NOT_APPLICABLE');
  });
});

describe('nlb-has-security-groups', () => {
  it('fails an NLB without security groups and passes one with them', async () => {
    const bare = loadBalancerOf(elbv2Item({ name: 'tcp', type: 'network', scheme: 'internal' })).lb;
    const evaluation = await judgeWith(nlbGroups, bare, {});
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toMatch(
      /^internal NLB has no security groups and cannot be given any later/,
    );
    const guarded = loadBalancerOf(
      elbv2Item({ name: 'tls', type: 'network', securityGroups: ['sg-0abc'] }),
    ).lb;
    expect((await judgeWith(nlbGroups, guarded, {})).annotation).toBe('Security groups: sg-0abc.');
  });
});

describe('alb-waf-enabled (ELB.16)', () => {
  const acl = {
    arn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/edge-protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    name: 'edge-protection',
    id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  };
  const judgeAcl = (
    webAcl: typeof acl | null,
    params = {},
    scheme: 'internet-facing' | 'internal' = 'internet-facing',
  ) => {
    const { lb } = albWith({}, { name: 'shop', scheme });
    return judgeWith(wafEnabled, lb, { webAcl }, params);
  };

  it('passes an ALB with a web ACL, naming it', async () => {
    expect((await judgeAcl(acl)).annotation).toBe('Protected by web ACL edge-protection.');
  });

  it('fails an internet-facing ALB without one', async () => {
    expect((await judgeAcl(null)).annotation).toBe('internet-facing ALB has no AWS WAF web ACL');
  });

  it('skips internal ALBs unless scope=all', async () => {
    expect((await judgeAcl(null, {}, 'internal')).complianceType).toBe('NOT_APPLICABLE');
    expect((await judgeAcl(null, { scope: 'all' }, 'internal')).complianceType).toBe('NON_COMPLIANT');
  });

  it('holds the web ACL to allowedWebAcls by name or ARN', async () => {
    expect((await judgeAcl(acl, { allowedWebAcls: 'corp-baseline' })).annotation).toBe(
      'web ACL edge-protection is not one of allowedWebAcls (corp-baseline)',
    );
    expect((await judgeAcl(acl, { allowedWebAcls: acl.arn })).complianceType).toBe('COMPLIANT');
  });
});
