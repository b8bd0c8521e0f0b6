// Table-driven tests over configuration items shaped as AWS Config records them.
import { describe, expect, it } from 'vitest';
import { rule as clbTls } from '../../rules/clb-tls-policy/rule.js';
import { annotationOf } from '../../rules/engine/annotation.js';
import { NO_DESCRIBED_POLICIES } from '../../rules/tls/lookup.js';
import { classicFromItem, run, sslPolicy } from '../support/tls-items.js';

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
