// A live Classic description whose HTTPS or SSL listener lacks SSLCertificateId. AWS never
// returns one, so it is an incomplete description: the certificate rules must not read it as
// "no certificate" (NOT_APPLICABLE) nor pass the load balancer on its other certificates.
import { describe, expect, it } from 'vitest';
import { rule as clbAcm } from '../../../../rules/clb-acm-certificate-required/rule.js';
import { annotationOf } from '../../../../rules/core/engine/annotation.js';
import { ruleParameters } from '../../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../../rules/core/engine/rule.js';
import { classicLoadBalancer } from '../../../../rules/core/resources/normalize/classic.js';
import { rule as expiry } from '../../../../rules/lb-certificate-expiry/rule.js';
import { ACM_ARN, acm, NOW } from '../../../support/certificate-models.js';

/** One LoadBalancerDescriptions entry as DescribeLoadBalancers returns it. */
function described(listeners: Record<string, unknown>[]) {
  return classicLoadBalancer(
    {
      LoadBalancerName: 'legacy',
      Scheme: 'internet-facing',
      VPCId: 'vpc-1',
      SecurityGroups: ['sg-1'],
      ListenerDescriptions: listeners.map((Listener) => ({ Listener, PolicyNames: [] })),
      Instances: [],
      HealthCheck: { Target: 'HTTP:80/' },
    },
    '111122223333',
    'us-east-1',
  );
}

const judge = (rule: AnyRule, lb: ReturnType<typeof described>) =>
  rule.evaluate(
    { lb, listeners: [], listenerCertificates: {}, certificates: { [ACM_ARN]: acm({}) } } as never,
    {
      params: ruleParameters(rule, {}),
      now: NOW,
      accountId: '111122223333',
      region: 'us-east-1',
    },
  );

const https443 = { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80 };
const ssl8443 = {
  Protocol: 'SSL',
  LoadBalancerPort: 8443,
  InstanceProtocol: 'TCP',
  InstancePort: 8080,
  SSLCertificateId: ACM_ARN,
};

describe('a live Classic HTTPS/SSL listener described without SSLCertificateId', () => {
  for (const rule of [expiry, clbAcm]) {
    it(`${rule.id}: the only TLS listener lacks it → NON_COMPLIANT naming the listener`, () => {
      const outcome = judge(rule, described([https443]));
      expect(outcome.compliance).toBe('NON_COMPLIANT');
      expect(annotationOf(outcome)).toMatch(
        /^HTTPS:443 is described without its certificate \(no SSLCertificateId\)/,
      );
    });

    it(`${rule.id}: another listener's good certificate does not pass the load balancer`, () => {
      const outcome = judge(rule, described([https443, ssl8443]));
      expect(outcome.compliance).toBe('NON_COMPLIANT');
      expect(annotationOf(outcome)).toMatch(/HTTPS:443 is described without its certificate/);
    });

    it(`${rule.id}: with the certificate recorded, the same load balancer passes`, () => {
      const outcome = judge(rule, described([{ ...https443, SSLCertificateId: ACM_ARN }, ssl8443]));
      expect(outcome.compliance).toBe('COMPLIANT');
    });

    it(`${rule.id}: plain HTTP and TCP listeners need no certificate (NOT_APPLICABLE)`, () => {
      const outcome = judge(
        rule,
        described([{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }]),
      );
      expect(outcome.compliance).toBe('NOT_APPLICABLE');
    });
  }
});
