// Delivers evaluations to Config: batches of 100, TestMode for the TESTMODE token, and every
// FailedEvaluations entry resent with backoff until it lands or the attempts run out (then the
// invocation fails, so nothing is lost silently). Throttling is retried by the SDK itself.
import {
  type Evaluation as ConfigEvaluation,
  type ConfigServiceClient,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { cut } from './annotation.js';
import type { Evaluation } from './judge.js';
import type { Log } from './log.js';

export const PUT_EVALUATIONS_BATCH = 100;

export interface PutOptions {
  resultToken: string;
  testMode: boolean;
  orderingTimestamp: Date;
  log: Log;
  /** Resends of entries Config reported as failed, per batch. */
  maxResends?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class PutEvaluationsError extends Error {
  override name = 'PutEvaluationsError';
  constructor(readonly failedEntries: ConfigEvaluation[]) {
    super(
      `Config did not accept ${failedEntries.length} evaluation(s) after retries: ${failedEntries
        .slice(0, 5)
        .map((e) => e.ComplianceResourceId)
        .join(', ')}${failedEntries.length > 5 ? ', …' : ''}`,
    );
  }
}

export function toConfigEvaluation(evaluation: Evaluation, orderingTimestamp: Date): ConfigEvaluation {
  if (evaluation.complianceType === 'INSUFFICIENT_DATA')
    throw new Error('Config does not accept INSUFFICIENT_DATA');
  const annotation = cut(evaluation.annotation);
  return {
    ComplianceResourceType: evaluation.resourceType,
    ComplianceResourceId: evaluation.resourceId,
    ComplianceType: evaluation.complianceType,
    ...(annotation ? { Annotation: annotation } : {}),
    OrderingTimestamp: orderingTimestamp,
  };
}

/** The last evaluation of each resource wins, so no resource is reported twice in one call. */
export function dedupe(evaluations: readonly Evaluation[]): Evaluation[] {
  const byResource = new Map<string, Evaluation>();
  for (const e of evaluations) byResource.set(`${e.resourceType}|${e.resourceId}`, e);
  return [...byResource.values()];
}

export async function putEvaluations(
  client: ConfigServiceClient,
  evaluations: readonly Evaluation[],
  options: PutOptions,
): Promise<number> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const maxResends = options.maxResends ?? 5;
  const entries = dedupe(evaluations).map((e) => toConfigEvaluation(e, options.orderingTimestamp));
  let calls = 0;
  for (let start = 0; start < entries.length; start += PUT_EVALUATIONS_BATCH) {
    let pending = entries.slice(start, start + PUT_EVALUATIONS_BATCH);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > maxResends) throw new PutEvaluationsError(pending);
        const delay = Math.min(10_000, 200 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
        options.log.warn('resending evaluations Config did not accept', { count: pending.length, attempt });
        await sleep(delay);
      }
      calls++;
      const out = await client.send(
        new PutEvaluationsCommand({
          Evaluations: pending,
          ResultToken: options.resultToken,
          TestMode: options.testMode,
        }),
      );
      pending = out.FailedEvaluations ?? [];
    }
  }
  return calls;
}
