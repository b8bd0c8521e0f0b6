// Every error of the project shares one base that carries its exit code; the CLI reads that code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../bin/cli/usage-error.js';
import { InvalidEventError } from '../../../rules/core/engine/event.js';
import { IncompleteEvaluationError } from '../../../rules/core/engine/handler.js';
import { InvalidParameterError } from '../../../rules/core/engine/parameters.js';
import { ElbConfigRulesError, EXIT_RUNTIME_FAILURE, EXIT_USAGE } from '../../../rules/core/model/errors.js';
import { InvalidConfigurationItemError } from '../../../rules/core/resources/config-item/item.js';
import { InvalidCidrError } from '../../../rules/core/resources/network/cidr.js';
import { SnapshotError } from '../../../rules/core/resources/snapshot/load.js';
import { UnknownRuleError } from '../../../rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The AWS session keeps its own error until AWS access has one home; the CLI maps it by class. */
const OUTSIDE_THE_BASE = [
  'bin/cli/aws-session.ts: ProfileNotFoundError',
  'rules/core/model/errors.ts: ElbConfigRulesError',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the errors', () => {
  it('extend the shared base, not Error', () => {
    const direct = ['rules', 'bin', 'infra']
      .flatMap((d) => sources(join(ROOT, d)))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends Error\b/g)].map(
          (m) => `${relative(ROOT, file)}: ${m[1]}`,
        ),
      );
    expect(direct.sort()).toEqual(OUTSIDE_THE_BASE);
  });

  it('carry exit code 2 when the input is at fault, 1 otherwise, and keep their names', () => {
    const input = [
      new UsageError('x'),
      new SnapshotError('x'),
      new InvalidParameterError('x'),
      new InvalidEventError('x'),
      new InvalidConfigurationItemError('x'),
      new UnknownRuleError('x'),
    ];
    for (const error of input) {
      expect(error).toBeInstanceOf(ElbConfigRulesError);
      expect(error.exitCode, error.name).toBe(EXIT_USAGE);
    }
    expect(input.map((e) => e.name)).toEqual([
      'UsageError',
      'SnapshotError',
      'InvalidParameterError',
      'InvalidEventError',
      'InvalidConfigurationItemError',
      'UnknownRuleError',
    ]);
    for (const error of [new InvalidCidrError('x'), new IncompleteEvaluationError('x')])
      expect(error.exitCode, error.name).toBe(EXIT_RUNTIME_FAILURE);
  });
});
