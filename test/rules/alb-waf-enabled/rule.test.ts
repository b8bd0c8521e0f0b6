import { describe, expect, it } from 'vitest';
import { rule as wafEnabled } from '../../../rules/alb-waf-enabled/rule.js';
import { albWith, judgeWith } from '../../fixtures/network-items.js';

describe('alb-waf-enabled (ELB.16)', () => {
  const acl = {
    arn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/edge-protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    name: 'edge-protection',
    id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  };
  const classicAcl = {
    arn: 'arn:aws:waf-regional:us-east-1:111122223333:webacl/0c8e4b5a-1234-4f00-9d3e-EXAMPLE22222',
    name: 'legacy-edge',
    id: '0c8e4b5a-1234-4f00-9d3e-EXAMPLE22222',
    service: 'waf-classic',
  };
  const judgeAcl = (
    webAcl: Record<string, unknown> | null,
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

  it('fails an ALB whose only web ACL is WAF Classic, naming it and why it does not count', async () => {
    const evaluation = await judgeAcl(classicAcl);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'internet-facing ALB has only WAF Classic web ACL legacy-edge, which does not count (WAF Classic support ended on 30 September 2025): migrate it to AWS WAF (WAFv2)',
    );
    // allowedWebAcls naming it does not make WAF Classic count.
    expect((await judgeAcl(classicAcl, { allowedWebAcls: classicAcl.arn })).complianceType).toBe(
      'NON_COMPLIANT',
    );
  });

  it('reads a WAF Classic ARN recorded without its service as WAF Classic', async () => {
    const { service: _service, ...unlabelled } = classicAcl;
    expect((await judgeAcl(unlabelled)).complianceType).toBe('NON_COMPLIANT');
  });

  describe('preset=securityhub (ELB.16)', () => {
    const preset = { preset: 'securityhub' };

    it('judges internal ALBs whatever the scope', async () => {
      expect((await judgeAcl(null, preset, 'internal')).annotation).toBe(
        'internal ALB has no AWS WAF web ACL',
      );
      expect((await judgeAcl(acl, { ...preset, scope: 'internet-facing' }, 'internal')).complianceType).toBe(
        'COMPLIANT',
      );
    });

    it('counts WAF Classic and names it', async () => {
      expect((await judgeAcl(classicAcl, preset)).annotation).toBe(
        'Protected by WAF Classic web ACL legacy-edge.',
      );
    });

    it('ignores allowedWebAcls, which ELB.16 does not have', async () => {
      expect((await judgeAcl(acl, { ...preset, allowedWebAcls: 'corp-baseline' })).complianceType).toBe(
        'COMPLIANT',
      );
    });

    it('never passes an ALB whose web ACL could not be read', async () => {
      const { lb } = albWith({}, { name: 'shop', scheme: 'internal' });
      // No webAcl in the record: the read failed (either WAF, or WAF Classic after WAFv2 had none).
      const evaluation = await judgeWith(wafEnabled, lb, {}, preset);
      expect(evaluation.complianceType).toBe('INSUFFICIENT_DATA');
      expect((await judgeWith(wafEnabled, lb, {}, {})).complianceType).toBe('NOT_APPLICABLE');
    });
  });
});
