import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  END_MARKER,
  ruleTable,
  START_MARKER,
  unpadTables,
  withRuleTable,
} from '../../infra/docs/rule-table.js';
import { REPO_ROOT } from '../../infra/paths.js';
import { RULES } from '../../rules/index.js';
import { REMEDIATED_FIXTURES } from '../fixtures/deploy/index.js';

describe('README rule table', () => {
  it('is what `npm run docs` generates from the registry', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    // Compared without cell padding: biome aligns Markdown tables after npm run docs writes them.
    expect(unpadTables(readme), 'README.md rule table is stale: run npm run docs').toBe(
      unpadTables(withRuleTable(readme, RULES)),
    );
  });

  it('lists every rule once, with its parameters, controls and remediation', () => {
    const table = ruleTable([...RULES, ...REMEDIATED_FIXTURES.map((f) => f.rule)]);
    for (const rule of RULES) {
      expect(table.split('\n').filter((line) => line.startsWith(`| \`${rule.id}\``))).toHaveLength(1);
      for (const name of Object.keys(rule.parameters)) expect(table).toContain(`\`${name}\``);
      for (const control of rule.controls) expect(table).toContain(control.id);
    }
    expect(table).toContain('`ElbConfigRules-FixtureRemovePlaintextListeners` (our SSM document)');
    expect(table).toContain('`AWSConfigRemediation-EnableELBDeletionProtection` (AWS-managed runbook)');
  });

  it('notices a changed cell even when the table is padded', () => {
    const readme = withRuleTable(`# x\n${START_MARKER}\n${END_MARKER}\n`, RULES);
    const padded = readme.replace('| high |', '|   high   |');
    expect(unpadTables(padded)).toBe(unpadTables(readme));
    expect(unpadTables(readme.replace('| high |', '| low |'))).not.toBe(unpadTables(readme));
  });

  it('refuses a README without the markers', () => {
    expect(() => withRuleTable('# no markers', RULES)).toThrow(`${START_MARKER} followed by ${END_MARKER}`);
  });
});
