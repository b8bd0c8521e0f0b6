// The catalog and moto's DescribeSSLPolicies agree on every policy both know, and the refresh
// script reads the same API through AWS_ENDPOINT_URL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { elbv2PredefinedPolicies } from '../../../rules/core/resources/facets/tls-policies.js';
import { CATALOG_FILE, type CatalogFile } from '../../../rules/core/tls/catalog.js';
import { requireMoto } from '../../support/moto.js';
import { motoForSuite } from '../../support/moto-suite.js';

const run = requireMoto();

/**
 * moto lists the six SHA-1 CBC ciphers of Ext2 under TLS13-1-2-Ext1-PQ-2025-09 too. AWS documents
 * that each PQ policy adds hybrid key exchange to its base policy, and Ext1 has no SHA-1 ciphers, so
 * the catalog keeps Ext1's list. Both lists lack forward secrecy, so no verdict depends on it.
 */
const KNOWN_MOTO_DIFFERENCES = new Set(['ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09']);
const sorted = (xs: readonly string[]) => [...xs].sort();

describe.runIf(run)('catalog against moto DescribeSSLPolicies', () => {
  const moto = motoForSuite();

  it('agrees on the protocols and ciphers of every policy both know', async () => {
    const described = await elbv2PredefinedPolicies(new RegionalAws({ region: 'us-east-1' }));
    const common = CATALOG_FILE.elbv2.filter((e) => described.has(e.name));
    expect(common.length).toBeGreaterThanOrEqual(15);
    for (const entry of common) {
      const moto = described.get(entry.name);
      expect(sorted(moto?.protocols ?? []), entry.name).toEqual(sorted(entry.protocols));
      if (!KNOWN_MOTO_DIFFERENCES.has(entry.name))
        expect(sorted(moto?.ciphers ?? []), entry.name).toEqual(sorted(entry.ciphers));
    }
    // Every policy moto knows is in the catalog.
    expect([...described.keys()].filter((n) => !CATALOG_FILE.elbv2.some((e) => e.name === n))).toEqual([]);
  });

  it('refresh-tls-catalog reads moto through AWS_ENDPOINT_URL and reports only the known difference', () => {
    const output = join(mkdtempSync(join(tmpdir(), 'catalog-')), 'catalog.json');
    const root = new URL('../../..', import.meta.url).pathname;
    const out = spawnSync('npm', ['run', '--silent', 'refresh-tls-catalog', '--', '--output', output], {
      cwd: root,
      env: { ...process.env, ...moto.env },
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^elbv2 ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09: ciphers \+\[.*AES128-SHA.*\] -\[\]$/,
      ),
    ]);
    const written = JSON.parse(readFileSync(output, 'utf8')) as CatalogFile;
    expect(written.elbv2.length).toBe(CATALOG_FILE.elbv2.length);
    const check = spawnSync('npm', ['run', '--silent', 'refresh-tls-catalog', '--', '--check'], {
      cwd: root,
      env: { ...process.env, ...moto.env },
      encoding: 'utf8',
    });
    expect(check.status).toBe(1);
  });
});
