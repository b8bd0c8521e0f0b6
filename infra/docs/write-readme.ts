// `npm run docs`: regenerates the rule table in README.md from the registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../rules/index.js';
import { REPO_ROOT } from '../paths.js';
import { unpadTables, withRuleTable } from './rule-table.js';

const path = join(REPO_ROOT, 'README.md');
const before = readFileSync(path, 'utf8');
const after = withRuleTable(before, RULES);
const stale = unpadTables(after) !== unpadTables(before);
if (stale) writeFileSync(path, after);
process.stdout.write(stale ? 'README.md rule table regenerated\n' : 'README.md is up to date\n');
