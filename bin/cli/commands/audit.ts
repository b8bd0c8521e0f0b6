import { type AuditScope, runAudit } from '../../../rules/audit/audit.js';
import type { AnyRule } from '../../../rules/engine/rule.js';
import { selectRules } from '../../../rules/index.js';
import { LiveEstate } from '../../../rules/resources/live/live-estate.js';
import { RegionalAws } from '../../../rules/resources/live/regional-aws.js';
import { readSnapshots } from '../../../rules/resources/snapshot/load.js';
import { SnapshotEstate } from '../../../rules/resources/snapshot/snapshot-estate.js';
import { openSession, regionsOf } from '../aws-session.js';
import { formatJson } from '../format/json.js';
import { formatTable } from '../format/table.js';
import { emit } from '../output.js';
import { UsageError } from '../usage-error.js';

export interface AuditCommandOptions {
  region: string[];
  profile?: string;
  rules?: string[];
  snapshot: string[];
  format: string;
  output?: string;
  param: string[];
}

export const FORMATS = ['table', 'json'] as const;

export async function auditCommand(options: AuditCommandOptions): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`--format ${options.format}: expected one of ${FORMATS.join(', ')}`);
  }
  const rules = selectRules(options.rules);
  const scopes = options.snapshot.length ? snapshotScopes(options) : await liveScopes(options);
  const result = await runAudit(scopes, { rules, parameters: parseParams(options.param, rules) });
  const color = !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  emit(options.format === 'json' ? formatJson(result) : formatTable(result, rules, color), options.output);
  return 0;
}

function snapshotScopes(options: AuditCommandOptions): AuditScope[] {
  if (options.region.length || options.profile) {
    // Filtering a snapshot by region is useful; a profile means nothing for a file.
    if (options.profile) throw new UsageError('--profile cannot be combined with --snapshot');
  }
  return readSnapshots(options.snapshot)
    .filter((r) => options.region.length === 0 || options.region.includes(r.region))
    .map((region) => ({
      label: `${region.accountId}/${region.region}`,
      accountId: region.accountId,
      region: region.region,
      open: async () => new SnapshotEstate(region),
    }));
}

async function liveScopes(options: AuditCommandOptions): Promise<AuditScope[]> {
  const session = await openSession(options.profile);
  return regionsOf(options.region, session).map((region) => ({
    label: region,
    region,
    open: () => LiveEstate.open(new RegionalAws({ region, credentials: session.credentials })),
  }));
}

/** --param RULE.NAME=VALUE, repeatable. */
export function parseParams(
  entries: readonly string[],
  rules: readonly AnyRule[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)\.([A-Za-z][A-Za-z0-9]*)=(.*)$/s.exec(entry);
    if (!match)
      throw new UsageError(
        `--param ${entry}: expected RULE-ID.PARAMETER=VALUE, e.g. alb-https-only.allowFixedResponse=false`,
      );
    const [, ruleId = '', name = '', value = ''] = match;
    if (!rules.some((r) => r.id === ruleId)) {
      throw new UsageError(
        `--param ${entry}: rule "${ruleId}" is not selected (selected: ${rules.map((r) => r.id).join(', ')})`,
      );
    }
    out[ruleId] = { ...out[ruleId], [name]: value };
  }
  return out;
}
