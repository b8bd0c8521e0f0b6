import { describe, expect, it } from 'vitest';
import { parseAutomationDocument } from './document.js';
import { interpolate, referencesIn } from './interpolate.js';
import { choiceHolds } from './runner.js';
import { select } from './selector.js';
import { validateDocument } from './validate.js';
import { coerceParameter } from './values.js';

describe('interpolate', () => {
  const values: Record<string, unknown> = { Port: 443, Tags: [{ Key: 'a', Value: 'b' }], Name: 'web' };
  const resolve = (name: string) => {
    if (!(name in values)) throw new Error(`unknown ${name}`);
    return values[name];
  };

  it('keeps the type of a value that is the whole string', () => {
    expect(interpolate({ Port: '{{ Port }}', Tags: '{{Tags}}' }, resolve)).toEqual({
      Port: 443,
      Tags: [{ Key: 'a', Value: 'b' }],
    });
  });

  it('embeds scalars as text and walks lists and maps', () => {
    expect(interpolate(['lb {{ Name }} on {{ Port }}', { deep: ['{{ Name }}'] }], resolve)).toEqual([
      'lb web on 443',
      { deep: ['web'] },
    ]);
  });

  it('refuses to embed a list in text', () => {
    expect(() => interpolate('tags: {{ Tags }}', resolve)).toThrow(/is a list and cannot be embedded/);
  });

  it('lists every reference', () => {
    expect(referencesIn({ a: '{{ A }} and {{ S.Out }}', b: ['{{ automation:EXECUTION_ID }}'] })).toEqual([
      'A',
      'S.Out',
      'automation:EXECUTION_ID',
    ]);
  });
});

describe('select', () => {
  const root = { Listeners: [{ Port: 80, 'odd-key': 'x' }], Empty: null };

  it('follows keys and indexes', () => {
    expect(select(root, '$.Listeners[0].Port')).toEqual({ found: true, value: 80 });
    expect(select(root, "$.Listeners[0]['odd-key']")).toEqual({ found: true, value: 'x' });
    expect(select(root, '$')).toEqual({ found: true, value: root });
  });

  it('reports a missing path as not found', () => {
    expect(select(root, '$.Listeners[3].Port').found).toBe(false);
    expect(select(root, '$.Nope').found).toBe(false);
  });

  it('refuses syntax SSM may not support', () => {
    expect(() => select(root, '$.Listeners[*].Port')).toThrow(/does not support/);
    expect(() => select(root, '$..Port')).toThrow(/does not support/);
    expect(() => select(root, 'Listeners')).toThrow(/must start with \$/);
  });
});

describe('coerceParameter', () => {
  it('turns Config static values (strings) into the declared type', () => {
    expect(coerceParameter('P', { type: 'Integer', description: 'd' }, '443')).toBe(443);
    expect(coerceParameter('B', { type: 'Boolean', description: 'd' }, 'true')).toBe(true);
    expect(coerceParameter('L', { type: 'StringList', description: 'd' }, 'one')).toEqual(['one']);
  });

  it('names the parameter and the expected form when a value is wrong', () => {
    expect(() => coerceParameter('HttpsPort', { type: 'Integer', description: 'd' }, 'x')).toThrow(
      'Parameter HttpsPort (Integer) must be an integer; got "x"',
    );
    expect(() => coerceParameter('DryRun', { type: 'Boolean', description: 'd' }, 'yes')).toThrow(
      /DryRun \(Boolean\) must be true or false/,
    );
    expect(() =>
      coerceParameter('Arn', { type: 'String', description: 'd', allowedPattern: '^arn:' }, 'nope'),
    ).toThrow('Parameter Arn must match ^arn:; got "nope"');
    expect(() =>
      coerceParameter('Mode', { type: 'String', description: 'd', allowedValues: ['a', 'b'] }, 'c'),
    ).toThrow('Parameter Mode must be one of a, b; got "c"');
  });
});

