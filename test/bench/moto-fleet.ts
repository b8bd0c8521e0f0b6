// Fleet audit on moto: the CLI's live audit of 100 and then 1,000 load balancers (ALB, NLB and
// Classic mixed, with listeners), counting at the endpoint every request it sends. On the largest
// fleet, the seed scanner comparison: the three listener rules beside the scanner this project
// was measured against at its start, on the same estate through the same counting proxy.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { motoEnv, startMoto, useMotoEnv } from '../support/moto.js';
import { createFleet } from '../support/moto-fleet.js';
import { startCountingProxy } from './counting-proxy.js';
import { round, runChild } from './lib.js';

export interface FleetFigures {
  loadBalancers: number;
  mix: string;
  wallS: number;
  requests: number;
  requestsPerLoadBalancer: number;
  byApi: Record<string, number>;
  heapPeakMb: number;
  rssPeakMb: number;
  createS: number;
}

/** The listener rules the seed scanner's checks correspond to. */
export const LISTENER_RULES = 'alb-https-only,nlb-tls-only,clb-https-ssl-only';
/**
 * The seed scanner: elb-audit/elb_audit_cli.py of github.com/TocConsulting/aws-helper-scripts
 * (MIT), Python and boto3. Not shipped here; fetch it with
 *   git clone https://github.com/TocConsulting/aws-helper-scripts .bench/seed/aws-helper-scripts
 */
export const SEED_SCANNER =
  process.env.SEED_SCANNER ?? '.bench/seed/aws-helper-scripts/elb-audit/elb_audit_cli.py';

export interface SeedComparison {
  loadBalancers: number;
  ours: { wallS: number; requests: number; loadBalancersSeen: number; requestsPerLoadBalancer: number };
  seed: { wallS: number; requests: number; loadBalancersSeen: number; requestsPerLoadBalancer: number };
  /**
   * Ours over the seed scanner's, per load balancer each one saw (the scanner reads only the first
   * page of each listing): wall time, and requests. timeRatio is the raw wall-time ratio.
   */
  timePerLoadBalancerRatio: number;
  requestsRatio: number;
  timeRatio: number;
}

export interface MotoFigures {
  fleets: FleetFigures[];
  seed?: SeedComparison | { skipped: string };
}

const execFileAsync = promisify(execFile);

export async function motoFleet(sizes: readonly number[]): Promise<MotoFigures> {
  const moto = await startMoto();
  const restore = useMotoEnv(moto.endpoint);
  const proxy = await startCountingProxy(moto.endpoint);
  const dir = mkdtempSync(join(tmpdir(), 'elb-bench-fleet-'));
  const out: FleetFigures[] = [];
  try {
    let created = 0;
    for (const size of sizes) {
      const start = performance.now();
      await createFleet(created, size, { concurrency: 8 });
      const createS = (performance.now() - start) / 1000;
      created = size;
      proxy.reset();
      const run = await runChild<{
        wallMs: number;
        heapPeakMb: number;
        rssPeakMb: number;
        loadBalancers: number;
      }>(
        'test/bench/audit-child.ts',
        [join(dir, `fleet-${size}.json`), '--region', 'us-east-1'],
        motoEnv(proxy.endpoint),
      );
      if (run.loadBalancers !== size)
        throw new Error(`audited ${run.loadBalancers} load balancers, expected ${size}`);
      const alb = Math.ceil(size / 10) * 0 + countKind(size, 'alb');
      const nlb = countKind(size, 'nlb');
      out.push({
        loadBalancers: size,
        mix: `${alb} ALB, ${nlb} NLB, ${size - alb - nlb} Classic`,
        wallS: round(run.wallMs / 1000, 2),
        requests: proxy.total(),
        requestsPerLoadBalancer: round(proxy.total() / size, 3),
        byApi: Object.fromEntries([...proxy.counts].sort(([a], [b]) => a.localeCompare(b))),
        heapPeakMb: run.heapPeakMb,
        rssPeakMb: run.rssPeakMb,
        createS: round(createS, 1),
      });
    }
    const size = sizes.at(-1) ?? 0;
    return { fleets: out, seed: await compareWithSeed(size, dir, proxy) };
  } finally {
    await proxy.close();
    restore();
    await moto.stop();
  }
}

async function compareWithSeed(
  size: number,
  dir: string,
  proxy: Awaited<ReturnType<typeof startCountingProxy>>,
): Promise<SeedComparison | { skipped: string }> {
  if (!existsSync(SEED_SCANNER))
    return {
      skipped: `${SEED_SCANNER} not found: git clone https://github.com/TocConsulting/aws-helper-scripts .bench/seed/aws-helper-scripts`,
    };
  // Both timed as a user meets them: the whole process, from start to exit, ours the built CLI.
  await execFileAsync('npm', ['run', '--silent', 'build:cli']);
  const report = join(dir, `seed-ours-${size}.json`);
  proxy.reset();
  const ourStart = performance.now();
  await execFileAsync(
    process.execPath,
    [
      'bin/elb-config-rules.mjs',
      'audit',
      '--region',
      'us-east-1',
      '--rules',
      LISTENER_RULES,
      '--format',
      'json',
      '--output',
      report,
      '--no-progress',
    ],
    {
      env: {
        ...process.env,
        ...motoEnv(proxy.endpoint),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  const ours = {
    wallMs: performance.now() - ourStart,
    loadBalancers: JSON.parse(readFileSync(report, 'utf8')).summary.loadBalancers as number,
  };
  const ourRequests = proxy.total();
  proxy.reset();
  const start = performance.now();
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('python3', [SEED_SCANNER, '--region', 'us-east-1'], {
      env: { ...process.env, ...motoEnv(proxy.endpoint), NO_COLOR: '1' },
      maxBuffer: 256 * 2 ** 20,
    }));
  } catch (error) {
    return { skipped: `the seed scanner failed: ${String((error as Error).message).slice(-400)}` };
  }
  const seedWallMs = performance.now() - start;
  const seedRequests = proxy.total();
  // The scanner prints one "Load Balancer: NAME" block per load balancer it looked at.
  const seen = (stdout.match(/^Load Balancer: /gm) ?? []).length;
  const ourPerLb = ourRequests / Math.max(1, ours.loadBalancers);
  const seedPerLb = seedRequests / Math.max(1, seen);
  return {
    loadBalancers: size,
    ours: {
      wallS: round(ours.wallMs / 1000, 2),
      requests: ourRequests,
      loadBalancersSeen: ours.loadBalancers,
      requestsPerLoadBalancer: round(ourPerLb, 3),
    },
    seed: {
      wallS: round(seedWallMs / 1000, 2),
      requests: seedRequests,
      loadBalancersSeen: seen,
      requestsPerLoadBalancer: round(seedPerLb, 3),
    },
    timePerLoadBalancerRatio: round(
      ours.wallMs / Math.max(1, ours.loadBalancers) / (seedWallMs / Math.max(1, seen)),
      2,
    ),
    requestsRatio: round(ourPerLb / seedPerLb, 2),
    timeRatio: round(ours.wallMs / seedWallMs, 2),
  };
}

/** The fleet pattern: out of every 10, 5 ALBs, 3 NLBs, 2 Classic. */
function countKind(size: number, kind: 'alb' | 'nlb'): number {
  let n = 0;
  for (let i = 0; i < size; i++) {
    const slot = i % 10;
    if (kind === 'alb' ? slot < 5 : slot >= 5 && slot < 8) n++;
  }
  return n;
}
