// The streamed formats (jsonl, csv): each evaluation is written as soon as its load balancer is
// judged, and none is kept, so memory holds the load balancers in flight, not the report. A
// region's lines are all written by the time it finishes; lines of regions audited at once
// interleave, in the order load balancers are judged (not the sorted order of the other formats).
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import { csvHeader, csvRows } from '../format/csv.js';
import { jsonlLine } from '../format/jsonl.js';
import type { OutputSink } from '../output.js';
import { type AuditOptions, type AuditResult, type AuditScope, runAudit } from './audit.js';

export const STREAMED_FORMATS = ['jsonl', 'csv'] as const;
export type StreamedFormat = (typeof STREAMED_FORMATS)[number];

export function isStreamed(format: string): format is StreamedFormat {
  return (STREAMED_FORMATS as readonly string[]).includes(format);
}

/** Runs the audit, writing each evaluation to `sink` as it is made; closes the sink at the end. */
export async function streamAudit(
  scopes: readonly AuditScope[],
  options: AuditOptions,
  format: StreamedFormat,
  sink: OutputSink,
): Promise<AuditResult> {
  const line =
    format === 'csv' ? (e: Evaluation) => csvRows([e], options.rules) : (e: Evaluation) => jsonlLine(e);
  try {
    if (format === 'csv') await sink.write(csvHeader());
    return await runAudit(scopes, {
      ...options,
      keepEvaluations: false,
      onEvaluation: async (evaluation) => {
        await options.onEvaluation?.(evaluation);
        await sink.write(line(evaluation));
      },
    });
  } finally {
    await sink.close();
  }
}
