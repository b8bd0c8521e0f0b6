import { describe, expect, it } from 'vitest';
import { CLASSIC_CATALOG, ELBV2_CATALOG } from '../../../rules/core/tls/catalog.js';
import { classifyPolicy, UnclassifiablePolicyError } from '../../../rules/core/tls/classify.js';
import { judgePolicy, type TlsRequirements } from '../../../rules/core/tls/requirements.js';

const DEFAULTS: TlsRequirements = {
  minTlsVersion: 'TLSv1.2',
  requireForwardSecrecy: true,
  requireFips: false,
  requirePostQuantum: false,
  allowedPolicies: [],
  deniedPolicies: [],
};

const profile = (name: string) => {
  const p = ELBV2_CATALOG.get(`ELBSecurityPolicy-${name}`);
  if (!p) throw new Error(`${name} is not in the catalog`);
  return p;
};

// The family table of AWS's documentation: oldest protocol, TLS 1.3 support, forward secrecy only.
// Written out by hand so the catalog and classifier are checked against the documents, not themselves.
const FAMILIES: [names: string[], min: string, tls13: boolean, fs: boolean][] = [
  [
    ['TLS13-1-3-2021-06', 'TLS13-1-3-FIPS-2023-04', 'TLS13-1-3-PQ-2025-09', 'TLS13-1-3-FIPS-PQ-2025-09'],
    'TLSv1.3',
    true,
    true,
  ],
  [
    [
      'TLS13-1-2-Res-2021-06',
      'TLS13-1-2-Res-FIPS-2023-04',
      'TLS13-1-2-Res-PQ-2025-09',
      'TLS13-1-2-Res-FIPS-PQ-2025-09',
    ],
    'TLSv1.2',
    true,
    true,
  ],
  [
    ['TLS13-1-2-2021-06', 'TLS13-1-2-FIPS-2023-04', 'TLS13-1-2-PQ-2025-09', 'TLS13-1-2-FIPS-PQ-2025-09'],
    'TLSv1.2',
    true,
    true,
  ],
  [['TLS13-1-2-Ext0-FIPS-2023-04', 'TLS13-1-2-Ext0-FIPS-PQ-2025-09'], 'TLSv1.2', true, true],
  [
    [
      'TLS13-1-2-Ext1-2021-06',
      'TLS13-1-2-Ext2-2021-06',
      'TLS13-1-2-Ext1-FIPS-2023-04',
      'TLS13-1-2-Ext2-FIPS-2023-04',
    ],
    'TLSv1.2',
    true,
    false,
  ],
  [
    [
      'TLS13-1-2-Ext1-PQ-2025-09',
      'TLS13-1-2-Ext2-PQ-2025-09',
      'TLS13-1-2-Ext1-FIPS-PQ-2025-09',
      'TLS13-1-2-Ext2-FIPS-PQ-2025-09',
    ],
    'TLSv1.2',
    true,
    false,
  ],
  [['TLS13-1-1-2021-06', 'TLS13-1-1-FIPS-2023-04'], 'TLSv1.1', true, false],
  [
    ['TLS13-1-0-2021-06', 'TLS13-1-0-FIPS-2023-04', 'TLS13-1-0-PQ-2025-09', 'TLS13-1-0-FIPS-PQ-2025-09'],
    'TLSv1',
    true,
    false,
  ],
  [['TLS-1-2-2017-01', 'TLS-1-2-Ext-2018-06'], 'TLSv1.2', false, false],
  [['TLS-1-1-2017-01'], 'TLSv1.1', false, false],
  [['2016-08'], 'TLSv1', false, false],
  [['FS-1-2-Res-2020-10', 'FS-1-2-Res-2019-08', 'FS-1-2-2019-08'], 'TLSv1.2', false, true],
  [['FS-1-1-2019-08'], 'TLSv1.1', false, true],
  [['FS-2018-06'], 'TLSv1', false, true],
];

