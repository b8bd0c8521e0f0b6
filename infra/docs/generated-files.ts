// Every file `npm run generate` writes, rendered in memory from the registry. The staleness test
// compares each with the committed file; the writer writes them. One list, so neither can miss one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { PACK_FILES, renderPack } from '../conformance-pack/write.js';
import { RULE_PAGES_DIR, renderRulePage, ruleNotesPath, rulePagePath } from './rule-page.js';
import { unpadTables, withRuleTable } from './rule-table.js';

export interface GeneratedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  content: string;
  /** How to compare it with the committed file (README tables may be aligned by an editor). */
  normalize?: (text: string) => string;
}

export function generatedFiles(root: string, rules: readonly AnyRule[]): GeneratedFile[] {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const notes = (rule: AnyRule) => {
    const path = ruleNotesPath(rule.id);
    if (!existsSync(join(root, path)))
      throw new Error(
        `${path} is missing: every rule keeps its hand-written notes there (docs/adding-a-rule.md)`,
      );
    return read(path);
  };
  return [
    { path: 'README.md', content: withRuleTable(read('README.md'), rules), normalize: unpadTables },
    ...rules.map((rule) => ({ path: rulePagePath(rule.id), content: renderRulePage(rule, notes(rule)) })),
    ...(Object.entries(PACK_FILES) as [keyof typeof PACK_FILES, string][]).map(([variant, file]) => ({
      path: `conformance-pack/${file}`,
      content: renderPack(variant),
    })),
  ];
}

/** Pages in docs/rules/ that no registered rule generates (a removed or renamed rule's page). */
export function orphanRulePages(root: string, rules: readonly AnyRule[]): string[] {
  const dir = join(root, RULE_PAGES_DIR);
  if (!existsSync(dir)) return [];
  const expected = new Set(rules.map((r) => rulePagePath(r.id)));
  return readdirSync(dir)
    .map((name) => `${RULE_PAGES_DIR}/${name}`)
    .filter((path) => path.endsWith('.md') && !expected.has(path));
}
