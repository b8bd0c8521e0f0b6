// The folder dependency direction written down in rules/core/README.md, enforced on every relative
// import (static, `import type`, re-export and dynamic) under rules/, bin/ and infra/:
//
//   core/model ← core/aws ← core/tls ← core/resources ← core/engine ← core/remediation ← core/checks
//     ← rules/<id> ← rules/registry.ts, rules/index.ts ← bin/, infra/
//   (rules/index.ts may also import rules/core directly)
//
// A folder may import only folders to its left. bin/ and infra/ may import anything in rules/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SCANNED = ['rules', 'bin', 'infra'];
/** rules/core/* folders, lowest first: each may import only those before it. */
const CORE_LAYERS = ['model', 'aws', 'tls', 'resources', 'engine', 'remediation', 'checks'] as const;

const IMPORT =
  /(?:^|[;\s}])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s*['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** The folder a file belongs to, as the direction names it. */
function folderOf(file: string): string {
  const [top, second, third] = relative(ROOT, file).split(sep);
  if (top === 'rules' && second === 'core') return `core/${third}`;
  if (top === 'rules') return third === undefined ? 'rules-index' : `rule:${second}`;
  return top ?? '';
}

/** Every import between two different folders: "from -> to" with the files that make it. */
function folderEdges(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(ROOT + sep) || !SCANNED.includes(relative(ROOT, target).split(sep)[0] ?? ''))
        continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${relative(ROOT, file)} imports ${specifier}`]);
    }
  }
  return edges;
}

/** Strongly connected folder groups of more than one folder (Tarjan). */
function cycles(edges: Iterable<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [from = '', to = ''] = edge.split(' -> ');
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}

const edges = folderEdges();
const edgeList = [...edges.keys()].sort();
const offending = (test: (from: string, to: string) => boolean) =>
  edgeList.filter((e) => test(...(e.split(' -> ') as [string, string]))).flatMap((e) => edges.get(e) ?? []);

describe('the folder dependency direction', () => {
  it('finds the imports it checks', () => {
    // Guards the parser: the engine reads models, rules use the engine, the CLI uses the registry.
    expect(edgeList).toEqual(expect.arrayContaining(['core/engine -> core/model', 'bin -> rules-index']));
    expect(edgeList.some((e) => /^rule:[a-z0-9-]+ -> core\/engine$/.test(e))).toBe(true);
  });

  it('finds a cycle when there is one', () => {
    expect(
      cycles(['core/tls -> core/resources', 'core/resources -> core/engine', 'core/engine -> core/tls']),
    ).toEqual([['core/engine', 'core/resources', 'core/tls']]);
  });

  it('has no folder cycles', () => {
    expect(cycles(edgeList)).toEqual([]);
  });

  it('imports between rules/core folders go only towards the model', () => {
    const layer = (folder: string) =>
      CORE_LAYERS.indexOf(folder.replace('core/', '') as (typeof CORE_LAYERS)[number]);
    for (const folder of edgeList.flatMap((e) => e.split(' -> ')).filter((f) => f.startsWith('core/')))
      expect(layer(folder), `${folder} is not in CORE_LAYERS`).toBeGreaterThanOrEqual(0);
    expect(
      offending((from, to) => from.startsWith('core/') && to.startsWith('core/') && layer(to) > layer(from)),
    ).toEqual([]);
  });

  it('rules/core imports no rule, no registry, nothing from bin/ or infra/', () => {
    expect(offending((from, to) => from.startsWith('core/') && !to.startsWith('core/'))).toEqual([]);
  });

  it('bin/ never imports infra/ (infra/ deploys and runs what bin/ holds, not the reverse)', () => {
    expect(offending((from, to) => from === 'bin' && to === 'infra')).toEqual([]);
  });

  it('no rule imports another rule', () => {
    expect(offending((from, to) => from.startsWith('rule:') && to.startsWith('rule:'))).toEqual([]);
  });

  it("no rule names a path into another rule's folder", () => {
    // A file read by path (a document, a fixture) ties two rules as an import does, unseen by the parser.
    const ruleIds = new Set(
      readdirSync(join(ROOT, 'rules'), { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== 'core')
        .map((e) => e.name),
    );
    const found = [...ruleIds].flatMap((id) =>
      sourceFiles(join(ROOT, 'rules', id)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/['"`]\.\.\/([a-z0-9-]+)\//g)]
          .filter((m) => m[1] !== id && ruleIds.has(m[1] ?? ''))
          .map((m) => `${relative(ROOT, file)} names ${m[0]}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('rules/ imports nothing from bin/ or infra/', () => {
    expect(
      offending((from, to) => !['bin', 'infra'].includes(from) && ['bin', 'infra'].includes(to)),
    ).toEqual([]);
  });

  it('a rule imports only rules/core; the registry only rules and rules/core', () => {
    expect(
      offending((from, to) => from.startsWith('rule:') && !to.startsWith('core/') && !to.startsWith('rule:')),
    ).toEqual([]);
    expect(
      offending((from, to) => from === 'rules-index' && !to.startsWith('core/') && !to.startsWith('rule:')),
    ).toEqual([]);
  });
});
