import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/clb-connection-draining/rule.js';
import { enableConnectionDraining } from '../../../rules/core/remediation/aws-enable-clb-connection-draining/link.js';
import { albWith, classicWith, judgeWith } from '../../fixtures/network-items.js';

describe('clb-connection-draining (ELB.7)', () => {
  it('passes draining on, as Config records it, whatever the timeout', async () => {
    const { lb, facets } = classicWith({ connectionDraining: { enabled: true, timeout: 5 } });
    expect(await judgeWith(rule, lb, facets)).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'Connection draining is on (timeout 5s).',
    });
  });

  it('fails draining off, naming the attribute', async () => {
    const { lb, facets } = classicWith({ connectionDraining: { enabled: false, timeout: 300 } });
    expect(await judgeWith(rule, lb, facets)).toMatchObject({
      complianceType: 'NON_COMPLIANT',
      annotation: 'connectionDraining.enabled is false; enable connection draining',
    });
  });

  it.each([
    ['no connectionDraining group', {}],
    ['a group without enabled', { connectionDraining: { timeout: 300 } }],
    ['enabled as null', { connectionDraining: { enabled: null, timeout: 300 } }],
  ])('never passes (nor fails on a guess) when draining is missing: %s', async (_what, recorded) => {
    const { lb, facets } = classicWith(recorded);
    const evaluation = await judgeWith(rule, lb, facets);
    expect(evaluation.complianceType).toBe('INSUFFICIENT_DATA');
    expect(evaluation.annotation).toContain('connectionDraining.enabled is not in the attributes read');
  });

  it('with minimumTimeoutSeconds, fails a shorter or unrecorded timeout and passes a long enough one', async () => {
    const params = { minimumTimeoutSeconds: '60' };
    const short = classicWith({ connectionDraining: { enabled: true, timeout: 30 } });
    expect((await judgeWith(rule, short.lb, short.facets, params)).annotation).toBe(
      'connectionDraining.timeout is 30s; minimumTimeoutSeconds is 60',
    );
    const unrecorded = classicWith({ connectionDraining: { enabled: true } });
    expect((await judgeWith(rule, unrecorded.lb, unrecorded.facets, params)).annotation).toBe(
      'connection draining is on but connectionDraining.timeout is not recorded; minimumTimeoutSeconds is 60',
    );
    const enough = classicWith({ connectionDraining: { enabled: true, timeout: 60 } });
    expect((await judgeWith(rule, enough.lb, enough.facets, params)).complianceType).toBe('COMPLIANT');
  });

  it.each(['-1', '3601', 'soon'])('refuses minimumTimeoutSeconds=%s, naming the parameter', async (value) => {
    const { lb, facets } = classicWith({ connectionDraining: { enabled: true, timeout: 300 } });
    await expect(judgeWith(rule, lb, facets, { minimumTimeoutSeconds: value })).rejects.toThrow(
      /minimumTimeoutSeconds/,
    );
  });

  it('does not apply to ELBv2 load balancers', async () => {
    const { lb, facets } = albWith({});
    expect((await judgeWith(rule, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
  });

  it("remediates with AWS's runbook, with a timeout the rule accepts", () => {
    expect(rule.remediation).toBe(enableConnectionDraining);
    expect(enableConnectionDraining).toMatchObject({
      documentName: 'AWS-EnableCLBConnectionDraining',
      resourceIdParameter: 'LoadBalancerName',
    });
    expect(enableConnectionDraining.staticValuesFor({ minimumTimeoutSeconds: 0 })).toEqual({
      ConnectionTimeout: '300',
    });
    expect(enableConnectionDraining.staticValuesFor({ minimumTimeoutSeconds: 900 })).toEqual({
      ConnectionTimeout: '900',
    });
  });
});
