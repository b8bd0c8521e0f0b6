// Table-driven tests over configuration items shaped as AWS Config records them.
import { describe, expect, it } from 'vitest';
import { rule as clbAcm } from '../../../rules/clb-acm-certificate-required/rule.js';
import { rule as clbTls } from '../../../rules/clb-tls-policy/rule.js';
import { annotationOf } from '../../../rules/core/engine/annotation.js';
import { ruleParameters } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { type DescribedTlsPolicies, NO_DESCRIBED_POLICIES } from '../../../rules/core/tls/lookup.js';
import { rule as elbv2Tls } from '../../../rules/elbv2-tls-policy/rule.js';
import { albFromItem, listenerFromItem, run } from '../../support/tls-items.js';

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
