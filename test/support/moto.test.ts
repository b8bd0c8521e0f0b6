// Without moto_server, moto suites skip with a loud install hint; under CI=true they fail instead.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireMoto } from './moto.js';

const saved = { PATH: process.env.PATH, CI: process.env.CI };
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.CI === undefined) delete process.env.CI;
  else process.env.CI = saved.CI;
  vi.restoreAllMocks();
});

describe('the moto gate', () => {
  it('finds moto_server on this machine', () => {
    expect(requireMoto()).toBe(true);
  });

  it('skips loudly, naming the install command, when moto_server is missing', () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'empty-path-'));
    delete process.env.CI;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(requireMoto()).toBe(false);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/SKIPPING MOTO TESTS.*pip install "moto\[server\]"/s);
  });

  it('fails the run under CI=true when moto_server is missing', () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'empty-path-'));
    process.env.CI = 'true';
    expect(() => requireMoto()).toThrow(/CI=true: a missing moto fails the run/);
  });
});
