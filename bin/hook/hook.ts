// Judges the whole template of a stack operation before CloudFormation provisions it: fetch the
// payload the event points to, parse the template with the scan's parser (with the account and
// region of the stack, so AWS::AccountId and AWS::Region resolve) and run the enforced rules.
// Anything that stops the evaluation is FAILED/InternalFailure with the reason, never SUCCESS.
import { parse as parseArn } from '@aws-sdk/util-arn-parser';
import type { Log } from '../../rules/core/engine/log.js';
import { ElbConfigRulesError, InputError } from '../../rules/core/model/errors.js';
import { scanTemplate } from '../cli/scan/scan-template.js';
import type { HookConfig } from './config.js';
import {
  eventProblem,
  type HookResponse,
  type StackHookEvent,
  stackHookEvent,
  stackHookPayload,
  tokenOf,
} from './event.js';
import { internalFailure, verdictOf } from './verdict.js';

/** Hooks wait 30 seconds for the function; the payload gets a third of them. */
export const PAYLOAD_TIMEOUT_MS = 10_000;

export interface HookDeps {
  fetch: typeof globalThis.fetch;
  log: Pick<Log, 'info' | 'error'>;
}

/** The handler; a configuration that failed at cold start answers every invocation with its error. */
export function createHookHandler(config: HookConfig | Error, deps: HookDeps) {
  return async (raw: unknown): Promise<HookResponse> => {
    const token = tokenOf(raw);
    if (config instanceof Error)
      return internalFailure(token, `The hook is misconfigured: ${config.message}`);
    const parsed = stackHookEvent.safeParse(raw);
    if (!parsed.success) {
      const problem = eventProblem(parsed.error);
      deps.log.error('Unexpected hook event', { problem });
      return internalFailure(token, `Unexpected hook event: ${problem}`);
    }
    const event = parsed.data;
    try {
      const response = await evaluate(event, config, deps);
      deps.log.info('Hook verdict', {
        stack: event.requestData.targetLogicalId,
        action: event.actionInvocationPoint,
        hookStatus: response.hookStatus,
        errorCode: response.errorCode,
      });
      return response;
    } catch (error) {
      const known = error instanceof ElbConfigRulesError;
      deps.log.error('Hook evaluation failed', { error });
      return internalFailure(
        event.clientRequestToken,
        known ? (error as Error).message : `The template could not be evaluated: ${String(error)}`,
      );
    }
  };
}

/** A payload that holds no template to judge: said as it is, not as a crash. */
class PayloadError extends InputError {}

async function evaluate(event: StackHookEvent, config: HookConfig, deps: HookDeps): Promise<HookResponse> {
  const token = event.clientRequestToken;
  // A deletion removes load balancers; it creates nothing to judge, and its templates are empty.
  if (event.actionInvocationPoint === 'DELETE_PRE_PROVISION')
    return {
      hookStatus: 'SUCCESS',
      message: 'Stack deletion: nothing to evaluate.',
      clientRequestToken: token,
    };
  const template = await fetchTemplate(event.requestData.payload, deps.fetch);
  const stack = event.requestData.targetLogicalId ?? 'stack';
  const region = regionOf(event.stackId);
  const result = await scanTemplate(
    {
      text: template,
      name: stack,
      scope: { accountId: event.awsAccountId, region: region ?? 'unknown' },
      pseudo: {
        ...(event.requestData.targetLogicalId ? { 'AWS::StackName': event.requestData.targetLogicalId } : {}),
        ...(event.stackId ? { 'AWS::StackId': event.stackId } : {}),
      },
    },
    { rules: config.rules, parameters: config.parameters },
  );
  if (!result)
    throw new PayloadError(
      `The template of ${stack} is not a CloudFormation template: it has no Resources map.`,
    );
  return verdictOf(result, config.rules, token, { failOnUnknown: config.failOnUnknown });
}

async function fetchTemplate(url: string, fetch: typeof globalThis.fetch): Promise<string> {
  const where = 'The hook payload (requestData.payload)';
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(PAYLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new PayloadError(`${where} could not be fetched: ${(error as Error).message}`);
  }
  if (!response.ok)
    throw new PayloadError(
      `${where} could not be fetched: HTTP ${response.status} ${response.statusText}`.trim(),
    );
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new PayloadError(`${where} is not JSON; expected {"template": "...", "previousTemplate": "..."}`);
  }
  const payload = stackHookPayload.safeParse(json);
  if (!payload.success)
    throw new PayloadError(
      `${where}: ${payload.error.issues[0]?.path.join('.') || 'payload'} is not a string`,
    );
  const template = payload.data.template;
  if (!template?.trim())
    throw new PayloadError(
      `${where} holds no template for a stack create or update; nothing can be evaluated.`,
    );
  return template;
}

/** The region of arn:aws:cloudformation:us-west-2:123456789012:stack/MyStack/…; undefined when not an ARN. */
function regionOf(stackId: string | null | undefined): string | undefined {
  if (!stackId) return undefined;
  try {
    return parseArn(stackId).region || undefined;
  } catch {
    return undefined;
  }
}
