// The scale model, in a fresh process: a live audit of N load balancers against the simulated
// endpoint (fixed latency per call, a token-bucket rate limit per API). Prints wall time, the
// calls each API had to answer, the rate-limit lower bound and peak memory. With a format of
// jsonl or csv the report is streamed as the CLI streams it (to /dev/null), keeping nothing;
// with "report" every evaluation is kept for a sorted report, as the json format does.
import { type AuditOptions, type AuditScope, runAudit } from '../../bin/cli/audit/audit.js';
import { isStreamed, streamAudit } from '../../bin/cli/audit/stream-report.js';
import { openOutput } from '../../bin/cli/output.js';
import { LiveEstate } from '../../rules/core/resources/live/live-estate.js';
import { RULES } from '../../rules/index.js';
import { SIMULATED_CREDENTIALS, SimulatedAws } from '../support/simulated-aws.js';
import { memoryProbe } from './lib.js';

const [n = '20000', latency = '50', rate = '200', format = 'report'] = process.argv.slice(2);
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
const scopes: AuditScope[] = [
  {
    label: `${accountId}/${region}`,
    accountId,
    region,
    open: (io) =>
      LiveEstate.open(io.aws({ region, accountId, credentials: async () => SIMULATED_CREDENTIALS })),
  },
];
const resourceIds = new Set<string>();
let evaluations = 0;
let unjudged = 0;
const options: AuditOptions = {
  rules: RULES,
  clientConfig: { requestHandler: sim.requestHandler },
  onEvaluation: (e) => {
    evaluations++;
    resourceIds.add(e.resourceId);
    if (e.complianceType === 'INSUFFICIENT_DATA') unjudged++;
  },
};
const result = isStreamed(format)
  ? await streamAudit(scopes, options, format, openOutput('/dev/null'))
  : await runAudit(scopes, options);
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
process.stdout.write(
  `${JSON.stringify({
    loadBalancers,
    format,
    judged: resourceIds.size,
    unjudged,
    errors: result.errors.length,
    wallMs,
    boundMs,
    ratio: wallMs / boundMs,
    bottleneck,
    okCalls: ok,
    throttled: sim.totals().throttled,
    ...memory,
    heapRetainedMb,
    evaluations,
  })}\n`,
);
