// Property: scan never reports COMPLIANT on a value the code does not fix. For every property of
// every resource of a template whose values the rules read (full-known.yaml), and for every leaf
// of every resource of a Terraform plan: replace the value by an unresolved one (a Ref to a
// parameter without a default; "known after apply") and by concrete alternatives (another protocol,
// CIDR, flag, or nothing at all). A rule whose verdict any concrete alternative changes reads the
// value, so with the value unresolved it must say INSUFFICIENT_DATA; no rule may turn COMPLIANT
// from something else. The cases come from the fixtures, not by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runScan } from '../../../../bin/cli/scan/run-scan.js';
import type { Evaluation } from '../../../../rules/core/engine/judge.js';
import { parseTemplate } from '../../../../rules/core/resources/code/cloudformation/template.js';
import { cloudFormationRecords } from '../../../../rules/core/resources/code/cloudformation/to-records.js';
import { UNKNOWN_SCOPE } from '../../../../rules/core/resources/code/record.js';
import { terraformRecords } from '../../../../rules/core/resources/code/terraform/plan.js';
import { RULES } from '../../../../rules/index.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
type Json = Record<string, unknown>;
type Path = (string | number)[];

const SWAPS: Record<string, string> = {
  HTTP: 'HTTPS',
  HTTPS: 'HTTP',
  TCP: 'TLS',
  TLS: 'TCP',
  '0.0.0.0/0': '10.0.0.0/8',
  '10.0.0.0/16': '0.0.0.0/0',
  'internet-facing': 'internal',
  internal: 'internet-facing',
  true: 'false',
  false: 'true',
  forward: 'fixed-response',
  redirect: 'forward',
  strictest: 'monitor',
  defensive: 'monitor',
  application: 'network',
  network: 'application',
  'ELBSecurityPolicy-TLS13-1-2-2021-06': 'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-TLS-1-2-2017-01': 'ELBSecurityPolicy-2016-08',
  http: 'https',
  https: 'http',
  tcp: '-1',
};

/** Concrete values a field could have instead; `undefined` removes it. */
function alternatives(value: unknown): unknown[] {
  if (typeof value === 'boolean') return [!value, undefined];
  if (typeof value === 'number') return [value === 443 ? 80 : 443, 0, undefined];
  if (typeof value === 'string')
    return [
      SWAPS[value] ?? `${value}-other`,
      value.startsWith('arn:aws:acm') ? value.replace(':acm:', ':iam:') : '',
      undefined,
    ];
  return [undefined];
}

function leaves(value: unknown, at: Path, out: Path[]): Path[] {
  if (at.length) out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) leaves(v, [...at, i], out);
  } else if (
    value &&
    typeof value === 'object' &&
    !('Ref' in value) &&
    !Object.keys(value).some((k) => k.startsWith('Fn::'))
  )
    for (const [k, v] of Object.entries(value)) leaves(v, [...at, k], out);
  return out;
}

function setAt(doc: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(doc) as Json;
  let target: Json = copy;
  for (const key of path.slice(0, -1)) target = target[key as string] as Json;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(target)) target.splice(last as number, 1);
    else delete target[last as string];
  } else target[last as string] = value;
  return copy;
}

function getAt(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Json)[k as string], doc);
}

type Verdicts = Map<string, Evaluation>;

async function scan(records: ReturnType<typeof cloudFormationRecords>): Promise<Verdicts> {
  const result = await runScan([{ file: 'f', format: 'cloudformation', records }], {
    rules: RULES,
    now: NOW,
  });
  return new Map(result.evaluations.map((e) => [`${e.ruleId} ${e.resourceId}`, e]));
}

const CFN = parse(readFileSync('test/fixtures/code/own/full-known.yaml', 'utf8'), {
  customTags: ['Ref', 'GetAtt'].flatMap((fn) => [
    { tag: `!${fn}`, resolve: (v: string) => (fn === 'Ref' ? { Ref: v } : { 'Fn::GetAtt': v.split('.') }) },
  ]),
}) as Json;
(CFN.Parameters as Json).Unresolved = { Type: 'String' };

const cfnScan = (doc: unknown) => {
  const template = parseTemplate(JSON.stringify(doc), 'f');
  if (!template) throw new Error('not a template');
  return scan(cloudFormationRecords(template, UNKNOWN_SCOPE));
};

