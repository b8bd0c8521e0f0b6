// The CLI parses its arguments before it loads any SDK client: help and the usage errors commander
// finds load none, in the built CLI (where a bundler could hoist an import to the top) and in the
// sources. A command that loads the rules (audit, even of a snapshot) still loads the clients their
// facets import: docs/performance.md says why and what it would take. Which modules load is recorded by a preloaded hook, not inferred from timings.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const RECORDER = join(import.meta.dirname, 'module-loading', 'record-modules.mjs');
/** What loading an SDK client looks like: the client packages and the machinery only they use. */
const SDK_CLIENT =
  /node_modules\/(@aws-sdk\/client-[^/]+|@aws-sdk\/credential-provider[^/]*|@smithy\/(smithy-client|node-http-handler|middleware-retry))\//;

let builtDir = '';

/**
 * The CLI built by the package's own build:cli script, into a folder of its own under
 * node_modules/.cache (so its bare imports resolve, and the bundle other tests build in dist/ is
 * left alone).
 */
function buildCli(): string {
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['build:cli'] as string;
  const esbuild = script.slice(script.indexOf('esbuild '));
  expect(esbuild).toContain('--outdir=dist ');
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'cli-build-'));
  const args = esbuild.replace('--outdir=dist ', `--outdir=${dir} `).split(' ').slice(1);
  execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), args, { cwd: ROOT, stdio: 'pipe' });
  return dir;
}

/** Runs the CLI with the recorder preloaded; returns its exit code and every module it loaded. */
function runRecorded(
  entry: string[],
  args: string[],
): { code: number | null; stderr: string; modules: string[] } {
  const record = join(builtDir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const result = spawnSync(process.execPath, ['--import', RECORDER, ...entry, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      RECORD_MODULES_TO: record,
      NO_COLOR: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  const modules = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  return { code: result.status, stderr: result.stderr, modules };
}

const sdkClients = (modules: readonly string[]) => [
  ...new Set(modules.flatMap((m) => SDK_CLIENT.exec(m)?.[1] ?? [])),
];

beforeAll(() => {
  builtDir = buildCli();
});

afterAll(() => {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
});

describe.each([
  ['the built CLI', () => [join(builtDir, 'cli.mjs')]],
  ['the CLI sources', () => ['--import', 'tsx', join(ROOT, 'bin', 'cli', 'main.ts')]],
])('%s', (_name, entry) => {
  it('loads no SDK client for --help', () => {
    const run = runRecorded(entry(), ['--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.modules.some((m) => m.includes('node_modules/commander/'))).toBe(true);
    expect(sdkClients(run.modules)).toEqual([]);
  });

  it('loads no SDK client for a usage error', () => {
    const run = runRecorded(entry(), ['audit', '--no-such-flag']);
    expect(run.code).toBe(2);
    expect(sdkClients(run.modules)).toEqual([]);
  });

  it('does record an SDK client where one is loaded (evaluate loads the Config client)', () => {
    const run = runRecorded(entry(), ['evaluate', '--event', join(builtDir, 'no-such-event.json')]);
    expect(run.code).toBe(2);
    expect(sdkClients(run.modules)).toContain('@aws-sdk/client-config-service');
  });
});
