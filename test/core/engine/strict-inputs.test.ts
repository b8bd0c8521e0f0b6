// Bad event fields and parameters are refused before any work, naming the field and its form.
import { describe, expect, it } from 'vitest';
import { parseRuleEvent } from '../../../rules/core/engine/event.js';
import { parseParameters } from '../../../rules/core/engine/parameters.js';
import { normalizeConfigurationItem } from '../../../rules/core/resources/config-item/item.js';
import { rule as targetHealth } from '../../../rules/lb-target-health/rule.js';
import { changeEvent, classicItem } from '../../fixtures/config-items.js';

const item = classicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80 }] });

describe('strict inputs', () => {
  it.each([
    ['eventLeftScope', 'yes', /eventLeftScope.*expected a boolean/],
    ['resultToken', 42, /resultToken.*expected a string/],
    ['resultToken', { token: 'x' }, /resultToken.*expected a string/],
    ['configRuleName', { name: 'x' }, /configRuleName.*expected a string/],
  ])('refuses %s = %j', (field, value, message) => {
    expect(() => parseRuleEvent({ ...changeEvent(item), [field]: value })).toThrow(message);
  });

  it.each([
    ['configurationItemStatus', 'Okay', /configurationItemStatus.*expected one of OK/],
    ['resourceType', 7, /resourceType.*expected a non-empty string/],
    ['resourceType', { type: 'x' }, /resourceType.*expected a non-empty string/],
  ])('refuses an item whose %s is %j', (field, value, message) => {
    expect(() => normalizeConfigurationItem({ ...item, [field]: value })).toThrow(message);
  });

  it.each([',', ' , '])('refuses unhealthyStates=%j, which names no state', (value) => {
    expect(() => parseParameters(targetHealth.parameters, { unhealthyStates: value })).toThrow(
      /"unhealthyStates".*names none/,
    );
  });

  it('refuses an object where a parameter string is expected', () => {
    expect(() => parseParameters(targetHealth.parameters, { unhealthyStates: { a: 1 } })).toThrow(
      /"unhealthyStates".*given as a string/,
    );
  });
});
