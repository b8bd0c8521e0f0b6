// Cold start: each shipped Lambda bundle, built with the stack's own esbuild settings, imported in
// a fresh Node process (median of many), beside a bundle that holds only the Config client.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptions, handlerEntry } from '../../infra/bundle-options.js';
import { RULES } from '../../rules/index.js';
import { median, round } from './lib.js';

export interface BundleFigures {
  bundle: string;
  rawKb: number;
  gzipKb: number;
  importMs: number;
  /** Import time over the Config-client-only bundle's. */
  ratio: number;
}

export const BASELINE = 'config-client-only';

export async function coldStart(outDir: string, runs: number): Promise<BundleFigures[]> {
  const entries = [
    { bundle: BASELINE, entry: 'test/bench/config-only-entry.ts' },
    ...RULES.map((rule) => ({ bundle: rule.id, entry: handlerEntry(rule.id) })),
  ];
  const built = [];
  for (const { bundle, entry } of entries) {
    const outfile = join(outDir, 'bundles', bundle, 'index.mjs');
    mkdirSync(join(outDir, 'bundles', bundle), { recursive: true });
    await build(esbuildOptions(entry, outfile));
    const bytes = readFileSync(outfile);
    built.push({
      bundle,
      outfile,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      times: [] as number[],
    });
  }
  // Round-robin, so a burst of load on a shared machine touches every bundle alike.
  for (let run = 0; run < runs; run++) {
    for (const b of built) {
      const out = execFileSync(
        process.execPath,
        ['test/bench/import-once.mjs', pathToFileURL(b.outfile).href],
        {
          env: {
            ...process.env,
            AWS_REGION: 'us-east-1',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
          encoding: 'utf8',
        },
      );
      b.times.push(Number(out.trim()));
    }
  }
  const baseline = median(built[0]?.times ?? [1]);
  return built.map((b) => ({
    bundle: b.bundle,
    rawKb: round(b.raw / 1024, 1),
    gzipKb: round(b.gzip / 1024, 1),
    importMs: round(median(b.times), 1),
    ratio: round(median(b.times) / baseline, 2),
  }));
}
