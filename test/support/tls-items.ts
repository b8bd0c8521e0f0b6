// Models built from configuration items shaped as AWS Config records them, through the same
// normalizers the Lambda uses, for the TLS rule tests.
import { ruleParameters } from '../../rules/core/engine/judge.js';
import type { RuleOutcome } from '../../rules/core/engine/outcome.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import type { ClassicPolicy, ElbV2Listener, LoadBalancer } from '../../rules/core/model/model.js';
import { normalizeConfigurationItem } from '../../rules/core/resources/config-item/item.js';
import { subjectOf } from '../../rules/core/resources/config-item/to-model.js';

export const ACCOUNT = '111122223333';
export const LB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188`;
export const ACM = (id: string) => `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${id}`;
export const IAM = (name: string) => `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`;
export const NOW = new Date('2026-11-21T00:00:00Z');

export function envelope(
  resourceType: string,
  resourceId: string,
  configuration: unknown,
  supplementary = {},
) {
  return {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: '2026-11-20T09:00:00.000Z',
    configurationItemStatus: 'OK',
    awsAccountId: ACCOUNT,
    awsRegion: 'us-east-1',
    resourceType,
    resourceId,
    ARN: resourceId.startsWith('arn:') ? resourceId : undefined,
    configuration,
    supplementaryConfiguration: supplementary,
    tags: {},
  };
}

export function albFromItem(): LoadBalancer {
  const subject = subjectOf(
    normalizeConfigurationItem(
      envelope('AWS::ElasticLoadBalancingV2::LoadBalancer', LB_ARN, {
        loadBalancerArn: LB_ARN,
        loadBalancerName: 'shop',
        type: 'application',
        scheme: 'internet-facing',
        vpcId: 'vpc-1',
        securityGroups: ['sg-1'],
        dNSName: 'shop.elb.amazonaws.com',
        state: { code: 'active' },
      }),
    ),
  );
  if (subject.type !== 'loadBalancer' || !subject.lb) throw new Error('not a load balancer it proves');
  return subject.lb;
}

/** A Listener configuration item (PascalCase, as Config records it), normalised. */
export function listenerFromItem(
  port: number,
  protocol: string,
  sslPolicy: string,
  certificate = ACM('default'),
): ElbV2Listener {
  const arn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/shop/50dc6c495c0c9188/${port}aa`;
  const subject = subjectOf(
    normalizeConfigurationItem(
      envelope('AWS::ElasticLoadBalancingV2::Listener', arn, {
        ListenerArn: arn,
        LoadBalancerArn: LB_ARN,
        Port: port,
        Protocol: protocol,
        SslPolicy: sslPolicy,
        Certificates: [{ CertificateArn: certificate, IsDefault: true }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }],
      }),
    ),
  );
  if (subject.type !== 'listener' || !subject.listener) throw new Error('not a listener');
  return subject.listener;
}

/** A Classic configuration item with LoadBalancerPolicies in supplementaryConfiguration. */
export function classicFromItem(
  listeners: { protocol: string; port: number; policyNames: string[]; cert?: string }[],
  policies: unknown[],
): { lb: LoadBalancer; classicPolicies: ClassicPolicy[] } {
  const item = normalizeConfigurationItem(
    envelope(
      'AWS::ElasticLoadBalancing::LoadBalancer',
      'payments',
      {
        loadBalancerName: 'payments',
        scheme: 'internet-facing',
        vpcid: 'vpc-1',
        securityGroups: ['sg-1'],
        listenerDescriptions: listeners.map((l) => ({
          listener: {
            protocol: l.protocol,
            loadBalancerPort: l.port,
            instanceProtocol: 'HTTP',
            instancePort: 80,
            sslcertificateId: l.cert,
          },
          policyNames: l.policyNames,
        })),
        instances: [],
        healthCheck: { target: 'HTTP:80/' },
      },
      { LoadBalancerPolicies: JSON.stringify(policies) },
    ),
  );
  const subject = subjectOf(item);
  if (subject.type !== 'loadBalancer' || !subject.lb) throw new Error('not a load balancer it proves');
  const carried = subject.carried.find((c) => c.facet.key === 'classicPolicies');
  return { lb: subject.lb, classicPolicies: (carried?.value ?? []) as ClassicPolicy[] };
}

export const sslPolicy = (name: string, attributes: Record<string, string>) => ({
  policyName: name,
  policyTypeName: 'SSLNegotiationPolicyType',
  policyAttributeDescriptions: Object.entries(attributes).map(([attributeName, attributeValue]) => ({
    attributeName,
    attributeValue,
  })),
});

export function run(
  rule: AnyRule,
  model: Record<string, unknown>,
  raw: Record<string, unknown> = {},
): RuleOutcome {
  return rule.evaluate(model as never, {
    params: ruleParameters(rule, raw),
    now: NOW,
    accountId: ACCOUNT,
    region: 'us-east-1',
  });
}
