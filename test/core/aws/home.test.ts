// AWS access has one home that both the Lambda and the CLI use, and it stands on its own:
// nothing in rules/core/aws imports the engine, the resources, the TLS catalog, a rule or the CLI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callName } from '../../../rules/core/aws/call-name.js';
import { ROOT } from '../../support/cli.js';

const HOME = join(ROOT, 'rules', 'core', 'aws');

describe('rules/core/aws', () => {
  it('imports only its own files and packages', () => {
    const files = readdirSync(HOME).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const outside = files.flatMap((file) =>
      [...readFileSync(join(HOME, file), 'utf8').matchAll(/from\s+'(\.[^']*)'/g)]
        .map((m) => m[1] ?? '')
        .filter((spec) => !spec.startsWith('./'))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('names a call "Client.Command" without the suffixes, for counters and per-API limits alike', () => {
    expect(
      callName({ clientName: 'ElasticLoadBalancingV2Client', commandName: 'DescribeRulesCommand' }),
    ).toBe('ElasticLoadBalancingV2.DescribeRules');
  });

  it('is where the Lambda and the CLI take their clients, naming and credentials from', () => {
    const uses = (path: string) => readFileSync(join(ROOT, path), 'utf8');
    expect(uses('rules/core/engine/handler.ts')).toMatch(/from '\.\.\/aws\/credentials\.js'/);
    expect(uses('bin/cli/aws-session.ts')).toMatch(/from '\.\.\/\.\.\/rules\/core\/aws\/renewal\.js'/);
    expect(uses('bin/cli/audit/audit-aws.ts')).toMatch(
      /from '\.\.\/\.\.\/\.\.\/rules\/core\/aws\/call-name\.js'/,
    );
    expect(uses('rules/core/aws/regional-aws.ts')).toMatch(/from '\.\/call-name\.js'/);
  });
});
