// One live audit in a fresh process (for a clean memory figure): the CLI's own audit command
// against AWS_ENDPOINT_URL. Prints {wallMs, exitCode, heapPeakMb, rssPeakMb, evaluations}.
import { readFileSync } from 'node:fs';
import { main } from '../../bin/cli/main.js';
import { memoryProbe } from './lib.js';

const [output = '/dev/null', ...extra] = process.argv.slice(2);
const probe = memoryProbe();
const start = performance.now();
const exitCode = await main([
  'node',
  'elb-config-rules',
  'audit',
  '--format',
  'json',
  '--output',
  output,
  '--no-progress',
  ...extra,
]);
const wallMs = performance.now() - start;
const memory = probe.stop();
const report = JSON.parse(readFileSync(output, 'utf8'));
process.stdout.write(
  `${JSON.stringify({ wallMs, exitCode, ...memory, evaluations: report.summary.evaluations, loadBalancers: report.summary.loadBalancers, compliance: report.summary.compliance })}\n`,
);