describe('choiceHolds', () => {
  it('evaluates operators and combinators', () => {
    expect(choiceHolds({ Variable: 'apply', StringEquals: 'apply' })).toBe(true);
    expect(choiceHolds({ Variable: false, BooleanEquals: false })).toBe(true);
    expect(choiceHolds({ Variable: 5, NumericGreater: 3 })).toBe(true);
    expect(choiceHolds({ Variable: ['a', 'b'], Contains: 'b' })).toBe(true);
    expect(
      choiceHolds({
        And: [{ Variable: 'apply', StringEquals: 'apply' }, { Not: { Variable: true, BooleanEquals: true } }],
      }),
    ).toBe(false);
    expect(
      choiceHolds({
        Or: [
          { Variable: 'x', StringEquals: 'y' },
          { Variable: 'Hello', EqualsIgnoreCase: 'hello' },
        ],
      }),
    ).toBe(true);
  });

  it('refuses a non-number for a numeric operator', () => {
    expect(() => choiceHolds({ Variable: 'abc', NumericEquals: 1 })).toThrow(/not a number/);
  });
});

describe('validateDocument', () => {
  const doc = (steps: string, extra = '') =>
    parseAutomationDocument(`
schemaVersion: '0.3'
description: test
assumeRole: '{{ AutomationAssumeRole }}'
parameters:
  AutomationAssumeRole: { type: String, description: role }
  Port: { type: Integer, description: port, default: 443 }
${extra}
mainSteps:
${steps}
`);

  it('accepts a sound document', () => {
    const sound = doc(`
  - name: Read
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: DescribeSecurityGroups }
    outputs: [{ Name: Id, Selector: '$.SecurityGroups[0].GroupId', Type: String }]
  - name: Use
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: DescribeSecurityGroups, GroupIds: ['{{ Read.Id }}'] }
    isEnd: true
`);
    expect(validateDocument(sound)).toEqual([]);
  });

  it('finds duplicate names, missing targets, bad references and unreachable steps', () => {
    const broken = doc(`
  - name: A
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: DescribeSecurityGroups, GroupIds: ['{{ B.Id }}', '{{ Nope }}', '{{ A.Missing }}'] }
    nextStep: Ghost
  - name: A
    action: aws:sleep
    inputs: { Duration: 5 seconds }
  - name: B
    action: aws:branch
    inputs: { Choices: [{ NextStep: A, Variable: '{{ Port }}' }] }
    outputs: [{ Name: Id, Selector: '$.x', Type: String }]
`);
    const problems = validateDocument(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'step A: the name is used twice',
        'step A: goes to step Ghost, which does not exist',
        'step A: {{ B.Id }} reads step B, which does not run before it',
        'step A: {{ Nope }} is neither a parameter nor Step.Output',
        'step A: {{ A.Missing }} reads step A, which does not run before it',
        'step A: inputs.Duration must be an ISO 8601 duration such as PT15S (or give a Timestamp)',
        'step B: Choices[0] needs exactly one operator (found 0)',
        'step B: aws:branch declares no outputs',
        'step B: no path from the first step reaches it',
      ]),
    );
  });

  it('checks parameter defaults against their types and patterns', () => {
    const bad = doc(
      `
  - name: A
    action: aws:sleep
    inputs: { Duration: PT1S }
`,
      `  Mode: { type: String, description: m, default: x, allowedValues: [a, b] }
  Flag: { type: Boolean, description: f, default: 'maybe' }`,
    );
    expect(validateDocument(bad)).toEqual([
      'parameter Mode: default: Parameter Mode must be one of a, b; got "x"',
      'parameter Flag: default: Parameter Flag (Boolean) must be true or false; got "maybe"',
    ]);
  });

  it('rejects unknown keys and a wrong schema version at parse time', () => {
    expect(() =>
      parseAutomationDocument(`
schemaVersion: '2.2'
description: x
parameters: {}
mainSteps: [{ name: A, action: aws:sleep, inputs: { Duration: PT1S }, nextstep: B }]
`),
    ).toThrow(/schemaVersion: .*\n.*mainSteps\.0: Unrecognized key: "nextstep"/s);
  });
});
