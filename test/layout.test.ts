// The test tree mirrors the source tree, and emulator tests are marked one way.
//
// Mirroring: a test under test/<root>/ mirrors the source folder its root stands for (SOURCE_ROOTS).
// For test/<root>/<dir>/<name>.<anything>.test.ts, with S = <source root>/<dir>:
//   (a) the file S/<name>.ts exists: the test is named after the module it tests; or
//   (b) <dir> is not empty and the folder S (or the file S.ts) exists: the test sits beside the
//       module folder it tests (a test spanning several modules goes beside the main one).
// A test under test/docs/ may mirror a guide, docs/<name>.md, whose steps or commands it runs.
// A test directly under a root must be named after a source file there (test/rules/<id>.test.ts
// does not mirror the folder rules/<id>/: its test is test/rules/<id>/rule.test.ts). The only other
// tests are the whole-repo tests in WHOLE_REPO_TESTS.
//
// Emulator tests: a test file that starts moto, directly or through a test/ module it imports
// statically, is named *.moto.test.ts; no other test is. Starting moto means importing startMoto
// or startLeanMoto from the moto support helpers.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** test/<key>/ mirrors <value>/. rules/core is mirrored by test/core, never by test/rules/core. */
const SOURCE_ROOTS: Readonly<Record<string, string>> = {
  rules: 'rules',
  core: 'rules/core',
  cli: 'bin/cli',
  hook: 'bin/hook',
  infra: 'infra',
  support: 'test/support',
  docs: 'docs',
};

/** Tests of the repository as a whole, with no one source module as their subject. */
const WHOLE_REPO_TESTS = [
  'test/architecture.test.ts', // folder dependency direction over every source file
  'test/installed-bin.test.ts', // the packed CLI as npm installs it
  'test/layout.test.ts', // this file
  'test/docs/links.test.ts', // every relative link and anchor of every Markdown file
  'test/docs/registry-facts.test.ts', // rule counts, ids and control relations in every doc
];

const MOTO_STARTERS = new Set(['startMoto', 'startLeanMoto']);
const MOTO_SUFFIX = '.moto.test.ts';

type Exists = (repoPath: string) => 'file' | 'folder' | undefined;

const onDisk: Exists = (repoPath) => {
  const path = join(ROOT, repoPath);
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? 'folder' : 'file';
};

/** Whether a test path (repo-relative, / separated) mirrors a source path, by rules (a) and (b). */
function mirrorsSource(testPath: string, exists: Exists): boolean {
  const [top, root, ...rest] = testPath.split('/');
  const file = rest.pop();
  const sourceRoot = root === undefined ? undefined : SOURCE_ROOTS[root];
  if (top !== 'test' || sourceRoot === undefined || file === undefined || !file.endsWith('.test.ts'))
    return false;
  if (root === 'rules' && rest[0] === 'core') return false;
  const folder = [sourceRoot, ...rest].join('/');
  const name = file.slice(0, file.indexOf('.'));
  if (exists(`${folder}/${name}.ts`) === 'file') return true;
  // A guide whose steps or commands a test runs is the source that test mirrors.
  if (root === 'docs' && exists(`${folder}/${name}.md`) === 'file') return true;
  return rest.length > 0 && (exists(folder) === 'folder' || exists(`${folder}.ts`) === 'file');
}

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(\{[^}]*\}|[\w*\s,{}]+?)\s+from\s+'([^']+)'/gm;

/** The names a module imports statically, and the relative modules it imports them from. */
function staticImports(source: string): { names: string[]; specifier: string }[] {
  return [...source.matchAll(STATIC_IMPORT)].map(([, clause = '', specifier = '']) => ({
    specifier,
    names: clause
      .replace(/[{}]/g, '')
      .split(',')
      .map(
        (part) =>
          part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0] ?? '',
      )
      .filter(Boolean),
  }));
}

/** Whether a module starts moto: imports a starter by name, or imports a test/ module that does. */
function startsMoto(file: string, read: (file: string) => string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  return staticImports(read(file)).some(({ names, specifier }) => {
    if (names.some((name) => MOTO_STARTERS.has(name))) return true;
    if (!specifier.startsWith('.')) return false;
    const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
    return (
      target.startsWith(join(ROOT, 'test') + sep) && existsSync(target) && startsMoto(target, read, seen)
    );
  });
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path).split(sep).join('/')] : [];
  });
}

