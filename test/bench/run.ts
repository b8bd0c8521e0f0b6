// npm run bench: figures, not pass/fail tests. Prints each as a table and writes them all to
// .bench/results.json. Machines are shared and noisy, so the figures that matter are ratios
// measured within one run (bundle import time over the Config-client-only bundle's, audit wall
// time over its rate-limit lower bound).
//
//   npm run bench                       everything (about 8-10 minutes on 2 cores)
//   npm run bench -- --only scale,moto  some sections: cold-start, change, moto, scale
//   npm run bench -- --quick            smaller sizes, for a smoke run
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { MOTO_INSTALL_HINT, motoAvailable } from '../support/moto.js';
import { changeEvaluation } from './change-evaluation.js';
import { coldStart } from './cold-start.js';
import { round, runChild, table } from './lib.js';
import { motoFleet } from './moto-fleet.js';

// Node 20 here; the SDK's notice that it will need Node 22 is not a benchmark figure.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : undefined;
const wanted = (section: string) => !only || only.has(section);

const OUT = '.bench';
/** The scale model: per-call latency and per-API rate of the simulated endpoint. */
const SCALE = { latencyMs: 50, ratePerApi: 100, sizes: quick ? [500, 2000] : [2000, 20000] };
const MOTO_SIZES = quick ? [100] : [100, 1000];
const COLD_RUNS = quick ? 5 : 11;

interface ScaleRun {
  loadBalancers: number;
  judged: number;
  unjudged: number;
  errors: number;
  wallMs: number;
  boundMs: number;
  ratio: number;
  bottleneck: string;
  okCalls: Record<string, number>;
  throttled: number;
  heapPeakMb: number;
  rssPeakMb: number;
  heapRetainedMb: number;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
  const save = () => writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const section = (title: string) => process.stdout.write(`\n== ${title}\n`);

  if (wanted('cold-start')) {
    section(`Cold start: bundle import in a fresh Node process (median of ${COLD_RUNS})`);
    const figures = await coldStart(OUT, COLD_RUNS);
    results.coldStart = figures;
    save();
    process.stdout.write(
      `${table(
        ['bundle', 'raw KiB', 'gzip KiB', 'import ms', '× Config-only'],
        figures.map((f) => [f.bundle, f.rawKb, f.gzipKb, f.importMs, f.ratio]),
      )}\n`,
    );
  }

  if (wanted('change')) {
    section('Change evaluation: the Lambda handler per Config change notification (simulated endpoint)');
    const figures = await changeEvaluation(quick ? 20 : 50);
    results.changeEvaluation = figures;
    save();
    process.stdout.write(
      `${table(
        ['rule', 'trigger', 'CPU ms / eval', 'API calls / eval', 'calls by API (per evaluation)'],
        figures.map((f) => [f.rule, f.trigger, f.cpuMsPerEvaluation, f.apiCallsPerEvaluation, f.calls]),
      )}\n`,
    );
  }

  if (wanted('moto') && !motoAvailable()) {
    section('Fleet audit on moto: SKIPPED');
    process.stdout.write(`  moto_server is not on PATH. Install it with: ${MOTO_INSTALL_HINT}\n`);
    results.motoFleet = { skipped: 'moto_server not found' };
  } else if (wanted('moto')) {
    section('Fleet audit on moto: `audit --region us-east-1`, requests counted at the endpoint');
    const figures = await motoFleet(MOTO_SIZES);
    results.motoFleet = figures;
    save();
    process.stdout.write(
      `${table(
        ['load balancers', 'mix', 'wall s', 'requests', 'requests / LB', 'heap peak MiB', 'RSS peak MiB'],
        figures.map((f) => [
          f.loadBalancers,
          f.mix,
          f.wallS,
          f.requests,
          f.requestsPerLoadBalancer,
          f.heapPeakMb,
          f.rssPeakMb,
        ]),
      )}\n`,
    );
    for (const f of figures)
      process.stdout.write(
        `  ${f.loadBalancers}: ${Object.entries(f.byApi)
          .map(([api, n]) => `${api} ${n}`)
          .join(', ')}\n`,
      );
  }

  if (wanted('scale')) {
    section(
      `Scale model: simulated endpoint, ${SCALE.latencyMs} ms per call, ${SCALE.ratePerApi} calls/s per API (token bucket of one second's worth)`,
    );
    const runs: ScaleRun[] = [];
    for (const size of SCALE.sizes) {
      runs.push(
        await runChild<ScaleRun>(
          'test/bench/scale-child.ts',
          [String(size), String(SCALE.latencyMs), String(SCALE.ratePerApi)],
          {},
          ['--expose-gc'],
        ),
      );
    }
    const [small, large] = [runs[0], runs[runs.length - 1]];
    const growth =
      small && large
        ? {
            loadBalancers: round(large.loadBalancers / small.loadBalancers, 1),
            heapPeak: round(large.heapPeakMb / small.heapPeakMb, 2),
            rssPeak: round(large.rssPeakMb / small.rssPeakMb, 2),
            heapRetained: round(large.heapRetainedMb / small.heapRetainedMb, 2),
          }
        : undefined;
    results.scaleModel = { ...SCALE, runs, growth };
    save();
    process.stdout.write(
      `${table(
        [
          'load balancers',
          'wall s',
          'bound s',
          'wall / bound',
          'bottleneck API',
          'throttled',
          'heap peak MiB',
          'RSS peak MiB',
          'retained MiB',
        ],
        runs.map((r) => [
          r.loadBalancers,
          round(r.wallMs / 1000, 1),
          round(r.boundMs / 1000, 1),
          round(r.ratio, 3),
          `${r.bottleneck} (${r.okCalls[r.bottleneck] ?? 0} calls)`,
          r.throttled,
          r.heapPeakMb,
          r.rssPeakMb,
          r.heapRetainedMb,
        ]),
      )}\n`,
    );
    if (growth)
      process.stdout.write(
        `  ${growth.loadBalancers}× the load balancers: heap peak ${growth.heapPeak}×, RSS peak ${growth.rssPeak}×, retained after GC ${growth.heapRetained}× (the report's evaluations)\n`,
      );
    for (const r of runs)
      if (r.judged !== r.loadBalancers || r.unjudged || r.errors)
        process.stdout.write(
          `  ! ${r.loadBalancers}: judged ${r.judged}, unjudged ${r.unjudged}, errors ${r.errors}\n`,
        );
  }

  process.stdout.write(`\nWrote ${join(OUT, 'results.json')}\n`);
}

main().catch((error) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
