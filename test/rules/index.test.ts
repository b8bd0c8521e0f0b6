// Adding a rule is one folder plus one line in rules/registry.ts. This test fails when a rule folder is not
// registered, when ids collide, or when a rule has no test or no Lambda entry.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiredIamActions } from '../../rules/core/engine/iam.js';
import { ruleParameters } from '../../rules/core/engine/judge.js';
import { SEVERITIES } from '../../rules/core/engine/rule.js';
import { RULES } from '../../rules/index.js';
import * as registry from '../../rules/registry.js';
import type { ParityTable } from '../support/parity.js';

const RULES_DIR = join(import.meta.dirname, '..', '..', 'rules');
/** What the rules share lives in rules/core/; every other folder of rules/ is one rule. */
const SHARED_FOLDER = 'core';
const ruleFolders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== SHARED_FOLDER)
  .map((d) => d.name)
  .sort();

describe('the rule registry', () => {
  it('registers every rule folder, and nothing else', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(ruleFolders);
  });

  it('numbers its lines rule01, rule02, … without a gap', () => {
    const names = Object.keys(registry);
    expect(names).toEqual(names.map((_, i) => `rule${String(i + 1).padStart(2, '0')}`));
  });

  it('holds one line per rule, in the order of RULES', () => {
    const lines = readFileSync(join(RULES_DIR, 'registry.ts'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('export '));
    expect(lines).toHaveLength(RULES.length);
    for (const [i, line] of lines.entries())
      expect(line).toBe(
        `export { rule as rule${String(i + 1).padStart(2, '0')} } from './${RULES[i]?.id}/rule.js';`,
      );
  });

  it('has unique ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(RULES.map((r) => [r.id, r] as const))(
    '%s has a test, a Lambda entry and sound metadata',
    (id, rule) => {
      expect(existsSync(join(import.meta.dirname, id, 'rule.test.ts')), `test/rules/${id}/rule.test.ts`).toBe(
        true,
      );
      const handler = readFileSync(join(RULES_DIR, id, 'handler.ts'), 'utf8');
      expect(handler).toMatch(/export const handler = createHandler\(rule\)/);
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      // A change to a reported resource must trigger the rule, or Config never calls it for one.
      for (const type of rule.resourceTypes) expect(rule.triggers.changes).toContain(type);
      for (const [name, spec] of Object.entries(rule.parameters)) {
        expect((spec as { description: string }).description, `${id}.${name} description`).not.toBe('');
      }
      // The defaults themselves must pass the rule's own validation.
      expect(() => ruleParameters(rule, {})).not.toThrow();
      for (const action of requiredIamActions(rule)) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      expect(requiredIamActions(rule)).toContain('config:PutEvaluations');
    },
  );

  // A control is `equivalent` (or has a parity preset) only where a table of the control's own
  // verdicts proves the rule reproduces them; otherwise it is stricter, looser or related, with a note.
  it.each(RULES.map((r) => [r.id, r] as const))(
    '%s proves every Security Hub parity it claims, and explains every other relation',
    async (id, rule) => {
      const claimed = rule.controls
        .filter((c) => c.framework === 'Security Hub' && (c.parity || c.relation === 'equivalent'))
        .map((c) => c.id)
        .sort();
      const tablesFile = join(import.meta.dirname, id, 'parity.ts');
      const tables: ParityTable[] = existsSync(tablesFile) ? (await import(tablesFile)).PARITY : [];
      expect(tables.map((t) => t.control).sort(), `tables in test/rules/${id}/parity.ts`).toEqual(claimed);
      if (tables.length) expect(existsSync(join(import.meta.dirname, id, 'parity.test.ts'))).toBe(true);
      for (const control of rule.controls) {
        if (control.relation !== 'equivalent') expect(control.note, `${id} ${control.id} note`).toBeTruthy();
      }
    },
  );
});
