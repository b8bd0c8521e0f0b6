// Table-driven rule tests over configuration items shaped as AWS Config records them, turned
// into models by the same normalizers the Lambda uses.
import { describe, expect, it } from 'vitest';
import { rule as clbAcm } from '../../rules/clb-acm-certificate-required/rule.js';
import { rule as clbTls } from '../../rules/clb-tls-policy/rule.js';
import { rule as elbv2Acm } from '../../rules/elbv2-acm-certificate-required/rule.js';
import { rule as elbv2Tls } from '../../rules/elbv2-tls-policy/rule.js';
import { annotationOf } from '../../rules/engine/annotation.js';
import { ruleParameters } from '../../rules/engine/judge.js';
import type { RuleOutcome } from '../../rules/engine/outcome.js';
import type { AnyRule } from '../../rules/engine/rule.js';
import { normalizeConfigurationItem } from '../../rules/resources/config-item/item.js';
import { subjectOf } from '../../rules/resources/config-item/to-model.js';
import type { ClassicPolicy, ElbV2Listener, LoadBalancer } from '../../rules/resources/model.js';
import { type DescribedTlsPolicies, NO_DESCRIBED_POLICIES } from '../../rules/tls/lookup.js';

const ACCOUNT = '111122223333';
const LB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188`;
const ACM = (id: string) => `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${id}`;
const IAM = (name: string) => `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`;
const NOW = new Date('2026-11-21T00:00:00Z');

function envelope(resourceType: string, resourceId: string, configuration: unknown, supplementary = {}) {
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

function albFromItem(): LoadBalancer {
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
  if (subject.type !== 'loadBalancer') throw new Error('not a load balancer');
  return subject.lb;
}

/** A Listener configuration item (PascalCase, as Config records it), normalised. */
function listenerFromItem(
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
  if (subject.type !== 'listener') throw new Error('not a listener');
  return subject.listener;
}

/** A Classic configuration item with LoadBalancerPolicies in supplementaryConfiguration. */
function classicFromItem(
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
      },
      { LoadBalancerPolicies: JSON.stringify(policies) },
    ),
  );
  const subject = subjectOf(item);
  if (subject.type !== 'loadBalancer') throw new Error('not a load balancer');
  const carried = subject.carried.find((c) => c.facet.key === 'classicPolicies');
  return { lb: subject.lb, classicPolicies: (carried?.value ?? []) as ClassicPolicy[] };
}

const sslPolicy = (name: string, attributes: Record<string, string>) => ({
  policyName: name,
  policyTypeName: 'SSLNegotiationPolicyType',
  policyAttributeDescriptions: Object.entries(attributes).map(([attributeName, attributeValue]) => ({
    attributeName,
    attributeValue,
  })),
});

function run(rule: AnyRule, model: Record<string, unknown>, raw: Record<string, unknown> = {}): RuleOutcome {
  return rule.evaluate(model as never, {
    params: ruleParameters(rule, raw),
    now: NOW,
    accountId: ACCOUNT,
    region: 'us-east-1',
  });
}

describe('elbv2-tls-policy over Listener configuration items', () => {
  const cases: [policy: string, params: Record<string, string>, expected: string, annotation: RegExp][] = [
    [
      'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
      {},
      'NON_COMPLIANT',
      /HTTPS:443 policy ELBSecurityPolicy-TLS13-1-0-PQ-2025-09 allows TLSv1, TLSv1\.1 \(minTlsVersion TLSv1\.2\)/,
    ],
    [
      'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
      {},
      'NON_COMPLIANT',
      /lacks forward secrecy \(requireForwardSecrecy\)/,
    ],
    [
      'ELBSecurityPolicy-FS-1-2-Res-2020-10',
      {},
      'COMPLIANT',
      /HTTPS:443 ELBSecurityPolicy-FS-1-2-Res-2020-10 \(TLSv1\.2, FS\)/,
    ],
    ['ELBSecurityPolicy-TLS13-1-2-2021-06', {}, 'COMPLIANT', /TLSv1\.2\+, FS/],
    [
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
      { preset: 'securityhub-elb17' },
      'NON_COMPLIANT',
      /Security Hub ELB\.17/,
    ],
    ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', { preset: 'securityhub-elb17' }, 'COMPLIANT', /PQ/],
    [
      'ELBSecurityPolicy-2016-08',
      { allowedPolicies: 'ELBSecurityPolicy-2016-08' },
      'COMPLIANT',
      /in allowedPolicies/,
    ],
    [
      'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      { requireFips: 'true' },
      'NON_COMPLIANT',
      /is not a FIPS policy \(requireFips\)/,
    ],
    [
      'ELBSecurityPolicy-Unknown-2030-01',
      {},
      'NON_COMPLIANT',
      /cannot be classified: DescribeSSLPolicies does not know/,
    ],
  ];
  it.each(cases)('%s %j → %s', (policy, params, expected, annotation) => {
    const runtime: DescribedTlsPolicies = { described: [], missing: ['ELBSecurityPolicy-Unknown-2030-01'] };
    const outcome = run(
      elbv2Tls,
      { lb: albFromItem(), listeners: [listenerFromItem(443, 'HTTPS', policy)], tlsPolicies: runtime },
      params,
    );
    expect(outcome.compliance).toBe(expected);
    expect(annotationOf(outcome)).toMatch(annotation);
  });

  it('classifies a policy the catalog lacks from what DescribeSSLPolicies said', () => {
    const runtime: DescribedTlsPolicies = {
      described: [
        {
          name: 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07',
          protocols: ['TLSv1.3', 'TLSv1.2'],
          ciphers: ['TLS_AES_256_GCM_SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'],
        },
      ],
      missing: [],
    };
    const listener = listenerFromItem(443, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07');
    expect(run(elbv2Tls, { lb: albFromItem(), listeners: [listener], tlsPolicies: runtime }).compliance).toBe(
      'COMPLIANT',
    );
    // FIPS cannot be read from protocols and ciphers: requiring it fails with the reason.
    const fips = run(
      elbv2Tls,
      { lb: albFromItem(), listeners: [listener], tlsPolicies: runtime },
      { requireFips: 'true' },
    );
    expect(annotationOf(fips)).toMatch(/cannot be shown to be FIPS: DescribeSSLPolicies does not say/);
  });

  it('names every failing listener and ignores plaintext ones', () => {
    const outcome = run(elbv2Tls, {
      lb: albFromItem(),
      listeners: [
        listenerFromItem(80, 'HTTP', 'ELBSecurityPolicy-2016-08'),
        listenerFromItem(443, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
        listenerFromItem(8443, 'HTTPS', 'ELBSecurityPolicy-TLS-1-1-2017-01'),
      ],
      tlsPolicies: NO_DESCRIBED_POLICIES,
    });
    expect(outcome.compliance).toBe('NON_COMPLIANT');
    if (outcome.compliance !== 'NON_COMPLIANT') return;
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatch(
      /^HTTPS:8443 policy ELBSecurityPolicy-TLS-1-1-2017-01 allows TLSv1\.1/,
    );
  });

  it('is not applicable without HTTPS or TLS listeners', () => {
    const outcome = run(elbv2Tls, {
      lb: albFromItem(),
      listeners: [listenerFromItem(80, 'HTTP', 'ELBSecurityPolicy-2016-08')],
      tlsPolicies: NO_DESCRIBED_POLICIES,
    });
    expect(outcome.compliance).toBe('NOT_APPLICABLE');
  });
});

describe('clb-tls-policy over Classic configuration items', () => {
  const CUSTOM_WITH_TLS1 = sslPolicy('payments-tls12', {
    'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01',
    'Protocol-TLSv1': 'true',
    'Protocol-TLSv1.1': 'false',
    'Protocol-TLSv1.2': 'true',
    'ECDHE-RSA-AES128-GCM-SHA256': 'true',
    'AES128-GCM-SHA256': 'false',
  });
  const cases: [
    name: string,
    policyNames: string[],
    policies: unknown[],
    params: Record<string, string>,
    expected: string,
    annotation: RegExp,
  ][] = [
    [
      'custom policy referencing TLS-1-2-2017-01 with Protocol-TLSv1=true',
      ['payments-tls12'],
      [CUSTOM_WITH_TLS1],
      {},
      'NON_COMPLIANT',
      /HTTPS:443 policy payments-tls12 \(custom, from ELBSecurityPolicy-TLS-1-2-2017-01\) allows TLSv1 \(minTlsVersion TLSv1\.2\)/,
    ],
    [
      'predefined reference only',
      ['ELBSecurityPolicy-TLS-1-2-2017-01'],
      [
        sslPolicy('ELBSecurityPolicy-TLS-1-2-2017-01', {
          'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01',
        }),
      ],
      {},
      'COMPLIANT',
      /ELBSecurityPolicy-TLS-1-2-2017-01: TLSv1\.2/,
    ],
    [
      'no policy at all: ELB default 2016-08',
      [],
      [],
      {},
      'NON_COMPLIANT',
      /ELBSecurityPolicy-2016-08 \(no policy attached: ELB default\) allows TLSv1, TLSv1\.1/,
    ],
    [
      'custom policy with forward-secret ciphers only passes requireForwardSecrecy',
      ['fs-only'],
      [
        sslPolicy('fs-only', {
          'Protocol-TLSv1': 'false',
          'Protocol-TLSv1.1': 'false',
          'Protocol-TLSv1.2': 'true',
          'ECDHE-RSA-AES128-GCM-SHA256': 'true',
          'AES128-GCM-SHA256': 'false',
        }),
      ],
      { requireForwardSecrecy: 'true' },
      'COMPLIANT',
      /fs-only \(custom\): TLSv1\.2, FS/,
    ],
    [
      'TLS-1-2-2017-01 under requireForwardSecrecy',
      ['p'],
      [sslPolicy('p', { 'Reference-Security-Policy': 'ELBSecurityPolicy-TLS-1-2-2017-01' })],
      { requireForwardSecrecy: 'true' },
      'NON_COMPLIANT',
      /lacks forward secrecy/,
    ],
    [
      'preset securityhub-elb8 refuses a modified copy of TLS-1-2-2017-01',
      ['payments-tls12'],
      [CUSTOM_WITH_TLS1],
      { preset: 'securityhub-elb8' },
      'NON_COMPLIANT',
      /is not ELBSecurityPolicy-TLS-1-2-2017-01 \(preset securityhub-elb8\)/,
    ],
    [
      'a policy name the item does not describe',
      ['mystery-policy'],
      [],
      {},
      'NON_COMPLIANT',
      /mystery-policy cannot be classified: policy mystery-policy is attached but not described/,
    ],
  ];
  it.each(cases)('%s', (_name, policyNames, policies, params, expected, annotation) => {
    const { lb, classicPolicies } = classicFromItem(
      [{ protocol: 'HTTPS', port: 443, policyNames }],
      policies,
    );
    const outcome = run(clbTls, { lb, classicPolicies, tlsPolicies: NO_DESCRIBED_POLICIES }, params);
    expect(outcome.compliance).toBe(expected);
    expect(annotationOf(outcome)).toMatch(annotation);
  });

  it('own attributes win over the reference: TLS-1-2-2017-01 with TLSv1 re-enabled is no longer TLS-1-2-2017-01', () => {
    const { lb, classicPolicies } = classicFromItem(
      [{ protocol: 'SSL', port: 8443, policyNames: ['payments-tls12'] }],
      [CUSTOM_WITH_TLS1],
    );
    const outcome = run(
      clbTls,
      { lb, classicPolicies, tlsPolicies: NO_DESCRIBED_POLICIES },
      { allowedPolicies: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
    );
    expect(outcome.compliance).toBe('NON_COMPLIANT');
  });
});

describe('ACM-required rules', () => {
  it('elbv2: an IAM certificate on a listener fails unless allowed', () => {
    const listeners = [
      listenerFromItem(443, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', IAM('legacy-cert')),
    ];
    const model = { lb: albFromItem(), listeners, listenerCertificates: {} };
    const failed = run(elbv2Acm, model);
    expect(annotationOf(failed)).toBe(
      `${IAM('legacy-cert')} on HTTPS:443 is an IAM server certificate; import it into ACM or request one there`,
    );
    expect(run(elbv2Acm, model, { allowedCertificates: 'legacy-cert' }).compliance).toBe('COMPLIANT');
  });

  it('elbv2: SNI certificates count too', () => {
    const listener = listenerFromItem(443, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    const sni = {
      [listener.arn]: [
        { arn: ACM('default'), isDefault: true },
        { arn: IAM('sni-cert'), isDefault: false },
      ],
    };
    const outcome = run(elbv2Acm, { lb: albFromItem(), listeners: [listener], listenerCertificates: sni });
    expect(annotationOf(outcome)).toMatch(/sni-cert on HTTPS:443 \(SNI\) is an IAM server certificate/);
  });

  it('classic: reads sslcertificateId from the item', () => {
    const { lb } = classicFromItem(
      [
        { protocol: 'HTTPS', port: 443, policyNames: [], cert: IAM('old') },
        { protocol: 'SSL', port: 8443, policyNames: [], cert: ACM('ok') },
      ],
      [],
    );
    const outcome = run(clbAcm, { lb });
    expect(outcome.compliance).toBe('NON_COMPLIANT');
    expect(annotationOf(outcome)).toMatch(/old on HTTPS:443 is an IAM server certificate/);
  });
});

describe('parameter validation names the parameter', () => {
  it.each([
    [
      elbv2Tls,
      { minTlsVersion: '1.2' },
      /"minTlsVersion" must be one of "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"/,
    ],
    [elbv2Tls, { preset: 'elb17' }, /"preset" must be one of "none", "securityhub-elb17", "strict"/],
    [elbv2Tls, { requireFips: 'yes' }, /"requireFips" must be "true" or "false"/],
    [
      elbv2Tls,
      { deniedPolicies: 'ok, bad name' },
      /"deniedPolicies" must be a comma-separated list of policy names.*"bad name"/,
    ],
    [
      elbv2Tls,
      { allowedPolicies: 'A', deniedPolicies: 'A' },
      /allowedPolicies and deniedPolicies both name A/,
    ],
    [clbTls, { minTlsVersion: 'TLSv1.3' }, /"minTlsVersion" must be one of "TLSv1", "TLSv1.1", "TLSv1.2"/],
    [clbAcm, { allowedCertificates: 'has space' }, /"allowedCertificates"/],
  ] as const)('%#', (rule, raw, message) => {
    expect(() => ruleParameters(rule as AnyRule, raw)).toThrow(message);
  });
});
