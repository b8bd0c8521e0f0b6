// Stored results as the report formats take them: names from Config resource ids.
import { describe, expect, it } from 'vitest';
import { displayName, toAuditResult } from '../../../bin/cli/report/to-audit-result.js';

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/50dc6c495c0c9188';
const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/api/73e2d6bc24d8a067';

describe('displayName', () => {
  it.each([
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', LB, 'web'],
    ['AWS::ElasticLoadBalancingV2::Listener', LISTENER, 'web:listener/f2f7dc8efc522ab2'],
    ['AWS::ElasticLoadBalancingV2::TargetGroup', TG, 'targetgroup/api'],
    ['AWS::ElasticLoadBalancing::LoadBalancer', 'legacy-web', 'legacy-web'],
    ['AWS::EC2::SecurityGroup', 'sg-0123456789abcdef0', 'sg-0123456789abcdef0'],
  ])('%s %s → %s', (type, id, name) => {
    expect(displayName(type, id)).toBe(name);
  });
});

describe('toAuditResult', () => {
  it('counts a listener as its load balancer, keeps read errors, and calls no load balancer API', () => {
    const result = toAuditResult({
      results: [
        {
          accountId: '111111111111',
          region: 'us-east-1',
          configRuleName: 'fsbp-elb-18-nlb-tls-only',
          ruleId: 'nlb-tls-only',
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId: LISTENER,
          complianceType: 'NON_COMPLIANT',
          annotation: 'HTTP:80 is not HTTPS',
        },
      ],
      errors: [
        {
          accountId: '111111111111',
          region: 'eu-west-1',
          configRuleName: 'alb-https-only',
          code: 'AccessDeniedException',
          message: 'denied',
        },
      ],
      scopes: ['111111111111/us-east-1'],
    });
    expect(result.evaluations[0]).toMatchObject({
      loadBalancerId: LB,
      resourceName: 'web:listener/f2f7dc8efc522ab2',
      findings: ['HTTP:80 is not HTTPS'],
    });
    expect(result.errors).toEqual([
      {
        accountId: '111111111111',
        region: 'eu-west-1',
        code: 'AccessDeniedException',
        message: 'alb-https-only: denied',
      },
    ]);
    expect(result.traffic.requests).toBe(0);
  });
});
