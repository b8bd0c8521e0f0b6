import { describe, expect, it } from 'vitest';
import { engineParameters, parseParameters } from '../../../rules/core/engine/parameters.js';

const specs = {
  enabled: { type: 'boolean', default: true, description: '' },
  days: { type: 'integer', default: 30, min: 1, max: 3650, description: '' },
  mode: { type: 'enum', values: ['defensive', 'strictest'], default: 'defensive', description: '' },
  cidrs: {
    type: 'stringList',
    default: [],
    itemPattern: /^[\d.]+\/\d+$/,
    expected: 'IPv4 CIDRs',
    description: '',
  },
} as const;

describe('rule parameters', () => {
  it('applies defaults for absent and empty values', () => {
    expect(parseParameters(specs, { days: '' })).toEqual({
      enabled: true,
      days: 30,
      mode: 'defensive',
      cidrs: [],
    });
  });

  it('parses strings as Config sends them', () => {
    expect(
      parseParameters(specs, {
        enabled: 'FALSE',
        days: '14',
        mode: 'strictest',
        cidrs: '10.0.0.0/8, 192.168.0.0/16',
      }),
    ).toEqual({
      enabled: false,
      days: 14,
      mode: 'strictest',
      cidrs: ['10.0.0.0/8', '192.168.0.0/16'],
    });
  });

  it.each([
    [{ enabled: 'yes' }, /"enabled" must be "true" or "false"; got "yes"/],
    [{ days: '0' }, /"days" must be a whole number from 1 to 3650; got "0"/],
    [{ days: '3.5' }, /"days" must be a whole number/],
    [{ mode: 'off' }, /"mode" must be one of "defensive", "strictest"; got "off"/],
    [
      { cidrs: '10.0.0.0/8,everyone' },
      /"cidrs" must be a comma-separated list of IPv4 CIDRs; item "everyone" is not/,
    ],
    [{ dayz: '3' }, /Unknown rule parameter "dayz"\. Expected one of: .*days/],
  ])('refuses %j, naming the parameter and the expected form', (raw, message) => {
    expect(() => parseParameters(specs, raw)).toThrow(message);
  });

  it('accepts and validates the engine-level ExecutionRoleName on every rule', () => {
    expect(() => parseParameters(specs, { ExecutionRoleName: 'elb-config-rules-evaluation' })).not.toThrow();
    expect(engineParameters({ ExecutionRoleName: 'audit-role' })).toEqual({
      executionRoleName: 'audit-role',
    });
    expect(() => engineParameters({ ExecutionRoleName: 'bad role!' })).toThrow(
      /"ExecutionRoleName" must be an IAM role name/,
    );
  });
});
