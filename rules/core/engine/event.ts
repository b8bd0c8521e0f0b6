// The AWS Config rule invocation event. invokingEvent and ruleParameters arrive as JSON strings;
// each is parsed here, and a malformed one is refused with the field's name.

import { parse as parseArn } from '@aws-sdk/util-arn-parser';
import { InputError } from '../model/errors.js';
import { itemStatus } from '../resources/config-item/item.js';
import { isObject, str } from '../resources/shape.js';

export const CHANGE = 'ConfigurationItemChangeNotification';
export const OVERSIZED = 'OversizedConfigurationItemChangeNotification';
export const SCHEDULED = 'ScheduledNotification';
export const TEST_MODE_TOKEN = 'TESTMODE';

export type InvokingEvent =
  | { messageType: typeof CHANGE; configurationItem: unknown; notificationCreationTime?: string }
  | {
      messageType: typeof OVERSIZED;
      configurationItemSummary: Record<string, unknown>;
      notificationCreationTime?: string;
    }
  | { messageType: typeof SCHEDULED; awsAccountId?: string; notificationCreationTime?: string };

export interface RuleEvent {
  invokingEvent: InvokingEvent;
  ruleParameters: Record<string, unknown>;
  resultToken: string;
  testMode: boolean;
  eventLeftScope: boolean;
  executionRoleArn?: string;
  configRuleName?: string;
  configRuleArn?: string;
  /** The evaluated account: the event's, or failing that the item's. */
  accountId?: string;
  /** From the rule ARN when present. */
  region?: string;
  partition: string;
}

export class InvalidEventError extends InputError {
  override name = 'InvalidEventError';
}

export function parseRuleEvent(raw: unknown): RuleEvent {
  if (!isObject(raw))
    throw new InvalidEventError('event: expected the JSON object AWS Config sends to a rule');
  const invokingEvent = parseJsonField(raw, 'invokingEvent', true);
  const messageType = str(invokingEvent, 'messageType');
  if (messageType !== CHANGE && messageType !== OVERSIZED && messageType !== SCHEDULED) {
    throw new InvalidEventError(
      `invokingEvent.messageType: expected ${CHANGE}, ${OVERSIZED} or ${SCHEDULED}; got ${JSON.stringify(messageType ?? null)}`,
    );
  }
  if (messageType === CHANGE && !isObject(invokingEvent.configurationItem)) {
    throw new InvalidEventError(
      'invokingEvent.configurationItem: missing; a change notification must carry the item',
    );
  }
  if (messageType === OVERSIZED && !isObject(invokingEvent.configurationItemSummary)) {
    throw new InvalidEventError(
      'invokingEvent.configurationItemSummary: missing; an oversized notification must carry it',
    );
  }
  for (const name of ['resultToken', 'executionRoleArn', 'configRuleName', 'configRuleArn', 'accountId']) {
    const value = raw[name];
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw new InvalidEventError(`${name}: got ${JSON.stringify(value)}; expected a string`);
  }
  const resultToken = str(raw, 'resultToken');
  if (!resultToken)
    throw new InvalidEventError('resultToken: missing; expected the token to pass to PutEvaluations');
  const eventLeftScope = raw.eventLeftScope;
  if (eventLeftScope !== undefined && typeof eventLeftScope !== 'boolean')
    throw new InvalidEventError(
      `eventLeftScope: got ${JSON.stringify(eventLeftScope)}; expected a boolean (true or false)`,
    );
  if (messageType === OVERSIZED) {
    const summary = invokingEvent.configurationItemSummary as Record<string, unknown>;
    for (const name of ['resourceType', 'resourceId']) {
      if (typeof summary[name] !== 'string' || summary[name] === '')
        throw new InvalidEventError(
          `invokingEvent.configurationItemSummary.${name}: got ${JSON.stringify(summary[name] ?? null)}; expected a non-empty string`,
        );
    }
    if (summary.configurationItemStatus !== undefined)
      itemStatus(
        summary.configurationItemStatus,
        'invokingEvent.configurationItemSummary.configurationItemStatus',
      );
  }
  const ruleParameters = parseJsonField(raw, 'ruleParameters', false);
  const configRuleArn = str(raw, 'configRuleArn');
  const arn = configRuleArn ? safeParseArn(configRuleArn) : undefined;
  return {
    invokingEvent: invokingEvent as InvokingEvent,
    ruleParameters,
    resultToken,
    testMode: resultToken === TEST_MODE_TOKEN,
    eventLeftScope: eventLeftScope === true,
    executionRoleArn: str(raw, 'executionRoleArn'),
    configRuleName: str(raw, 'configRuleName'),
    configRuleArn,
    accountId: str(raw, 'accountId') ?? str(invokingEvent, 'awsAccountId') ?? arn?.accountId,
    region: arn?.region || undefined,
    partition: arn?.partition ?? 'aws',
  };
}

function parseJsonField(
  raw: Record<string, unknown>,
  name: string,
  required: boolean,
): Record<string, unknown> {
  const value = raw[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new InvalidEventError(`${name}: missing; expected a JSON object encoded as a string`);
    return {};
  }
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new InvalidEventError(
        `${name}: not valid JSON (${(error as Error).message}); expected a JSON object encoded as a string`,
      );
    }
  }
  if (!isObject(parsed))
    throw new InvalidEventError(`${name}: expected a JSON object; got ${JSON.stringify(parsed)}`);
  return parsed;
}

function safeParseArn(arn: string) {
  try {
    return parseArn(arn);
  } catch {
    return undefined;
  }
}
