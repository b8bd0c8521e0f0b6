import { describe, expect, it } from 'vitest';
import { rule as wafEnabled } from '../../../rules/alb-waf-enabled/rule.js';
import { albWith, judgeWith } from '../../fixtures/network-items.js';

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
