import { describe, expect, it } from 'vitest';
import { rule as approved } from '../../../rules/lb-internet-facing-approved/rule.js';
import { albWith, judgeWith } from '../../fixtures/network-items.js';

const APPROVAL = 'elb-config-rules:internet-facing-approved';

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
