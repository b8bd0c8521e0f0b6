import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { readSnapshots } from '../../../rules/core/resources/snapshot/load.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { type AuditOptions, type AuditScope, prepareRules, runAudit } from '../audit/audit.js';
import { gateFailures } from '../audit/gate.js';
import { isStreamed, streamAudit } from '../audit/stream-report.js';
import { validateRegions } from '../aws-session.js';
import { EXIT } from '../exit-codes.js';
import { formatHtml } from '../format/html.js';
import { formatJson } from '../format/json.js';
import { formatSarif } from '../format/sarif.js';
import { formatTable } from '../format/table.js';
import { emit, openOutput } from '../output.js';
import { inlineParameters, resolveCliParameters } from '../parameter-store.js';
import { SILENT_PROGRESS, startProgress } from '../progress.js';
import type { ScopePlan } from '../scope-plan.js';
import { UsageError } from '../usage-error.js';
import { DEFAULT_MAX_CONCURRENCY } from './audit-options.js';
import { checkRuleOptions } from './rule-options.js';

export interface AuditCommandOptions {
  region: string[];
  allRegions?: boolean;
  profile?: string | string[];
  roleArn?: string;
  organization?: boolean;
  rules?: string[];
  severity?: string;
  snapshot: string[];
  format: string;
  output?: string;
  param: string[];
  failOn?: string;
  maxConcurrency?: string;
  progress?: boolean;
}

export async function auditCommand(options: AuditCommandOptions): Promise<number> {
  // Every flag is checked before any AWS call or snapshot read.
  validateRegions(options.region);
  for (const profile of [options.profile ?? []].flat()) {
    if (profile.trim() === '')
      throw new UsageError('--profile "": expected the name of a profile in the shared AWS config');
  }
  const { rules, rawParameters, failOn } = checkRuleOptions(options);
  const maxConcurrency = parseConcurrency(options.maxConcurrency);
  // Parameter values are checked here, not first inside the audit: a bad one must stop the run
  // before the scope plan calls STS, Organizations or EC2. An ssm: reference is checked for its
  // form here, and for its content once read.
  prepareRules(rules, inlineParameters(rules, rawParameters));
  const profiles = [options.profile ?? []].flat();
  const parameters = await resolveCliParameters(rules, rawParameters, {
    snapshot: options.snapshot.length > 0,
    profile: profiles[0],
    regions: options.region,
  });

  const plan: ScopePlan = options.snapshot.length
    ? { scopes: snapshotScopes(options, profiles), errors: [], skipped: [] }
    : await (await import('../scope-plan.js')).planLiveScopes({
        regions: options.region,
        allRegions: options.allRegions === true,
        profiles,
        roleArn: options.roleArn,
        organization: options.organization === true,
      });

  const progress =
    options.progress === false || options.snapshot.length
      ? SILENT_PROGRESS
      : startProgress(plan.scopes.length);
  // What the exit code needs, gathered as evaluations are made: the streamed formats keep none.
  let gateTripped = false;
  let insufficient = false;
  const auditOptions: AuditOptions = {
    rules,
    parameters,
    scopeConcurrency: maxConcurrency,
    planned: { errors: plan.errors, skipped: plan.skipped },
    observer: progress.observer,
    onLoadBalancer: () => progress.onLoadBalancer(),
    onEvaluation: (e: Evaluation) => {
      if (e.complianceType === 'INSUFFICIENT_DATA') insufficient = true;
      if (failOn && !gateTripped && gateFailures([e], rules, failOn).length) gateTripped = true;
    },
  };
  let result: Awaited<ReturnType<typeof runAudit>>;
  try {
    result = isStreamed(options.format)
      ? await streamAudit(plan.scopes, auditOptions, options.format, openOutput(options.output))
      : await runAudit(plan.scopes, auditOptions);
  } finally {
    progress.stop();
  }

  if (isStreamed(options.format)) {
    // The streamed report holds evaluations only: what could not be audited is told on stderr.
    for (const e of result.errors)
      process.stderr.write(
        `elb-config-rules: not audited: ${e.accountId ?? '?'}/${e.region}${e.resourceType ? ` ${e.resourceType}` : ''}: ${e.code}: ${e.message}\n`,
      );
  } else {
    const color = !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    emit(render(options.format, result, rules, color), options.output);
  }
  // Nothing could be audited at all (every account or region failed): the run failed. A scope
  // where only one resource type could not be listed was audited, incompletely.
  const failedScopes = result.errors.filter((e) => e.resourceType === undefined).length;
  if (
    plan.scopes.length > 0 ? failedScopes >= plan.scopes.length + plan.errors.length : plan.errors.length > 0
  )
    return EXIT.RUNTIME_FAILURE;
  if (!failOn) return EXIT.OK;
  if (gateTripped) return EXIT.FINDINGS;
  return result.errors.length > 0 || insufficient ? EXIT.INCOMPLETE : EXIT.OK;
}

export function render(
  format: string,
  result: Awaited<ReturnType<typeof runAudit>>,
  rules: readonly AnyRule[],
  color: boolean,
): string {
  switch (format) {
    case 'json':
      return formatJson(result, rules);
    case 'sarif':
      return formatSarif(result, rules);
    case 'html':
      return formatHtml(result, rules);
    default:
      return formatTable(result, rules, color);
  }
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_CONCURRENCY;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256)
    throw new UsageError(`--max-concurrency ${value}: expected a whole number from 1 to 256`);
  return n;
}

function snapshotScopes(options: AuditCommandOptions, profiles: readonly string[]): AuditScope[] {
  const live = [
    profiles.length ? '--profile' : '',
    options.roleArn ? '--role-arn' : '',
    options.organization ? '--organization' : '',
    options.allRegions ? '--all-regions' : '',
  ].filter(Boolean);
  // Filtering a snapshot by region is useful; credentials and region discovery mean nothing for a file.
  if (live.length) throw new UsageError(`${live.join(', ')} cannot be combined with --snapshot`);
  return readSnapshots(options.snapshot)
    .filter((r) => options.region.length === 0 || options.region.includes(r.region))
    .map((region) => ({
      label: `${region.accountId}/${region.region}`,
      accountId: region.accountId,
      region: region.region,
      open: async () => new SnapshotEstate(region),
    }));
}
