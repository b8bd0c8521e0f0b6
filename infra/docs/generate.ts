// `npm run generate`: writes every generated file (README rule table, docs/rules/<id>.md, the
// conformance packs) from the registry, and removes pages of rules no longer registered.
// test/infra/docs/generated-files.test.ts fails when a committed file differs from what this writes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES } from '../../rules/index.js';
import { REPO_ROOT } from '../paths.js';
import { generatedFiles, orphanRulePages } from './generated-files.js';

let changed = 0;
for (const file of generatedFiles(REPO_ROOT, RULES)) {
  const path = join(REPO_ROOT, file.path);
  let before: string | undefined;
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    before = undefined;
  }
  const same =
    before !== undefined && (file.normalize ?? String)(before) === (file.normalize ?? String)(file.content);
  if (same) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content);
  process.stdout.write(`wrote ${file.path}\n`);
  changed++;
}
for (const orphan of orphanRulePages(REPO_ROOT, RULES)) {
  rmSync(join(REPO_ROOT, orphan));
  process.stdout.write(`removed ${orphan}\n`);
  changed++;
}
process.stdout.write(
  changed ? `${changed} generated file(s) updated\n` : 'every generated file is up to date\n',
);
