// The verdicts of infrastructure code, before deployment (scan) and after it (the live audit of
// what the code created), keyed the same way: by the code's own id (logical id, Terraform
// address), then by rule. A fixture's expected verdicts live beside it in the same shape.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../../bin/cli/main.js';

export type Verdict = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';
/** Verdicts by the code's id, then by rule id. */
export type VerdictTable = Record<string, Record<string, Verdict>>;

export const FIXTURES = 'test/fixtures/code';
const EXPECTED = join(FIXTURES, 'expected');

/** test/fixtures/code/expected/<path under test/fixtures/code>.json */
export function expectedFile(fixture: string): string {
  return join(EXPECTED, `${relative(FIXTURES, fixture)}.json`);
}

export function expectedVerdicts(fixture: string): VerdictTable {
  const file = expectedFile(fixture);
  if (!existsSync(file)) throw new Error(`${fixture}: no expected verdicts (write ${file})`);
  return JSON.parse(readFileSync(file, 'utf8')) as VerdictTable;
}

interface Report {
  evaluations: { ruleId: string; resourceId: string; resourceName: string; complianceType: Verdict }[];
}

async function reportOf(args: string[]): Promise<Report> {
  const output = join(mkdtempSync(join(tmpdir(), 'verdicts-')), 'report.json');
  const code = await main(['node', 'elb-config-rules', ...args, '--format', 'json', '--output', output]);
  process.exitCode = undefined;
  if (code !== 0) throw new Error(`elb-config-rules ${args.join(' ')} exited ${code}`);
  return JSON.parse(readFileSync(output, 'utf8')) as Report;
}

function set(out: VerdictTable, id: string, ruleId: string, verdict: Verdict): void {
  const byRule = out[id] ?? {};
  out[id] = byRule;
  byRule[ruleId] = verdict;
}

function table(entries: Iterable<[id: string, ruleId: string, verdict: Verdict]>): VerdictTable {
  const out: VerdictTable = {};
  for (const [id, ruleId, verdict] of entries) {
    if (out[id]?.[ruleId] !== undefined) throw new Error(`${id}: two verdicts of ${ruleId}`);
    set(out, id, ruleId, verdict);
  }
  return sorted(out);
}

/** What `scan` says of a fixture with every rule at its defaults. */
export async function scanVerdicts(fixture: string): Promise<VerdictTable> {
  const report = await reportOf(['scan', fixture]);
  return table(report.evaluations.map((e) => [e.resourceId, e.ruleId, e.complianceType]));
}

/**
 * What the live audit says of the load balancers a fixture created, by the fixture's id.
 * `names` maps each fixture id to the live load balancer's name; others are left out.
 */
export async function liveVerdicts(
  names: ReadonlyMap<string, string>,
  region: string,
): Promise<VerdictTable> {
  const idOf = new Map([...names].map(([id, name]) => [name, id]));
  const report = await reportOf(['audit', '--region', region, '--no-progress']);
  return table(
    report.evaluations.flatMap((e) => {
      const id = idOf.get(e.resourceName);
      return id === undefined ? [] : [[id, e.ruleId, e.complianceType] as [string, string, Verdict]];
    }),
  );
}

/** The verdicts scan could reach (not INSUFFICIENT_DATA): the ones deployment must confirm. */
export function decided(verdicts: VerdictTable): VerdictTable {
  const out: VerdictTable = {};
  for (const [id, byRule] of Object.entries(verdicts))
    for (const [ruleId, verdict] of Object.entries(byRule))
      if (verdict !== 'INSUFFICIENT_DATA') set(out, id, ruleId, verdict);
  return out;
}

/** The same table with every decided verdict as the other table has it (undefined when missing). */
export function asSeenBy(expected: VerdictTable, other: VerdictTable): VerdictTable {
  const out: VerdictTable = {};
  for (const [id, byRule] of Object.entries(expected))
    for (const ruleId of Object.keys(byRule)) set(out, id, ruleId, other[id]?.[ruleId] as Verdict);
  return out;
}

function sorted(verdicts: VerdictTable): VerdictTable {
  return Object.fromEntries(
    Object.keys(verdicts)
      .sort()
      .map((id) => [
        id,
        Object.fromEntries(
          Object.keys(verdicts[id] ?? {})
            .sort()
            .map((r) => [r, verdicts[id]?.[r] as Verdict]),
        ),
      ]),
  );
}
