// Terraform plans (terraform show -json) into the models. Values come from resource_changes
// (`after`, with `after_unknown` marking what is known only after apply) or, in a plan without
// changes, from planned_values. A child finds its load balancer by a known ARN or, when the ARN is
// known only after apply, by the references the plan's `configuration` records.

import { isObject, type Json } from '../../shape.js';
import { withDerivedFacets } from '../derived-facets.js';
import type { ArnScope, CodeRecord } from '../record.js';
import { Unknown } from '../unknown.js';
import { type PlannedResource, terraformModels } from './to-records.js';

export function isTerraformPlan(json: unknown): json is Json {
  return (
    isObject(json) &&
    typeof json.format_version === 'string' &&
    (isObject(json.planned_values) || Array.isArray(json.resource_changes))
  );
}

export function terraformRecords(plan: Json, file: string, scope: ArnScope): CodeRecord[] {
  return terraformModels(plannedResources(plan), file, scope).map(withDerivedFacets);
}

/** The plan's managed resources that will exist after apply, with their values and references. */
export function plannedResources(plan: Json): PlannedResource[] {
  const references = configurationReferences(plan.configuration);
  const resources = new Map<string, PlannedResource>();
  for (const r of plannedValues(plan.planned_values)) resources.set(r.address, r);
  for (const change of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (!isObject(change) || typeof change.address !== 'string' || !isObject(change.change)) continue;
    const actions = Array.isArray(change.change.actions) ? change.change.actions : [];
    if (change.mode === 'data' || (actions.length === 1 && actions[0] === 'delete')) {
      resources.delete(change.address);
      continue;
    }
    resources.set(change.address, {
      address: change.address,
      type: String(change.type),
      values: withUnknown(change.change.after, change.change.after_unknown, `${change.address}`),
    });
  }
  for (const r of resources.values()) r.references = references.get(configAddress(r.address)) ?? {};
  return [...resources.values()];
}

function plannedValues(values: unknown): PlannedResource[] {
  const out: PlannedResource[] = [];
  const walk = (module: unknown) => {
    if (!isObject(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (isObject(r) && r.mode !== 'data' && typeof r.address === 'string')
        out.push({ address: r.address, type: String(r.type), values: isObject(r.values) ? r.values : {} });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) walk(child);
  };
  walk(isObject(values) ? values.root_module : undefined);
  return out;
}

/** `after` with every value `after_unknown` marks replaced by Unknown. */
function withUnknown(after: unknown, unknown: unknown, path: string): Json {
  const merge = (value: unknown, flag: unknown, at: string): unknown => {
    if (flag === true) return new Unknown(`${at}: known after apply`);
    if (Array.isArray(flag) || Array.isArray(value)) {
      const values = Array.isArray(value) ? value : [];
      const flags = Array.isArray(flag) ? flag : [];
      const length = Math.max(values.length, flags.length);
      return Array.from({ length }, (_, i) => merge(values[i], flags[i], `${at}[${i}]`));
    }
    if (isObject(flag) || isObject(value)) {
      const v = isObject(value) ? value : {};
      const f = isObject(flag) ? flag : {};
      return Object.fromEntries(
        [...new Set([...Object.keys(v), ...Object.keys(f)])].map((k) => [k, merge(v[k], f[k], `${at}.${k}`)]),
      );
    }
    return value;
  };
  const merged = merge(after, unknown, path);
  return isObject(merged) ? merged : {};
}

/** module.a.aws_lb.x[0] → module.a.aws_lb.x: configuration is per resource block, not per instance. */
function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** Resource address → attribute → the addresses its expression refers to (aws_lb.front.arn). */
function configurationReferences(configuration: unknown): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  const walk = (module: unknown, prefix: string) => {
    if (!isObject(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(r) || typeof r.address !== 'string') continue;
      const refs: Record<string, string[]> = {};
      collect(r.expressions, '', refs, prefix);
      out.set(`${prefix}${r.address}`, refs);
    }
    if (isObject(module.module_calls))
      for (const [name, call] of Object.entries(module.module_calls))
        walk(isObject(call) ? call.module : undefined, `${prefix}module.${name}.`);
  };
  walk(isObject(configuration) ? configuration.root_module : undefined, '');
  return out;
}

function collect(expressions: unknown, at: string, refs: Record<string, string[]>, prefix: string): void {
  if (Array.isArray(expressions)) {
    for (const e of expressions) collect(e, at, refs, prefix);
    return;
  }
  if (!isObject(expressions)) return;
  if (Array.isArray(expressions.references)) {
    refs[at] = [...(refs[at] ?? []), ...expressions.references.map((r) => `${prefix}${String(r)}`)];
    return;
  }
  for (const [key, inner] of Object.entries(expressions))
    collect(inner, at ? `${at}.${key}` : key, refs, prefix);
}
