// Delivers evaluations to Config: batches of 100, TestMode for the TESTMODE token, and every
// FailedEvaluations entry resent with backoff until it lands or the attempts run out. Every batch
// is sent whatever happened to the ones before it; only then, if any entry did not land, the
// invocation fails naming them, so nothing is lost silently and one refusal loses nothing else.
// Throttling is retried by the SDK itself.

import {
  type Evaluation as ConfigEvaluation,
  type ConfigServiceClient,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { ElbConfigRulesError } from '../model/errors.js';
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

export class PutEvaluationsError extends ElbConfigRulesError {
  override name = 'PutEvaluationsError';
  constructor(
    /** Entries Config did not accept, or that were in a call that failed outright. */
    readonly failedEntries: ConfigEvaluation[],
    /** How many entries Config did accept. */
    readonly delivered: number,
    /** Why calls failed outright (the SDK's own retries spent), if any did. */
    readonly causes: string[] = [],
  ) {
    super(
      `Config did not accept ${failedEntries.length} evaluation(s) after retries (${delivered} delivered): ${failedEntries
        .slice(0, 5)
        .map((e) => e.ComplianceResourceId)
        .join(
          ', ',
        )}${failedEntries.length > 5 ? ', …' : ''}${causes.length ? `; ${[...new Set(causes)].join('; ')}` : ''}`,
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
  const entries = dedupe(evaluations).map((e) => toConfigEvaluation(e, options.orderingTimestamp));
  const delivery = { calls: 0, refused: [] as ConfigEvaluation[], causes: [] as string[] };
  for (let start = 0; start < entries.length; start += PUT_EVALUATIONS_BATCH) {
    await sendBatch(client, entries.slice(start, start + PUT_EVALUATIONS_BATCH), options, delivery);
  }
  if (delivery.refused.length)
    throw new PutEvaluationsError(
      delivery.refused,
      entries.length - delivery.refused.length,
      delivery.causes,
    );
  return delivery.calls;
}

/** One batch, resending what Config refuses; what never lands is added to `delivery.refused`. */
async function sendBatch(
  client: ConfigServiceClient,
  batch: ConfigEvaluation[],
  options: PutOptions,
  delivery: { calls: number; refused: ConfigEvaluation[]; causes: string[] },
): Promise<void> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const maxResends = options.maxResends ?? 5;
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      if (attempt > maxResends) break;
      const delay = Math.min(10_000, 200 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      options.log.warn('resending evaluations Config did not accept', { count: pending.length, attempt });
      await sleep(delay);
    }
    delivery.calls++;
    try {
      const out = await client.send(
        new PutEvaluationsCommand({
          Evaluations: pending,
          ResultToken: options.resultToken,
          TestMode: options.testMode,
        }),
      );
      pending = out.FailedEvaluations ?? [];
    } catch (error) {
      // The SDK has already retried throttling and transient faults: this batch is lost, the next is not.
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      options.log.error('PutEvaluations failed; sending the remaining batches', {
        count: pending.length,
        error: cause,
      });
      delivery.causes.push(cause);
      break;
    }
  }
  if (pending.length) {
    options.log.error('Config did not accept evaluations', {
      resources: pending.map((e) => e.ComplianceResourceId),
    });
    delivery.refused.push(...pending);
  }
}
