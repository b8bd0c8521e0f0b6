// Measures the two ways to package the rule functions, with the esbuild options the stack uses:
// one bundle per rule (what ships) against one shared bundle holding every rule (dispatching on an
// environment variable). Reports size and the time to import the bundle in a fresh Node process,
// which is what a cold start pays for code. Run: npx tsx infra/bench/measure-bundles.ts [runs]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { RULES } from '../../rules/index.js';
import { REPO_ROOT, ruleFolder } from '../paths.js';

const RUNS = Number(process.argv[2] ?? 15);
const out = mkdtempSync(join(tmpdir(), 'elb-bundles-'));
const shared = join(out, 'shared-entry.ts');
writeFileSync(
  shared,
  `import { createHandler } from ${JSON.stringify(join(REPO_ROOT, 'rules/core/engine/handler.js'))};
import { findRule } from ${JSON.stringify(join(REPO_ROOT, 'rules/index.js'))};
const rule = findRule(process.env.RULE_ID ?? '');
if (!rule) throw new Error('RULE_ID names no registered rule');
export const handler = createHandler(rule);
`,
);
const entries: [string, string][] = [
  ...RULES.map((r) => [r.id, join(ruleFolder(r.id), 'handler.ts')] as [string, string]),
  ['shared (all rules)', shared],
];

const rows = [];
for (const [name, entry] of entries) {
  const outfile = join(out, name.replace(/\W+/g, '-'), 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const code = readFileSync(outfile);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ms = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(performance.now() - t);`,
      ],
      {
        env: { PATH: process.env.PATH, RULE_ID: RULES[0]!.id, AWS_REGION: 'us-east-1' },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    times.push(Number(String(ms).trim()));
  }
  times.sort((a, b) => a - b);
  rows.push({
    bundle: name,
    KiB: Math.round(code.length / 1024),
    gzipKiB: Math.round(gzipSync(code).length / 1024),
    importMsMin: Math.round(times[0]!),
    importMsMedian: Math.round(times[Math.floor(times.length / 2)]!),
  });
}
console.table(rows);
