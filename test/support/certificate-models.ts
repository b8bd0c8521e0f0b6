// Certificate rule fixtures: load balancers, HTTPS listeners and certificate details.
import { ruleParameters } from '../../rules/core/engine/judge.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import type { ElbV2Listener, ElbV2LoadBalancer, LoadBalancer } from '../../rules/core/model/model.js';
import type { CertificateDetails } from '../../rules/core/resources/facets/certificates.js';

export const NOW = new Date('2026-11-21T12:00:00Z');
export const ACM_ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/aaaa';
export const IAM_ARN = 'arn:aws:iam::111122223333:server-certificate/legacy/old-cert';

export function alb(name: string): ElbV2LoadBalancer {
  const arn = `arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/${name}/1`;
  return {
    kind: 'application',
    resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    resourceId: arn,
    arn,
    accountId: '111122223333',
    region: 'us-east-1',
    name,
    scheme: 'internet-facing',
    securityGroupIds: [],
  };
}

export function https(lb: ElbV2LoadBalancer, port: number, policy: string, certs: string[]): ElbV2Listener {
  return {
    arn: `${lb.arn.replace(':loadbalancer/', ':listener/')}/${port}`,
    loadBalancerArn: lb.arn,
    port,
    protocol: 'HTTPS',
    sslPolicy: policy,
    certificates: certs.map((arn, i) => ({ arn, isDefault: i === 0 })),
    alpnPolicy: [],
    defaultActions: [],
  };
}

export function evaluate(
  rule: AnyRule,
  lb: LoadBalancer,
  listener: ElbV2Listener,
  certs: Record<string, CertificateDetails>,
  raw = {},
) {
  return rule.evaluate(
    { lb, listeners: [listener], listenerCertificates: {}, certificates: certs } as never,
    { params: ruleParameters(rule, raw), now: NOW, accountId: '111122223333', region: 'us-east-1' },
  );
}

export const acm = (over: Partial<CertificateDetails>): CertificateDetails => ({
  arn: ACM_ARN,
  source: 'acm',
  found: true,
  status: 'ISSUED',
  notAfter: '2027-06-01T00:00:00.000Z',
  keyAlgorithm: 'RSA-2048',
  ...over,
});
