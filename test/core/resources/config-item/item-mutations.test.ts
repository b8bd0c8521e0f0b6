// Property: for every rule and every configuration-item field its facets' schemas declare,
// removing the field, nulling it or giving it the wrong type never turns a NON_COMPLIANT load
// balancer COMPLIANT. Cases come from the recorded sample estate and the item schemas, not by hand.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { judge, ruleParameters } from '../../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../../rules/core/engine/rule.js';
import type { LoadBalancer, SecurityGroup } from '../../../../rules/core/model/model.js';
import { affectedBy } from '../../../../rules/core/resources/affected.js';
import { normalizeConfigurationItem } from '../../../../rules/core/resources/config-item/item.js';
import { itemParts } from '../../../../rules/core/resources/config-item/schemas.js';
import { securityGroups } from '../../../../rules/core/resources/facets/security-groups.js';
import { failed } from '../../../../rules/core/resources/fetched.js';
import type { RegionSnapshot } from '../../../../rules/core/resources/snapshot/format.js';
import { readSnapshots } from '../../../../rules/core/resources/snapshot/load.js';
import { SnapshotEstate } from '../../../../rules/core/resources/snapshot/snapshot-estate.js';
import { RULES } from '../../../../rules/index.js';
import { loadBalancerItem, securityGroupItem } from '../../../support/render-items.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const [region] = readSnapshots(['rules/core/resources/sample-estate']) as [RegionSnapshot];

/** The recorded estate stands for the live APIs; `down` makes every live load balancer read fail. */
class Live extends SnapshotEstate {
  constructor(private readonly down: boolean) {
    super(region);
  }
  override async getLoadBalancer(ref: { resourceType: string; resourceId: string }) {
    return this.down
      ? failed('ServiceUnavailable', `${ref.resourceId}: unavailable`)
      : super.getLoadBalancer(ref);
  }
}

type Json = Record<string, unknown>;
type Path = (string | number)[];

function wrongTypeOf(value: unknown): unknown {
  if (Array.isArray(value)) return { 0: value[0] };
  if (value === null) return 0;
  switch (typeof value) {
    case 'string':
      return 42;
    case 'number':
      return String(value);
    case 'boolean':
      return String(value);
    default:
      return 'x';
  }
}

/** Every path the schema declares that the value holds, walking both together. */
function declaredPaths(schema: z.ZodType, value: unknown, at: Path): Path[] {
  const def = (schema as unknown as { def: Json }).def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return declaredPaths(def.innerType as z.ZodType, value, at);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => declaredPaths(o, value, at)).filter(unique());
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((v, i) => declaredPaths(def.element as z.ZodType, v, [...at, i]))
        : [];
    case 'object': {
      if (!value || typeof value !== 'object') return [];
      const out: Path[] = [];
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const actual = Object.keys(value).find((k) => k.toLowerCase() === key);
        if (actual === undefined) continue;
        out.push([...at, actual], ...declaredPaths(child, (value as Json)[actual], [...at, actual]));
      }
      return out;
    }
    case 'record':
      return value && typeof value === 'object' ? Object.keys(value).map((k) => [...at, k]) : [];
    default:
      return [];
  }
}

function unique() {
  const seen = new Set<string>();
  return (p: Path) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

function mutate(item: unknown, path: Path, how: 'removed' | 'null' | 'wrong type'): unknown {
  const copy = structuredClone(item) as Json;
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = parent[step as string] as Json;
  const last = path.at(-1) as string;
  if (how === 'removed') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = how === 'null' ? null : wrongTypeOf(parent[last]);
  return copy;
}

function valueAt(item: unknown, path: readonly string[]): unknown {
  let v: unknown = item;
  for (const step of path) v = (v as Json | undefined)?.[step];
  return v;
}

async function verdict(rule: AnyRule, raw: unknown, target: LoadBalancer, down: boolean) {
  const estate = new Live(down);
  const affected = await affectedBy(normalizeConfigurationItem(raw), estate, false).catch((error: unknown) =>
    failed('Threw', String(error)),
  );
  if (!affected.ok) return 'INSUFFICIENT_DATA';
  if (affected.value.type !== 'judge') return `nothing (${affected.value.type})`;
  const lb = affected.value.loadBalancers.find((l) => l.resourceId === target.resourceId);
  if (!lb) return 'not judged';
  return (await judge(rule, lb, estate, ruleParameters(rule, {}), NOW)).complianceType;
}

interface Case {
  rule: AnyRule;
  lb: LoadBalancer;
  item: unknown;
  paths: Path[];
}

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const rule of RULES) {
    for (const record of region.loadBalancers) {
      const lb = record.loadBalancer;
      const truth = await judge(rule, lb, new SnapshotEstate(region), ruleParameters(rule, {}), NOW);
      if (truth.complianceType !== 'NON_COMPLIANT') continue;
      const lbItem = loadBalancerItem(lb, record.facets);
      const lbPaths = itemParts(lbItem.resourceType, lb.kind)
        .filter((part) => part.facets.length === 0 || part.facets.some((f) => rule.needs.includes(f)))
        .flatMap((part) =>
          declaredPaths(part.schema, valueAt(lbItem, part.path), [...part.path]).concat([[...part.path]]),
        );
      out.push({ rule, lb, item: lbItem, paths: lbPaths });
      if (!rule.needs.includes(securityGroups)) continue;
      for (const group of (record.facets.securityGroups ?? []) as SecurityGroup[]) {
        const sgItem = securityGroupItem(group, lb);
        const [part] = itemParts(sgItem.resourceType);
        if (!part) continue;
        const paths = declaredPaths(part.schema, sgItem.configuration, ['configuration']).concat([
          ['configuration'],
        ]);
        out.push({ rule, lb, item: sgItem, paths });
      }
    }
  }
  return out;
}

describe('no missing, null or mistyped item field turns NON_COMPLIANT into COMPLIANT', () => {
  it('holds for every rule, every field its facets read, live answering or failing', async () => {
    const all = await cases();
    const rulesCovered = new Set(all.map((c) => c.rule.id));
    let tried = 0;
    const wrongCompliant: string[] = [];
    const wrongNotApplicable: string[] = [];
    const baseline: string[] = [];
    for (const c of all) {
      const base = await verdict(c.rule, c.item, c.lb, false);
      if (base !== 'NON_COMPLIANT') baseline.push(`${c.rule.id} ${c.lb.name}: ${base}`);
      for (const path of c.paths) {
        for (const how of ['removed', 'null', 'wrong type'] as const) {
          const raw = mutate(c.item, path, how);
          for (const down of [false, true]) {
            tried++;
            const got = await verdict(c.rule, raw, c.lb, down);
            const what = `${c.rule.id} ${c.lb.name} ${path.join('.')} ${how}${down ? ' (live down)' : ''}: ${got}`;
            if (got === 'COMPLIANT') wrongCompliant.push(what);
            if (got === 'NOT_APPLICABLE') wrongNotApplicable.push(what);
          }
        }
      }
    }
    console.info(
      `item mutations: ${tried} cases over ${all.length} items, ${rulesCovered.size} rules; ` +
        `wrong COMPLIANT ${wrongCompliant.length}, wrong NOT_APPLICABLE ${wrongNotApplicable.length}`,
    );
    expect(baseline).toEqual([]);
    expect(rulesCovered.size).toBe(RULES.length);
    expect(tried).toBeGreaterThan(5000);
    expect(wrongCompliant).toEqual([]);
    expect(wrongNotApplicable).toEqual([]);
  }, 120_000);
});
