// CLI start-up as a new user meets it: the built CLI (npm run build:cli, what the package ships)
// run for --help and for a snapshot audit of the sample estate, beside a bare `node -e 0`; wall
// time of the whole process, median of many, round-robin.
import { execFileSync, spawnSync } from 'node:child_process';
import { median, round } from './lib.js';

export interface StartupFigures {
  command: string;
  ms: number;
  /** Over a bare `node -e 0`. */
  ratio: number;
}

const CASES = [
  { command: 'node -e 0', args: ['-e', '0'] },
  { command: 'elb-config-rules --help', args: ['bin/elb-config-rules.mjs', '--help'] },
  {
    command: 'elb-config-rules audit --snapshot rules/core/resources/sample-estate',
    args: ['bin/elb-config-rules.mjs', 'audit', '--snapshot', 'rules/core/resources/sample-estate'],
  },
];

export function cliStartup(runs: number): StartupFigures[] {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'pipe' });
  const times = CASES.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    CASES.forEach((c, i) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, c.args, {
        stdio: 'ignore',
        env: { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      if (result.status !== 0) throw new Error(`${c.command} exited ${result.status}`);
      times[i]?.push(performance.now() - start);
    });
  }
  const bare = median(times[0] ?? [1]);
  return CASES.map((c, i) => ({
    command: c.command,
    ms: round(median(times[i] ?? [0]), 1),
    ratio: round(median(times[i] ?? [0]) / bare, 2),
  }));
}
