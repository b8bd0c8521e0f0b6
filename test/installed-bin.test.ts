// The installed command runs the bundled CLI, not the TypeScript sources.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

describe('the installed elb-config-rules command', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'pipe' });
  });

  it('audits the sample estate through bin/elb-config-rules.mjs', () => {
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'elb-config-rules.mjs'),
        'audit',
        '--snapshot',
        'rules/core/resources/sample-estate',
        '--format',
        'json',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).summary.loadBalancers).toBeGreaterThanOrEqual(10);
  });

  it('exits 2 on a usage error', () => {
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'elb-config-rules.mjs'),
        'audit',
        '--format',
        'nope',
        '--snapshot',
        'rules/core/resources/sample-estate',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
  });
});
