// Reads snapshot files (or every *.json in a folder) and merges them by account and region, and
// within a region by load balancer: a later file may add facets to a load balancer recorded in an
// earlier one (so facets recorded by a newer version complement an older recording).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/errors.js';
import type { LoadBalancerRecord, RegionSnapshot, SnapshotFile } from './format.js';
import { snapshotSchema } from './schema.js';

export class SnapshotError extends InputError {
  override name = 'SnapshotError';
}

export function readSnapshots(paths: readonly string[]): RegionSnapshot[] {
  const merged = new Map<
    string,
    { accountId: string; region: string; byLoadBalancer: Map<string, LoadBalancerRecord> }
  >();
  for (const file of paths.flatMap(expand)) {
    for (const region of parseSnapshot(readFileSync(file, 'utf8'), file).regions) {
      const key = `${region.accountId}|${region.region}`;
      let target = merged.get(key);
      if (!target) {
        target = { accountId: region.accountId, region: region.region, byLoadBalancer: new Map() };
        merged.set(key, target);
      }
      for (const record of region.loadBalancers) {
        const lbKey = `${record.loadBalancer.resourceType}|${record.loadBalancer.resourceId}`;
        const earlier = target.byLoadBalancer.get(lbKey);
        target.byLoadBalancer.set(
          lbKey,
          earlier
            ? {
                loadBalancer: record.loadBalancer,
                facets: { ...earlier.facets, ...record.facets },
                failures: mergeFailures(earlier, record),
              }
            : record,
        );
      }
    }
  }
  return [...merged.values()].map((r) => ({
    accountId: r.accountId,
    region: r.region,
    loadBalancers: [...r.byLoadBalancer.values()],
  }));
}

/** A facet recorded in either file is no longer a failure. */
function mergeFailures(a: LoadBalancerRecord, b: LoadBalancerRecord): Record<string, string> | undefined {
  const failures = { ...a.failures, ...b.failures };
  for (const key of Object.keys(failures)) if (key in a.facets || key in b.facets) delete failures[key];
  return Object.keys(failures).length ? failures : undefined;
}

export function parseSnapshot(text: string, source: string): SnapshotFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `  ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
    const more = result.error.issues.length > 5 ? `\n  …and ${result.error.issues.length - 5} more` : '';
    throw new SnapshotError(
      `${source}: not a valid snapshot (expected the elb-config-rules/snapshot format, version 1):\n${issues.join('\n')}${more}`,
    );
  }
  return result.data;
}

function expand(path: string): string[] {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    throw new SnapshotError(
      `${path}: no such file or folder (expected a snapshot .json file or a folder of them)`,
    );
  }
  if (!stats.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0) throw new SnapshotError(`${path}: folder holds no .json snapshot files`);
  return files;
}
