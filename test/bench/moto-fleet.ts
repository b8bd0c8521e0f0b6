// Fleet audit on moto: the CLI's live audit of 100 and then 1,000 load balancers (ALB, NLB and
// Classic mixed, with listeners), counting at the endpoint every request it sends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export async function motoFleet(sizes: readonly number[]): Promise<FleetFigures[]> {
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
  } finally {
    await proxy.close();
    restore();
    await moto.stop();
  }
  return out;
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
