// A progress bar on stderr while a live audit runs, only when stderr is a terminal: piped or
// redirected output, CI logs and reports stay free of control characters.
import { createRequire } from 'node:module';
import type { AuditObserver } from './audit/audit.js';

export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export interface Progress {
  observer: AuditObserver;
  onLoadBalancer(): void;
  stop(): void;
}

export const SILENT_PROGRESS: Progress = { observer: {}, onLoadBalancer() {}, stop() {} };

export function startProgress(scopeCount: number, stream: ProgressStream = process.stderr): Progress {
  if (stream.isTTY !== true) return SILENT_PROGRESS;
  // Required here, on a terminal only: piped runs and snapshot audits never load it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} load balancers judged | {scopesDone}/{scopes} scopes{failed}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      // Redraw at most 10 times a second, and not at all when nothing changed.
      fps: 10,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let found = 0;
  let judged = 0;
  let scopesDone = 0;
  let failed = 0;
  const payload = () => ({ scopes: scopeCount, scopesDone, failed: failed ? `, ${failed} failed` : '' });
  bar.start(0, 0, payload());
  return {
    observer: {
      loadBalancerFound() {
        found++;
        bar.setTotal(found);
      },
      scopeFinished(_scope, error) {
        scopesDone++;
        if (error) failed++;
        bar.update(judged, payload());
      },
    },
    onLoadBalancer() {
      judged++;
      bar.update(judged, payload());
    },
    stop() {
      bar.stop();
    },
  };
}
