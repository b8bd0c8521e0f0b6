// The scale model, in a fresh process: a live audit of N load balancers against the simulated
// endpoint (fixed latency per call, a token-bucket rate limit per API). Prints wall time, the
// calls each API had to answer, the rate-limit lower bound and peak memory.
import { runAudit } from '../../bin/cli/audit/audit.js';
import { LiveEstate } from '../../rules/core/resources/live/live-estate.js';
import { RULES } from '../../rules/index.js';
import { SIMULATED_CREDENTIALS, SimulatedAws } from '../support/simulated-aws.js';
import { memoryProbe } from './lib.js';

const [n = '20000', latency = '50', rate = '200'] = process.argv.slice(2);
const loadBalancers = Number(n);
const latencyMs = Number(latency);
const ratePerApi = Number(rate);
const accountId = '111111111111';
const region = 'us-east-1';

const sim = new SimulatedAws({
  estates: [{ accountId, region, loadBalancers }],
  latencyMs,
  ratePerApi,
  burst: ratePerApi,
});
const probe = memoryProbe();
const start = performance.now();
const result = await runAudit(
  [
    {
      label: `${accountId}/${region}`,
      accountId,
      region,
      open: (io) =>
        LiveEstate.open(io.aws({ region, accountId, credentials: async () => SIMULATED_CREDENTIALS })),
    },
  ],
  { rules: RULES, clientConfig: { requestHandler: sim.requestHandler } },
);
const wallMs = performance.now() - start;
const memory = probe.stop();
// What stays once garbage is collected: the report's evaluations (run with --expose-gc).
(globalThis as { gc?: () => void }).gc?.();
const heapRetainedMb = Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
const ok = Object.fromEntries(sim.okCalls());
// Each API answers at most its bucket (one second's worth) at once and `ratePerApi` calls a second
// after that, whatever the client does: the busiest API sets the bound.
const [bottleneck = '', most = 0] = Object.entries(ok).sort(([, a], [, b]) => b - a)[0] ?? [];
const boundMs = (Math.max(0, most - ratePerApi) / ratePerApi) * 1000;
const judged = new Set(result.evaluations.map((e) => e.resourceId)).size;
process.stdout.write(
  `${JSON.stringify({
    loadBalancers,
    judged,
    unjudged: result.evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA').length,
    errors: result.errors.length,
    wallMs,
    boundMs,
    ratio: wallMs / boundMs,
    bottleneck,
    okCalls: ok,
    throttled: sim.totals().throttled,
    ...memory,
    heapRetainedMb,
    evaluations: result.evaluations.length,
  })}\n`,
);
