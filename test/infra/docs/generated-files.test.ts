// Every file `npm run generate` writes (README rule table, docs/rules/<id>.md, conformance packs)
// equals what the generators produce from the registry now, and what they produce documents every
// rule's parameters, controls and remediation. The rule list comes from the registry, never by hand.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, orphanRulePages } from '../../../infra/docs/generated-files.js';
import { defaultText, rebaseLinks, rulePagePath } from '../../../infra/docs/rule-page.js';
import {
  END_MARKER,
  ruleTable,
  START_MARKER,
  unpadTables,
  withRuleTable,
} from '../../../infra/docs/rule-table.js';
import { REPO_ROOT } from '../../../infra/paths.js';
import type { ParamSpec } from '../../../rules/core/engine/parameters.js';
import { RULES } from '../../../rules/index.js';
import { REMEDIATED_FIXTURES } from '../../fixtures/deploy/index.js';

const files = generatedFiles(REPO_ROOT, RULES);

describe('generated files', () => {
  it('cover the README, a page per registered rule and both conformance packs', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toContain('README.md');
    for (const rule of RULES) expect(paths).toContain(rulePagePath(rule.id));
    expect(paths).toContain('conformance-pack/elb-config-rules.yaml');
    expect(paths).toContain('conformance-pack/elb-config-rules-fsbp.yaml');
  });

  it.each(files.map((f) => [f.path, f] as const))('%s is what `npm run generate` writes', (path, file) => {
    const committed = readFileSync(join(REPO_ROOT, path), 'utf8');
    const normalize = file.normalize ?? String;
    expect(normalize(committed), `${path} is stale: run npm run generate`).toBe(normalize(file.content));
  });

  it('leaves no page of an unregistered rule in docs/rules/', () => {
    expect(orphanRulePages(REPO_ROOT, RULES)).toEqual([]);
  });

  it('refuses a rule without notes.md, naming the file', () => {
    const root = mkdtempSync(join(tmpdir(), 'generate-'));
    try {
      writeFileSync(join(root, 'README.md'), `# x\n${START_MARKER}\n${END_MARKER}\n`);
      expect(() => generatedFiles(root, RULES)).toThrow(`rules/${RULES[0]!.id}/notes.md is missing`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('README rule table', () => {
  it('lists every rule once, linked to its page, with its controls and remediation', () => {
    const table = ruleTable([...RULES, ...REMEDIATED_FIXTURES.map((f) => f.rule)]);
    expect(table).toContain(`holds ${RULES.length + REMEDIATED_FIXTURES.length} rules`);
    for (const rule of RULES) {
      const rows = table.split('\n').filter((line) => line.startsWith(`| [\`${rule.id}\`]`));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain(`(docs/rules/${rule.id}.md)`);
      for (const control of rule.controls) expect(rows[0]).toContain(`${control.id} (${control.relation})`);
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

/** A table row's leading cells, whatever padding an editor gave the table. */
function row(...cells: string[]): RegExp {
  const escaped = cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\|\\s*${escaped.join('\\s*\\|\\s*')}\\s*\\|`);
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('docs/rules/%s.md', (id, rule) => {
  const page = files.find((f) => f.path === rulePagePath(id))!.content;

  it('has example annotations from the rule’s notes', () => {
    expect(page).toMatch(/Example annotations/);
  });

  it.each(Object.entries(rule.parameters as Record<string, ParamSpec>))(
    'documents parameter %s with its type and default',
    (name, spec) => {
      expect(page).toMatch(row(`\`${name}\``, spec.type, `\`${defaultText(spec)}\``));
    },
  );

  it('documents every control mapping with its relation', () => {
    for (const control of rule.controls)
      expect(page).toMatch(row(`${control.framework} ${control.id}`, control.relation));
  });

  it('names its triggers, resource types and remediation', () => {
    for (const type of [...rule.triggers.changes, ...rule.resourceTypes])
      expect(page).toContain(`\`${type}\``);
    if (rule.remediation) expect(page).toContain(`\`${rule.remediation.documentName}\``);
  });
});

describe('links in included notes', () => {
  it('are rewritten from the rule folder to docs/rules/', () => {
    const notes = '[a](../../docs/remediation.md#x) [b](rule.ts) [c](https://example.com/a) [d](#local)';
    expect(rebaseLinks(notes, 'rules/some-rule', 'docs/rules')).toBe(
      '[a](../remediation.md#x) [b](../../rules/some-rule/rule.ts) [c](https://example.com/a) [d](#local)',
    );
  });
});
