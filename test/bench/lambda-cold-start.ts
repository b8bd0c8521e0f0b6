// Cold start as a Lambda sees it: each rule bundle (built by cold-start.ts) imported in a fresh
// process, then one change evaluation through its handler against the simulated endpoint with no
// latency; beside the Config-only bundle imported and sending one PutEvaluations. Median of many,
// round-robin, as ratios to the baseline.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { RULES } from '../../rules/index.js';
import { startSimulatedEndpoint } from '../support/simulated-endpoint.js';
import { ESTATE, event, triggers } from './change-evaluation.js';
import { BASELINE } from './cold-start.js';
import { median, round } from './lib.js';

const execFileAsync = promisify(execFile);

export interface LambdaColdStart {
  bundle: string;
  trigger: string;
  importMs: number;
  totalMs: number;
  /** Import plus one evaluation, over the Config-only bundle's import plus one PutEvaluations. */
  ratio: number;
}

/** Needs the bundles in outDir/bundles (cold-start.ts builds them). */
export async function lambdaColdStart(outDir: string, runs: number): Promise<LambdaColdStart[]> {
  const endpoint = await startSimulatedEndpoint({ estates: [ESTATE] });
  const eventsDir = join(outDir, 'events');
  mkdirSync(eventsDir, { recursive: true });
  const cases = [
    { bundle: BASELINE, trigger: 'PutEvaluations', event: { resultToken: 'TESTMODE' } },
    ...RULES.map((rule) => {
      // The first change trigger of the rule (a load balancer item where it has one).
      const first = triggers(rule).find((t) => t.configurationItem) ?? triggers(rule)[0];
      return { bundle: rule.id, trigger: first?.trigger ?? '', event: event(rule, first?.configurationItem) };
    }),
  ].map((c) => {
    const eventFile = join(eventsDir, `${c.bundle}.json`);
    writeFileSync(eventFile, JSON.stringify(c.event));
    return { ...c, eventFile, url: pathToFileURL(join(outDir, 'bundles', c.bundle, 'index.mjs')).href };
  });
  const times = new Map(cases.map((c) => [c.bundle, { imports: [] as number[], totals: [] as number[] }]));
  try {
    for (let run = 0; run < runs; run++) {
      for (const c of cases) {
        // Asynchronous, so the endpoint in this process answers while the child waits.
        const { stdout: out } = await execFileAsync(
          process.execPath,
          ['test/bench/invoke-once.mjs', c.url, c.eventFile],
          {
            env: {
              ...process.env,
              ...endpoint.env(),
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            },
            encoding: 'utf8',
          },
        );
        const figures = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
          importMs: number;
          totalMs: number;
        };
        times.get(c.bundle)?.imports.push(figures.importMs);
        times.get(c.bundle)?.totals.push(figures.totalMs);
      }
    }
  } finally {
    await endpoint.close();
  }
  const baseline = median(times.get(BASELINE)?.totals ?? [1]);
  return cases.map((c) => {
    const t = times.get(c.bundle) ?? { imports: [0], totals: [0] };
    return {
      bundle: c.bundle,
      trigger: c.trigger,
      importMs: round(median(t.imports), 1),
      totalMs: round(median(t.totals), 1),
      ratio: round(median(t.totals) / baseline, 2),
    };
  });
}