describe('catalog classification by family', () => {
  const cases = FAMILIES.flatMap(([names, min, tls13, fs]) => names.map((n) => [n, min, tls13, fs] as const));
  it.each(cases)('%s: oldest %s, TLS 1.3 %s, forward secrecy %s', (name, min, tls13, fs) => {
    const p = profile(name);
    expect(p.minProtocol).toBe(min);
    expect(p.supportsTls13).toBe(tls13);
    expect(p.forwardSecrecy).toBe(fs);
  });

  it('covers every ELBv2 catalog entry', () => {
    const listed = new Set(FAMILIES.flatMap(([names]) => names.map((n) => `ELBSecurityPolicy-${n}`)));
    expect([...ELBV2_CATALOG.keys()].filter((n) => !listed.has(n))).toEqual([]);
  });

  it('marks FIPS and post-quantum policies as AWS documents them', () => {
    expect(profile('TLS13-1-2-Res-FIPS-PQ-2025-09')).toMatchObject({ fips: true, postQuantum: true });
    expect(profile('TLS13-1-2-Res-PQ-2025-09')).toMatchObject({ fips: false, postQuantum: true });
    expect(profile('TLS13-1-2-Res-FIPS-2023-04')).toMatchObject({ fips: true, postQuantum: false });
    expect(profile('TLS13-1-3-FIPS-2023-04').ciphers).not.toContain('TLS_CHACHA20_POLY1305_SHA256');
  });

  it('classifies the Classic predefined policies', () => {
    const classic = (n: string) => CLASSIC_CATALOG.get(`ELBSecurityPolicy-${n}`);
    expect(classic('TLS-1-2-2017-01')).toMatchObject({ minProtocol: 'TLSv1.2', forwardSecrecy: false });
    expect(classic('2016-08')).toMatchObject({ minProtocol: 'TLSv1', forwardSecrecy: false });
    expect(classic('2015-05')?.nonForwardSecretCiphers).toContain('DES-CBC3-SHA');
    expect(classic('2015-03')?.nonForwardSecretCiphers).not.toContain('DHE-RSA-AES128-SHA');
    for (const p of CLASSIC_CATALOG.values()) expect(p.supportsTls13).toBe(false);
  });
});

