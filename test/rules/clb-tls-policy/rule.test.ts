// Table-driven tests over configuration items shaped as AWS Config records them.
import { describe, expect, it } from 'vitest';
import { rule as clbTls } from '../../../rules/clb-tls-policy/rule.js';
import { annotationOf } from '../../../rules/core/engine/annotation.js';
import { CLASSIC_CATALOG } from '../../../rules/core/tls/catalog.js';
import { NO_DESCRIBED_POLICIES } from '../../../rules/core/tls/lookup.js';
import { ACM, classicFromItem, run, sslPolicy } from '../../support/tls-items.js';

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
      [{ protocol: 'HTTPS', port: 443, policyNames, cert: ACM('payments') }],
      policies,
    );
    const outcome = run(clbTls, { lb, classicPolicies, tlsPolicies: NO_DESCRIBED_POLICIES }, params);
    expect(outcome.compliance).toBe(expected);
    expect(annotationOf(outcome)).toMatch(annotation);
  });

  it('own attributes win over the reference: TLS-1-2-2017-01 with TLSv1 re-enabled is no longer TLS-1-2-2017-01', () => {
    const { lb, classicPolicies } = classicFromItem(
      [{ protocol: 'SSL', port: 8443, policyNames: ['payments-tls12'], cert: ACM('payments') }],
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

// AWS describes a policy created with only Reference-Security-Policy=X with every attribute of the
// SSLNegotiationPolicyType written out: X's protocols and ciphers "true", every other one "false"
// (moto returns only what was sent). Built here from the published Classic policy table.
describe('clb-tls-policy over policies as AWS describes them (every attribute written out)', () => {
  const ELB8 = 'ELBSecurityPolicy-TLS-1-2-2017-01';
  const allCiphers = [...new Set([...CLASSIC_CATALOG.values()].flatMap((p) => p.ciphers))];
  const writtenOut = (name: string, reference: string, change: Record<string, string> = {}) => {
    const profile = CLASSIC_CATALOG.get(reference);
    if (!profile) throw new Error(`${reference} is not in the Classic catalog`);
    const attributes: Record<string, string> = { 'Reference-Security-Policy': reference };
    for (const protocol of ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'])
      attributes[`Protocol-${protocol}`] = String(profile.protocols.includes(protocol as never));
    attributes['Server-Defined-Cipher-Order'] = 'true';
    for (const cipher of allCiphers) attributes[cipher] = String(profile.ciphers.includes(cipher));
    return sslPolicy(name, { ...attributes, ...change });
  };
  const judge = (policy: unknown, params: Record<string, string>) => {
    const { lb, classicPolicies } = classicFromItem(
      [{ protocol: 'HTTPS', port: 443, policyNames: ['payments-elb8'], cert: ACM('payments') }],
      [policy],
    );
    return run(clbTls, { lb, classicPolicies, tlsPolicies: NO_DESCRIBED_POLICIES }, params);
  };

  it('writes out more than the reference enables (the shape moto hides)', () => {
    const attributes = writtenOut('payments-elb8', ELB8).policyAttributeDescriptions;
    expect(attributes.length).toBeGreaterThan(20);
    expect(attributes).toContainEqual({ attributeName: 'Protocol-TLSv1', attributeValue: 'false' });
    expect(attributes).toContainEqual({
      attributeName: 'ECDHE-ECDSA-AES128-GCM-SHA256',
      attributeValue: 'true',
    });
  });

  it('an unmodified copy of TLS-1-2-2017-01 passes preset securityhub-elb8', () => {
    const outcome = judge(writtenOut('payments-elb8', ELB8), { preset: 'securityhub-elb8' });
    expect(outcome.compliance).toBe('COMPLIANT');
    expect(annotationOf(outcome)).toMatch(/payments-elb8 \(= ELBSecurityPolicy-TLS-1-2-2017-01\)/);
  });

  it('an unmodified copy answers to its reference in allowedPolicies and deniedPolicies', () => {
    const copyOf2016 = writtenOut('payments-elb8', 'ELBSecurityPolicy-2016-08');
    expect(judge(copyOf2016, {}).compliance).toBe('NON_COMPLIANT');
    expect(judge(copyOf2016, { allowedPolicies: 'ELBSecurityPolicy-2016-08' }).compliance).toBe('COMPLIANT');
    expect(judge(writtenOut('payments-elb8', ELB8), { deniedPolicies: ELB8 }).compliance).toBe(
      'NON_COMPLIANT',
    );
  });

  it('a copy with one cipher or protocol changed is modified, whatever its reference says', () => {
    const changes: Record<string, string>[] = [
      { 'ECDHE-RSA-AES128-SHA': 'true' },
      { 'AES256-SHA256': 'false' },
      { 'Protocol-TLSv1.1': 'true' },
    ];
    for (const change of changes) {
      const outcome = judge(writtenOut('payments-elb8', ELB8, change), { preset: 'securityhub-elb8' });
      expect(outcome.compliance, JSON.stringify(change)).toBe('NON_COMPLIANT');
      expect(annotationOf(outcome)).toMatch(
        /payments-elb8 \(custom, from ELBSecurityPolicy-TLS-1-2-2017-01\)/,
      );
    }
  });
});