async function check(
  base: Verdicts,
  unresolved: Verdicts,
  concrete: Verdicts[],
  where: string,
  problems: string[],
): Promise<void> {
  for (const [key, before] of base) {
    const now = unresolved.get(key);
    if (!now) continue;
    const reads = concrete.some((c) => c.get(key)?.complianceType !== before.complianceType);
    if (now.complianceType === 'COMPLIANT' && before.complianceType !== 'COMPLIANT')
      problems.push(`${where}: ${key} turned COMPLIANT`);
    if (reads && now.complianceType !== 'INSUFFICIENT_DATA')
      problems.push(`${where}: ${key} reads it, yet says ${now.complianceType} with it unresolved`);
  }
}

describe('scan on values the code leaves unknown', () => {
  it('a CloudFormation property the rules read, unresolved, gives INSUFFICIENT_DATA and never COMPLIANT', async () => {
    const base = await cfnScan(CFN);
    expect([...base.values()].filter((e) => e.complianceType === 'COMPLIANT').length).toBeGreaterThan(15);
    const problems: string[] = [];
    let cases = 0;
    for (const [id, resource] of Object.entries(CFN.Resources as Json)) {
      // Properties is a map in every template; each property in it can be unresolved.
      const properties = leaves((resource as Json).Properties, ['Resources', id, 'Properties'], []).slice(1);
      for (const path of properties) {
        const value = getAt(CFN, path);
        cases++;
        const unresolved = await cfnScan(setAt(CFN, path, { Ref: 'Unresolved' }));
        const concrete = await Promise.all(alternatives(value).map((alt) => cfnScan(setAt(CFN, path, alt))));
        await check(base, unresolved, concrete, path.join('.'), problems);
      }
    }
    expect(cases).toBeGreaterThan(80);
    expect(problems).toEqual([]);
  }, 120_000);

  it.each([
    ['web-alb.tfplan.json', 40],
    ['classic-tls.tfplan.json', 60],
    ['edge-rules.tfplan.json', 80],
  ])(
    'a Terraform value known only after apply gives INSUFFICIENT_DATA to the rules that read it, never COMPLIANT (%s)',
    async (file, minCases) => {
      const plan = JSON.parse(readFileSync(`test/fixtures/code/terraform/${file}`, 'utf8')) as Json;
      const tfScan = (doc: Json) =>
        runScan([{ file: 'f', format: 'terraform', records: terraformRecords(doc, 'f', UNKNOWN_SCOPE) }], {
          rules: RULES,
          now: NOW,
        }).then((r) => new Map(r.evaluations.map((e) => [`${e.ruleId} ${e.resourceId}`, e])));
      const base = await tfScan(plan);
      const problems: string[] = [];
      let cases = 0;
      const changes = plan.resource_changes as Json[];
      for (const [i, change] of changes.entries()) {
        const after = (change.change as Json).after;
        for (const path of leaves(after, [], [])) {
          const full: Path = ['resource_changes', i, 'change', 'after', ...path];
          const value = getAt(plan, full);
          if (value === null) continue;
          cases++;
          // Unknown after apply: gone from `after` (and from planned_values), true in `after_unknown`.
          let unknown = setAt(plan, full, undefined) as Json;
          unknown = setAt(unknown, ['planned_values'], { root_module: { resources: [] } }) as Json;
          const flags = (unknown.resource_changes as Json[])[i]!.change as Json;
          flags.after_unknown = setPath(flags.after_unknown, path, true);
          const unresolved = await tfScan(unknown);
          const concrete = await Promise.all(
            alternatives(value).map((alt) =>
              tfScan(
                setAt(setAt(plan, full, alt === undefined ? null : alt), ['planned_values'], {
                  root_module: { resources: [] },
                }) as Json,
              ),
            ),
          );
          await check(base, unresolved, concrete, `${change.address}.${path.join('.')}`, problems);
        }
      }
      expect(cases).toBeGreaterThan(minCases);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});

function setPath(target: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = (
    target && typeof target === 'object' ? structuredClone(target) : typeof head === 'number' ? [] : {}
  ) as Json;
  base[head as string] = setPath(base[head as string], rest, value);
  return base;
}
