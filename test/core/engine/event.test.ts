import { describe, expect, it } from 'vitest';
import { parseRuleEvent } from '../../../rules/core/engine/event.js';
import { changeEvent, classicItem, scheduledEvent } from '../../fixtures/config-items.js';

describe('rule event parsing', () => {
  it('reads TESTMODE, the region and partition from the rule ARN', () => {
    const event = parseRuleEvent(
      changeEvent(classicItem({ name: 'a', listeners: [] }), { resultToken: 'TESTMODE' }),
    );
    expect(event.testMode).toBe(true);
    expect(event.region).toBe('us-east-1');
    expect(event.partition).toBe('aws');
    expect(parseRuleEvent(scheduledEvent()).testMode).toBe(false);
  });

  it.each([
    ['not an object', 'nope', /event: expected the JSON object/],
    ['invokingEvent missing', { resultToken: 't' }, /invokingEvent: missing/],
    [
      'invokingEvent not JSON',
      { ...scheduledEvent(), invokingEvent: '{oops' },
      /invokingEvent: not valid JSON/,
    ],
    [
      'unknown messageType',
      { ...scheduledEvent(), invokingEvent: '{"messageType":"Other"}' },
      /invokingEvent\.messageType: expected/,
    ],
    [
      'change without item',
      { ...scheduledEvent(), invokingEvent: '{"messageType":"ConfigurationItemChangeNotification"}' },
      /configurationItem: missing/,
    ],
    [
      'ruleParameters not JSON',
      { ...scheduledEvent(), ruleParameters: 'x=1' },
      /ruleParameters: not valid JSON/,
    ],
    [
      'ruleParameters an array',
      { ...scheduledEvent(), ruleParameters: '[1]' },
      /ruleParameters: expected a JSON object/,
    ],
    ['no result token', { ...scheduledEvent(), resultToken: undefined }, /resultToken: missing/],
  ])('refuses %s with the field named', (_name, raw, message) => {
    expect(() => parseRuleEvent(raw)).toThrow(message);
  });
});
