// The performance targets, each worked out from the figures of one bench run: what was measured,
// the target, and whether it was met (undefined when the section did not run).
import type { StartupFigures } from './cli-startup.js';
import type { LambdaColdStart } from './lambda-cold-start.js';
import type { FleetFigures, SeedComparison } from './moto-fleet.js';

export interface Target {
  what: string;
  measured: string;
  target: string;
  met?: boolean;
}

interface ScaleFigures {
  runs: { format: string; loadBalancers: number; ratio: number }[];
  growth: { format: string; rssPeak: number; loadBalancers: number }[];
}

const row = (what: string, target: string, measured?: { text: string; met: boolean }): Target => ({
  what,
  target,
  measured: measured?.text ?? 'not measured in this run',
  ...(measured ? { met: measured.met } : {}),
});

export function targetRows(results: Record<string, unknown>): Target[] {
  const lambda = results.lambdaColdStart as LambdaColdStart[] | undefined;
  const startup = results.cliStartup as StartupFigures[] | undefined;
  const fleets = results.motoFleet as FleetFigures[] | undefined;
  const seed = results.seedComparison as SeedComparison | { skipped: string } | undefined;
  const scale = results.scaleModel as ScaleFigures | undefined;

  const rules = lambda?.slice(1) ?? [];
  const ratios = rules.map((r) => r.ratio);
  const worst = Math.max(...ratios);
  const startupRatio = (prefix: string) => startup?.find((s) => s.command.startsWith(prefix))?.ratio;
  const help = startupRatio('elb-config-rules --help');
  const snapshot = startupRatio('elb-config-rules audit --snapshot');
  const fleet = fleets?.find((f) => f.loadBalancers === 1000);
  const compared = seed && !('skipped' in seed) ? seed : undefined;
  const largest = scale ? Math.max(...scale.runs.map((r) => r.loadBalancers)) : 0;
  const atScale = scale?.runs.find((r) => r.format === 'jsonl' && r.loadBalancers === largest);
  const growth = (format: string) => scale?.growth.find((g) => g.format === format);

  return [
    row(
      'Rule bundle cold start (import + one change evaluation) vs Config-only (import + one PutEvaluations)',
      '≤ 1.5×',
      rules.length
        ? { text: `${Math.min(...ratios)}–${worst}× (${rules.length} rules)`, met: worst <= 1.5 }
        : undefined,
    ),
    row(
      '`elb-config-rules --help` (built CLI) vs bare `node -e 0`',
      '≤ 2×',
      help === undefined ? undefined : { text: `${help}×`, met: help <= 2 },
    ),
    row(
      'Snapshot audit of the sample estate (built CLI) vs bare node',
      '≤ 4×',
      snapshot === undefined ? undefined : { text: `${snapshot}×`, met: snapshot <= 4 },
    ),
    row(
      'Requests per load balancer, 1,000-LB moto fleet, all rules',
      '≤ 4.7',
      fleet
        ? { text: String(fleet.requestsPerLoadBalancer), met: fleet.requestsPerLoadBalancer <= 4.7 }
        : undefined,
    ),
    row(
      'Seed scanner comparison, same moto estate, three listener rules (ours / seed)',
      '≤ 0.5× time and requests per LB seen',
      compared
        ? {
            text: `${compared.timePerLoadBalancerRatio}× its time and ${compared.requestsRatio}× its requests per load balancer seen (${compared.ours.loadBalancersSeen} vs ${compared.seed.loadBalancersSeen} seen; ${compared.timeRatio}× its wall time)`,
            met: compared.timePerLoadBalancerRatio <= 0.5 && compared.requestsRatio <= 0.5,
          }
        : undefined,
    ),
    row(
      `${largest.toLocaleString('en-US')}-LB scale model: wall time vs rate-limit bound (jsonl)`,
      '≤ 1.1×',
      atScale ? { text: `${Math.round(atScale.ratio * 100) / 100}×`, met: atScale.ratio <= 1.1 } : undefined,
    ),
    ...(['jsonl', 'csv'] as const).map((format) => {
      const g = growth(format);
      return row(
        `Scale model RSS peak, ${g ? `${g.loadBalancers}×` : 'largest vs smallest'} the load balancers, --format ${format}`,
        '≤ 1.5×',
        g ? { text: `${g.rssPeak}×`, met: g.rssPeak <= 1.5 } : undefined,
      );
    }),
  ];
}
