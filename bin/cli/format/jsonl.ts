// JSON Lines (--format jsonl): one evaluation per line, the JSON report's evaluations[] entry,
// written as each load balancer is judged, for SIEM and log pipelines (docs/json-report.md).
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import { reportEvaluation } from './json.js';

export function jsonlLine(evaluation: Evaluation): string {
  return `${JSON.stringify(reportEvaluation(evaluation))}\n`;
}
