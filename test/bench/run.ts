// npm run bench: figures, not pass/fail tests. Prints each as a table, then every row of the
// performance targets (docs/performance.md) with its measured ratio, and writes them all to
// .bench/results.json. Machines are shared and noisy, so the figures that matter are ratios
// measured within one run (bundle cold start over the Config-client-only bundle's, CLI start-up
// over a bare `node -e 0`, audit wall time over its rate-limit lower bound).
//
//   npm run bench                       everything (about 20 minutes on 2 cores)
//   npm run bench -- --only scale,moto  some sections: cold-start, change, startup, moto, scale
//   npm run bench -- --quick            smaller sizes, for a smoke run
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { MOTO_INSTALL_HINT, motoAvailable } from '../support/moto.js';
import { changeEvaluation } from './change-evaluation.js';
import { cliStartup } from './cli-startup.js';
import { BASELINE, coldStart } from './cold-start.js';
import { lambdaColdStart } from './lambda-cold-start.js';
import { round, runChild, table } from './lib.js';
import { type MotoFigures, motoFleet } from './moto-fleet.js';
import { type Target, targetRows } from './targets.js';

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
/** The streamed formats whose memory the scale model measures. */
const SCALE_FORMATS = ['jsonl', 'csv'] as const;

export interface ScaleRun {
  loadBalancers: number;
  format: string;
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
    section(
      `Cold start as a Lambda sees it: import, then one change evaluation through the handler against the simulated endpoint, no latency (median of ${COLD_RUNS}; ${BASELINE}: import and one PutEvaluations)`,
    );
    const lambda = await lambdaColdStart(OUT, COLD_RUNS);
    results.lambdaColdStart = lambda;
    save();
    process.stdout.write(
      `${table(
        ['bundle', 'trigger', 'import ms', 'import + evaluation ms', '× Config-only'],
        lambda.map((f) => [f.bundle, f.trigger, f.importMs, f.totalMs, f.ratio]),
      )}\n`,
    );
  }

  if (wanted('startup')) {
    section(`CLI start-up: the built CLI, whole process, beside a bare node (median of ${COLD_RUNS})`);
    const figures = cliStartup(COLD_RUNS);
    results.cliStartup = figures;
    save();
    process.stdout.write(
      `${table(
        ['command', 'ms', '× node -e 0'],
        figures.map((f) => [f.command, f.ms, f.ratio]),
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
    const moto: MotoFigures = await motoFleet(MOTO_SIZES);
    const figures = moto.fleets;
    results.motoFleet = figures;
    results.seedComparison = moto.seed;
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
    const seed = moto.seed;
    if (seed && 'skipped' in seed)
      process.stdout.write(`  Seed scanner comparison: SKIPPED (${seed.skipped})\n`);
    else if (seed)
      process.stdout.write(
        `\n${table(
          ['three listener rules', 'wall s', 'requests', 'load balancers seen', 'requests / LB seen'],
          [
            [
              'elb-config-rules',
              seed.ours.wallS,
              seed.ours.requests,
              seed.ours.loadBalancersSeen,
              seed.ours.requestsPerLoadBalancer,
            ],
            [
              'seed scanner',
              seed.seed.wallS,
              seed.seed.requests,
              seed.seed.loadBalancersSeen,
              seed.seed.requestsPerLoadBalancer,
            ],
          ],
        )}\n  ours / seed, per load balancer seen: ${seed.timePerLoadBalancerRatio}× the time, ${seed.requestsRatio}× the requests (wall time ${seed.timeRatio}×)\n`,
      );
  }

  if (wanted('scale')) {
    section(
      `Scale model: simulated endpoint, ${SCALE.latencyMs} ms per call, ${SCALE.ratePerApi} calls/s per API (token bucket of one second's worth)`,
    );
    const runs: ScaleRun[] = [];
    for (const format of SCALE_FORMATS) {
      for (const size of SCALE.sizes) {
        runs.push(
          await runChild<ScaleRun>(
            'test/bench/scale-child.ts',
            [String(size), String(SCALE.latencyMs), String(SCALE.ratePerApi), format],
            {},
            ['--expose-gc'],
          ),
        );
      }
    }
    const growth = SCALE_FORMATS.map((format) => {
      const of = runs.filter((r) => r.format === format);
      const [small, large] = [of[0], of[of.length - 1]];
      return small && large
        ? {
            format,
            loadBalancers: round(large.loadBalancers / small.loadBalancers, 1),
            heapPeak: round(large.heapPeakMb / small.heapPeakMb, 2),
            rssPeak: round(large.rssPeakMb / small.rssPeakMb, 2),
            heapRetained: round(large.heapRetainedMb / small.heapRetainedMb, 2),
          }
        : undefined;
    }).filter((g) => g !== undefined);
    results.scaleModel = { ...SCALE, runs, growth };
    save();
    process.stdout.write(
      `${table(
        [
          'format',
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
          r.format,
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
    for (const g of growth)
      process.stdout.write(
        `  ${g.format}: ${g.loadBalancers}× the load balancers: heap peak ${g.heapPeak}×, RSS peak ${g.rssPeak}×, retained after GC ${g.heapRetained}×\n`,
      );
    for (const r of runs)
      if (r.judged !== r.loadBalancers || r.unjudged || r.errors)
        process.stdout.write(
          `  ! ${r.loadBalancers}: judged ${r.judged}, unjudged ${r.unjudged}, errors ${r.errors}\n`,
        );
  }

  const targets: Target[] = targetRows(results);
  results.targets = targets;
  save();
  section('Targets (issue 13): every row from this run');
  process.stdout.write(
    `${table(
      ['what', 'measured', 'target', 'met'],
      targets.map((t) => [
        t.what,
        t.measured,
        t.target,
        t.met === undefined ? 'not measured' : t.met ? 'yes' : 'NO',
      ]),
    )}\n`,
  );
  process.stdout.write(`\nWrote ${join(OUT, 'results.json')}\n`);
}

main().catch((error) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
