import { describe, expect, it } from 'vitest';
import type { RegisteredTarget, TargetGroup } from '../../../rules/core/resources/normalize/targets.js';
import { classicTargets } from '../../../rules/core/resources/normalize/targets.js';
import { rule } from '../../../rules/lb-target-health/rule.js';
import {
  classicItem,
  elbv2Item,
  judgeWith,
  loadBalancerOf,
  targetGroupArn,
} from '../../fixtures/network-items.js';

const tg = (name: string, targets: RegisteredTarget[], enabled = true): TargetGroup => ({
  arn: targetGroupArn(name),
  name,
  targetType: 'instance',
  protocol: 'HTTP',
  port: 80,
  healthCheck: { enabled, protocol: 'HTTP', port: 'traffic-port' },
  targets,
});
const target = (id: string, state: string, reason?: string): RegisteredTarget => ({
  id,
  port: 80,
  health: { state, reason },
});

async function judgeTargets(groups: TargetGroup[], params = {}) {
  const { lb } = loadBalancerOf(elbv2Item({ name: 'api' }));
  return judgeWith(rule, lb, { targets: groups }, params);
}

describe('lb-target-health', () => {
  it('passes when every target is healthy', async () => {
    const evaluation = await judgeTargets([
      tg('api', [target('i-01', 'healthy'), target('i-02', 'healthy')]),
    ]);
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toBe('Healthy targets: targetgroup/api 2/2.');
  });

  it('fails a target group with an unhealthy target, giving the reason codes', async () => {
    const evaluation = await judgeTargets([
      tg('api', [
        target('i-01', 'healthy'),
        target('i-02', 'unhealthy', 'Target.FailedHealthChecks'),
        target('i-03', 'unhealthy', 'Target.Timeout'),
        target('i-04', 'unhealthy', 'Target.FailedHealthChecks'),
      ]),
      tg('static', [target('i-09', 'healthy')]),
    ]);
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toBe(
      'targetgroup/api: 3 of 4 targets unhealthy (Target.FailedHealthChecks ×2: i-02, i-04; Target.Timeout ×1: i-03)',
    );
  });

  it('tolerates unhealthy targets up to maxUnhealthyPercent', async () => {
    const groups = [
      tg('api', [
        target('i-01', 'healthy'),
        target('i-02', 'healthy'),
        target('i-03', 'healthy'),
        target('i-04', 'unhealthy', 'Target.Timeout'),
      ]),
    ];
    expect((await judgeTargets(groups, { maxUnhealthyPercent: '25' })).complianceType).toBe('COMPLIANT');
    expect((await judgeTargets(groups, { maxUnhealthyPercent: '24' })).complianceType).toBe('NON_COMPLIANT');
  });

  it('counts the states named in unhealthyStates', async () => {
    const groups = [tg('api', [target('i-01', 'healthy'), target('i-02', 'unused', 'Target.InvalidState')])];
    expect((await judgeTargets(groups)).complianceType).toBe('COMPLIANT');
    const strict = await judgeTargets(groups, { unhealthyStates: 'unhealthy,unused' });
    expect(strict.annotation).toBe(
      'targetgroup/api: 1 of 2 targets unhealthy (Target.InvalidState ×1: i-02)',
    );
  });

  it('does not count targets whose health checks are disabled, and says so', async () => {
    const lambda = tg(
      'fn',
      [
        target(
          'arn:aws:lambda:us-east-1:111122223333:function:fn',
          'unavailable',
          'Target.HealthCheckDisabled',
        ),
      ],
      false,
    );
    const evaluation = await judgeTargets([lambda]);
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toBe(
      'No targets with health checks registered. Health checks disabled: targetgroup/fn.',
    );
  });

  it('reads Classic OutOfService instances as unhealthy, with their reason code', async () => {
    const { lb } = loadBalancerOf(
      classicItem({
        name: 'legacy',
        listeners: [{ protocol: 'HTTP', port: 80, instancePort: 80 }],
        instances: ['i-0a', 'i-0b'],
      }),
    );
    if (lb.kind !== 'classic') throw new Error('expected Classic');
    const group = classicTargets(lb, [
      { InstanceId: 'i-0a', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' },
      {
        InstanceId: 'i-0b',
        State: 'OutOfService',
        ReasonCode: 'Instance',
        Description:
          'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
      },
    ]);
    const evaluation = await judgeWith(rule, lb, { targets: [group] });
    expect(evaluation.annotation).toBe('registered instances: 1 of 2 targets unhealthy (Instance ×1: i-0b)');
  });

  it('refuses an unknown state in unhealthyStates', async () => {
    await expect(judgeTargets([], { unhealthyStates: 'sick' })).rejects.toThrow(
      /unhealthyStates.*item "sick"/,
    );
  });

  it('is swept periodically, and re-read when a load balancer changes', () => {
    expect(rule.triggers).toEqual({
      changes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
      periodic: 'TwentyFour_Hours',
    });
  });
});
