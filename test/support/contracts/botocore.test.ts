// Without botocore the AWS contract tests skip with a loud install hint; under CI=true they fail instead.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { botocoreDataDir, loadServiceModel, requireBotocore } from './botocore.js';

const savedCi = process.env.CI;
afterEach(() => {
  if (savedCi === undefined) delete process.env.CI;
  else process.env.CI = savedCi;
  vi.restoreAllMocks();
});

describe('the botocore gate', () => {
  it('finds botocore and its Config and SSM models on this machine', () => {
    expect(requireBotocore()).toBe(true);
    expect(loadServiceModel('config').operations.PutConfigRule).toBeDefined();
    expect(loadServiceModel('ssm').operations.CreateDocument).toBeDefined();
    expect(botocoreDataDir()).toMatch(/botocore[/\\]data$/);
  });

  it('skips loudly, naming the install command, when botocore is missing', () => {
    delete process.env.CI;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(requireBotocore(null)).toBe(false);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(
      /SKIPPING AWS CONTRACT TESTS.*pip install "moto\[server\]"/s,
    );
  });

  it('fails the run under CI=true when botocore is missing', () => {
    process.env.CI = 'true';
    expect(() => requireBotocore(null)).toThrow(/CI=true: a missing botocore fails the run/);
  });
});