describe('judging a policy against the requirements', () => {
  it('fails TLS13-1-0-PQ-2025-09 on minTlsVersion TLSv1.2 although it is post-quantum', () => {
    const verdict = judgePolicy(profile('TLS13-1-0-PQ-2025-09'), [], DEFAULTS);
    expect(verdict).toEqual({
      ok: false,
      faults: expect.arrayContaining(['allows TLSv1, TLSv1.1 (minTlsVersion TLSv1.2)']),
    });
    expect(profile('TLS13-1-0-PQ-2025-09').postQuantum).toBe(true);
  });

  it('fails TLS13-1-2-Ext2-2021-06 on forward secrecy and names the ciphers', () => {
    const verdict = judgePolicy(profile('TLS13-1-2-Ext2-2021-06'), [], DEFAULTS);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.faults).toEqual([
      'lacks forward secrecy (requireForwardSecrecy): AES128-GCM-SHA256, AES128-SHA256, AES128-SHA +3 more have no (EC)DHE key exchange',
    ]);
    expect(
      judgePolicy(profile('TLS13-1-2-Ext2-2021-06'), [], { ...DEFAULTS, requireForwardSecrecy: false }),
    ).toEqual({ ok: true });
  });

  it('passes FS-1-2-Res-2020-10 on the defaults', () => {
    expect(judgePolicy(profile('FS-1-2-Res-2020-10'), [], DEFAULTS)).toEqual({ ok: true });
  });

  it('passes TLS13-1-2-2021-06 on the defaults but not under preset securityhub-elb17', () => {
    expect(judgePolicy(profile('TLS13-1-2-2021-06'), [], DEFAULTS)).toEqual({ ok: true });
    const elb17 = judgePolicy(profile('TLS13-1-2-2021-06'), [], { ...DEFAULTS, preset: 'securityhub-elb17' });
    expect(elb17.ok).toBe(false);
    expect(
      judgePolicy(profile('TLS13-1-2-Res-2021-06'), [], { ...DEFAULTS, preset: 'securityhub-elb17' }).ok,
    ).toBe(true);
  });

  it('preset securityhub-elb17 ignores the property parameters, as ELB.17 does', () => {
    const loose = {
      ...DEFAULTS,
      minTlsVersion: 'TLSv1' as const,
      requireForwardSecrecy: false,
      preset: 'securityhub-elb17' as const,
    };
    expect(judgePolicy(profile('2016-08'), [], loose).ok).toBe(false);
    expect(judgePolicy(profile('TLS13-1-3-FIPS-PQ-2025-09'), [], loose).ok).toBe(true);
  });

  it('preset strict wants TLS 1.3 and either AEAD-only ciphers or post-quantum key exchange', () => {
    const strict = { ...DEFAULTS, preset: 'strict' as const };
    expect(judgePolicy(profile('TLS13-1-2-Res-2021-06'), [], strict).ok).toBe(true);
    expect(judgePolicy(profile('TLS13-1-2-PQ-2025-09'), [], strict).ok).toBe(true);
    expect(judgePolicy(profile('TLS13-1-3-2021-06'), [], strict).ok).toBe(true);
    const recommended = judgePolicy(profile('TLS13-1-2-2021-06'), [], strict);
    expect(recommended).toEqual({ ok: false, faults: [expect.stringContaining('preset strict')] });
    const fsOnly = judgePolicy(profile('FS-1-2-Res-2020-10'), [], strict);
    expect(fsOnly).toEqual({ ok: false, faults: ['does not support TLSv1.3 (preset strict)'] });
  });

  it('requireFips and requirePostQuantum fail policies without them, and unknowns say why', () => {
    expect(judgePolicy(profile('TLS13-1-2-Res-2021-06'), [], { ...DEFAULTS, requireFips: true })).toEqual({
      ok: false,
      faults: ['is not a FIPS policy (requireFips)'],
    });
    const described = classifyPolicy(
      {
        name: 'ELBSecurityPolicy-Future-2027-01',
        protocols: ['TLSv1.3'],
        ciphers: ['TLS_AES_128_GCM_SHA256'],
      },
      'DescribeSSLPolicies',
    );
    const verdict = judgePolicy(described, [], { ...DEFAULTS, requirePostQuantum: true });
    expect(verdict).toEqual({
      ok: false,
      faults: [
        'cannot be shown to offer post-quantum key exchange: DescribeSSLPolicies does not say (requirePostQuantum)',
      ],
    });
  });

  it('deniedPolicies wins over allowedPolicies, which wins over properties', () => {
    const name = 'ELBSecurityPolicy-2016-08';
    expect(judgePolicy(profile('2016-08'), [name], { ...DEFAULTS, allowedPolicies: [name] })).toEqual({
      ok: true,
      why: 'in allowedPolicies',
    });
    const res = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
    expect(
      judgePolicy(profile('TLS13-1-2-Res-2021-06'), [res], { ...DEFAULTS, deniedPolicies: [res] }),
    ).toEqual({
      ok: false,
      faults: ['is in deniedPolicies'],
    });
  });
});

describe('the classifier', () => {
  it('derives forward secrecy from key exchange, whatever the name says', () => {
    const p = classifyPolicy(
      {
        name: 'FS-looking-name',
        protocols: ['TLSv1.2'],
        ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-GCM-SHA256'],
      },
      'test',
    );
    expect(p.forwardSecrecy).toBe(false);
    expect(p.nonForwardSecretCiphers).toEqual(['AES128-GCM-SHA256']);
    const dhe = classifyPolicy(
      { name: 'x', protocols: ['TLSv1.2'], ciphers: ['DHE-RSA-AES128-SHA'] },
      'test',
    );
    expect(dhe.forwardSecrecy).toBe(true);
  });

  it('treats a TLS 1.3-only policy as forward secret even if it lists legacy ciphers', () => {
    const p = classifyPolicy(
      { name: 'x', protocols: ['TLSv1.3'], ciphers: ['TLS_AES_128_GCM_SHA256', 'AES128-SHA'] },
      'test',
    );
    expect(p.forwardSecrecy).toBe(true);
    expect(p.aeadOnly).toBe(true);
  });

  it('refuses what it cannot classify, naming the policy', () => {
    expect(() => classifyPolicy({ name: 'odd', protocols: ['QUICv9'], ciphers: ['X'] }, 't')).toThrow(
      UnclassifiablePolicyError,
    );
    expect(() => classifyPolicy({ name: 'empty', protocols: ['TLSv1.2'], ciphers: [] }, 't')).toThrow(
      /empty: the policy lists no cipher/,
    );
  });
});