const read = (file: string) => readFileSync(file, 'utf8');
const checked = testFiles(join(ROOT, 'test'));

describe('test layout', () => {
  it('every test mirrors a source path or is a whole-repo test', () => {
    const misplaced = checked.filter(
      (path) => !WHOLE_REPO_TESTS.includes(path) && !mirrorsSource(path, onDisk),
    );
    expect(misplaced).toEqual([]);
  });

  it('a test is named *.moto.test.ts exactly when it starts moto', () => {
    const mismarked = checked.filter(
      (path) => startsMoto(join(ROOT, path), read) !== basename(path).endsWith(MOTO_SUFFIX),
    );
    expect(mismarked).toEqual([]);
  });

  it('lists whole-repo tests that exist', () => {
    const listed = [...WHOLE_REPO_TESTS];
    expect(listed.filter((path) => onDisk(path) !== 'file')).toEqual([]);
  });
});

describe('the layout rules', () => {
  const tree: Record<string, 'file' | 'folder'> = {
    rules: 'folder',
    'rules/alb-https-only': 'folder',
    'rules/alb-https-only/rule.ts': 'file',
    'rules/core': 'folder',
    'rules/core/tls': 'folder',
    'rules/core/tls/catalog.ts': 'file',
    'rules/index.ts': 'file',
    'bin/cli': 'folder',
  };
  const fake: Exists = (path) => tree[path];

  it('accepts a test named after its module, or beside the module folder it tests', () => {
    expect(mirrorsSource('test/rules/alb-https-only/rule.test.ts', fake)).toBe(true);
    expect(mirrorsSource('test/rules/index.test.ts', fake)).toBe(true);
    expect(mirrorsSource('test/core/tls/catalog.moto.test.ts', fake)).toBe(true);
    expect(mirrorsSource('test/core/tls/security-hub-controls.test.ts', fake)).toBe(true);
    expect(mirrorsSource('test/rules/alb-https-only/redirects.test.ts', fake)).toBe(true);
  });

  it('refuses a theme folder, a removed source, a loose top-level name and test/rules/core', () => {
    expect(mirrorsSource('test/network/world-union.test.ts', fake)).toBe(false);
    expect(mirrorsSource('test/rules/retired-rule.test.ts', fake)).toBe(false);
    expect(mirrorsSource('test/rules/alb-https-only.test.ts', fake)).toBe(false);
    expect(mirrorsSource('test/cli/strict-inputs.test.ts', fake)).toBe(false);
    expect(mirrorsSource('test/core/engine/handler.test.ts', fake)).toBe(false);
    expect(mirrorsSource('test/rules/core/tls/catalog.test.ts', fake)).toBe(false);
    expect(mirrorsSource('test/registry.test.ts', fake)).toBe(false);
  });

  it('finds moto started directly or through an imported test helper, and not by a gate check', () => {
    const sources: Record<string, string> = {
      [join(ROOT, 'test/a.test.ts')]: "import { type MotoServer, startMoto } from './support/moto.js';",
      [join(ROOT, 'test/b.test.ts')]: "import {\n  useHarness,\n} from '../test/support/lean-moto.js';",
      [join(ROOT, 'test/support/lean-moto.ts')]: "import { type MotoServer, startMoto } from './moto.js';",
      [join(ROOT, 'test/c.test.ts')]: "import { requireMoto } from './support/moto.js';",
      [join(ROOT, 'test/support/moto.ts')]: 'export async function startMoto() {}',
    };
    const fakeRead = (file: string) => sources[file] ?? '';
    expect(startsMoto(join(ROOT, 'test/a.test.ts'), fakeRead)).toBe(true);
    expect(startsMoto(join(ROOT, 'test/b.test.ts'), fakeRead)).toBe(true);
    expect(startsMoto(join(ROOT, 'test/c.test.ts'), fakeRead)).toBe(false);
  });
});
