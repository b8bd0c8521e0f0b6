// Parity tables: a Security Hub control's verdict for a resource, beside what the rule says with
// the mapping's parity preset. A mapping is `equivalent` only when a table proves it.
//
// A rule's tables live in test/rules/<id>/parity.ts (exported as PARITY) and run from
// test/rules/<id>/parity.test.ts with checkParity(); test/rules/index.test.ts requires a table for
// every Security Hub mapping that is equivalent or names a parity preset.
import { describe, expect, it } from 'vitest';
import { judge, ruleParameters } from '../../rules/core/engine/judge.js';
import type { ComplianceType } from '../../rules/core/engine/outcome.js';
import type { AnyRule, ControlMapping } from '../../rules/core/engine/rule.js';
import type { LoadBalancer } from '../../rules/core/model/model.js';
import { SnapshotEstate } from '../../rules/core/resources/snapshot/snapshot-estate.js';
import { NOW } from './judge-item.js';

/** The verdict Security Hub gives the resource (the control's finding status). */
export type ControlVerdict = 'PASSED' | 'FAILED' | 'NOT_APPLICABLE';

export interface ParityCase {
  /** What the case is, in the control's words where it has them. */
  name: string;
  lb: LoadBalancer;
  /** Facet values by facet key, as a snapshot records them. */
  facets?: Record<string, unknown>;
  control: ControlVerdict;
}

export interface ParityTable {
  /** The Security Hub control id, e.g. ELB.9. */
  control: string;
  /** Where the control's semantics come from (the control text and its managed rule's page). */
  source: string;
  cases: readonly ParityCase[];
}

const VERDICT_OF: Partial<Record<ComplianceType, ControlVerdict>> = {
  COMPLIANT: 'PASSED',
  NON_COMPLIANT: 'FAILED',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
};

/** The Security Hub mapping a table is for; parity needs one with a preset or an equivalent relation. */
export function parityMapping(rule: AnyRule, control: string): ControlMapping | undefined {
  return rule.controls.find(
    (c) => c.framework === 'Security Hub' && c.id === control && (c.parity || c.relation === 'equivalent'),
  );
}

/** Runs each case through judge() with the mapping's parity preset and expects the control's verdict. */
export function checkParity(rule: AnyRule, tables: readonly ParityTable[]): void {
  for (const table of tables) {
    describe(`${rule.id} parity with Security Hub ${table.control}`, () => {
      it('maps the control with a parity preset or as equivalent', () => {
        expect(parityMapping(rule, table.control)).toBeDefined();
      });

      it('has cases that pass and cases that fail', () => {
        const verdicts = new Set(table.cases.map((c) => c.control));
        expect(verdicts).toContain('PASSED');
        expect(verdicts).toContain('FAILED');
      });

      it.each(table.cases.map((c) => [c.name, c] as const))('%s', async (_name, parityCase) => {
        const mapping = parityMapping(rule, table.control);
        const params = ruleParameters(rule, { ...(mapping?.parity ?? {}) });
        const estate = new SnapshotEstate({
          accountId: parityCase.lb.accountId,
          region: parityCase.lb.region,
          loadBalancers: [{ loadBalancer: parityCase.lb, facets: parityCase.facets ?? {} }],
        });
        const evaluation = await judge(rule, parityCase.lb, estate, params, NOW);
        expect(VERDICT_OF[evaluation.complianceType], evaluation.annotation).toBe(parityCase.control);
      });
    });
  }
}
