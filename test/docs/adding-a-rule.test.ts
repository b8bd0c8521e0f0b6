// Walks docs/adding-a-rule.md in a temporary copy of the repository: writes the files its code blocks
// name, adds the one registry line, runs `npm run generate`, and checks that only the rule folder, the
// registry, the rule's test and generated files changed, that the rule's page and README row appear,
// and that the new rule's test, the registry test and the staleness test pass there.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFiles } from '../../infra/docs/generated-files.js';
import { rulePagePath } from '../../infra/docs/rule-page.js';
import { REPO_ROOT } from '../../infra/paths.js';
import { RULES } from '../../rules/index.js';

const GUIDE = readFileSync(join(REPO_ROOT, 'docs/adding-a-rule.md'), 'utf8');
const REGISTRY = 'rules/registry.ts';

/** Code blocks whose info string names a file: ```ts path, or ```ts path (add) for lines to add. */
const blocks = [...GUIDE.matchAll(/^```\w+ (\S+)( \(add\))?\n([\s\S]*?)^```/gm)].map((m) => ({
  path: m[1]!,
  add: m[2] !== undefined,
  text: m[3]!,
}));
const ruleFile = blocks.find((b) => /^rules\/[^/]+\/rule\.ts$/.test(b.path));
const ruleId = ruleFile?.path.split('/')[1] ?? '';
const testFile = blocks.find((b) => b.path.startsWith('test/'))?.path ?? '';

/** A child process environment without this test run's vitest state, and without colours. */
const childEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'FORCE_COLOR'),
  ),
  NO_COLOR: '1',
};
const run = (cwd: string, command: string, args: string[]) =>
  execFileSync(command, args, { cwd, env: childEnv, encoding: 'utf8', stdio: 'pipe' });

/** The registry with the guide's line added at its end. */
function register(registry: string, lines: string): string {
  return `${registry}${lines}`;
}

describe('docs/adding-a-rule.md, walked in a copy of the repository', () => {
  let copy = '';
  let changed: string[] = [];
  let registryDiff = '';

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'adding-a-rule-'));
    const files = run(REPO_ROOT, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
      .split('\0')
      .filter(Boolean);
    for (const file of files) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      try {
        copyFileSync(join(REPO_ROOT, file), join(copy, file));
      } catch (error) {
        // A file deleted in the work tree but still in the index.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
    const git = (...args: string[]) =>
      run(copy, 'git', ['-c', 'user.name=docs', '-c', 'user.email=docs@example.com', ...args]);
    git('init', '-q');
    writeFileSync(join(copy, '.git/info/exclude'), 'node_modules\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'before the new rule');

    for (const block of blocks) {
      const path = join(copy, block.path);
      mkdirSync(dirname(path), { recursive: true });
      if (block.path === REGISTRY && block.add)
        writeFileSync(path, register(readFileSync(path, 'utf8'), block.text));
      else writeFileSync(path, block.text);
    }
    run(copy, 'npm', ['run', '--silent', 'generate']);
    registryDiff = git('diff', '--numstat', '--', REGISTRY);
    changed = git('status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
  }, 240_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('names a new rule folder, its registry entry and its test file', () => {
    expect(ruleId).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(RULES.map((r) => r.id)).not.toContain(ruleId);
    const paths = blocks.map((b) => b.path);
    for (const file of ['rule.ts', 'handler.ts', 'notes.md'])
      expect(paths).toContain(`rules/${ruleId}/${file}`);
    const registryLines = blocks
      .find((b) => b.path === REGISTRY && b.add)
      ?.text.split('\n')
      .filter(Boolean);
    // One line, with the next number: the registry's order is the order of its numbers.
    expect(registryLines).toEqual([
      `export { rule as rule${String(RULES.length + 1).padStart(2, '0')} } from './${ruleId}/rule.js';`,
    ]);
    expect(testFile).toBe(`test/rules/${ruleId}/rule.test.ts`);
  });

  it('changes only the rule folder, the registry, the test file and generated files', () => {
    const generated = new Set([...generatedFiles(REPO_ROOT, RULES).map((f) => f.path), rulePagePath(ruleId)]);
    const unexpected = changed.filter(
      (path) =>
        !path.startsWith(`rules/${ruleId}/`) &&
        path !== REGISTRY &&
        path !== testFile &&
        !generated.has(path),
    );
    expect(unexpected).toEqual([]);
    // The registry change is one added line and nothing else.
    expect(registryDiff).toBe(`1\t0\t${REGISTRY}\n`);
    expect(changed).toEqual(expect.arrayContaining([REGISTRY, testFile, rulePagePath(ruleId), 'README.md']));
  });

  it('generates the rule’s page from its metadata and notes, and its README row', () => {
    const page = readFileSync(join(copy, rulePagePath(ruleId)), 'utf8');
    expect(page).toMatch(new RegExp(`^# \`${ruleId}\`: `));
    expect(page).toMatch(/\| `ownerTagKey` \| string \| `owner` \|/);
    expect(page).toContain('elasticloadbalancing:DescribeTags');
    expect(page).toContain('An empty tag value counts as no owner');
    const readme = readFileSync(join(copy, 'README.md'), 'utf8');
    expect(readme).toContain(`| [\`${ruleId}\`](docs/rules/${ruleId}.md)`);
    expect(readme).toContain(`holds ${RULES.length + 1} rules`);
    const pack = readFileSync(join(copy, 'conformance-pack/elb-config-rules.yaml'), 'utf8');
    expect(pack).toContain(`elb-config-rules-${ruleId}`);
  });

  it('passes the new rule’s test, the registry test and the staleness test there', () => {
    const output = run(copy, 'npx', [
      'vitest',
      'run',
      testFile,
      'test/rules/index.test.ts',
      'test/infra/docs/generated-files.test.ts',
    ]);
    expect(output).toMatch(/Test Files\s+3 passed/);
  }, 240_000);
});
