// `report`: the results the deployed rules already stored in AWS Config, from one account or an
// organization's aggregator, in the audit's formats, without calling any load balancer API.
// `--compare-audit` runs the live audit of the same accounts and regions beside them.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsClient } from '../../../rules/core/aws/client.js';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { type AuditResult, prepareRules, runAudit } from '../audit/audit.js';
import { gateFailures } from '../audit/gate.js';
import { openSession, regionsOf, validateRegions } from '../aws-session.js';
import { EXIT } from '../exit-codes.js';
import { csvHeader, csvRows } from '../format/csv.js';
import { jsonlLine } from '../format/jsonl.js';
import { emit } from '../output.js';
import { inlineParameters, resolveCliParameters } from '../parameter-store.js';
import {
  compareResults,
  formatComparisonCsv,
  formatComparisonJson,
  formatComparisonTable,
} from '../report/compare.js';
import {
  readAccountRegion,
  readAggregator,
  type StoredReadError,
  type StoredResult,
  type StoredResults,
} from '../report/stored-results.js';
import { toAuditResult } from '../report/to-audit-result.js';
import { UsageError } from '../usage-error.js';
import { render } from './audit.js';
import { checkRuleOptions, type RuleOptions } from './rule-options.js';

export interface ReportCommandOptions extends RuleOptions {
  aggregator?: string;
  aggregatorRegion?: string;
  account: string[];
  region: string[];
  profile?: string;
  roleArn?: string;
  organization?: boolean;
  compareAudit?: boolean;
}

/** The formats a comparison is written in: it is a list of differences, not a compliance report. */
export const COMPARISON_FORMATS = ['table', 'json', 'csv'] as const;

export async function reportCommand(options: ReportCommandOptions): Promise<number> {
  // Every flag is checked before any AWS call.
  const { rules, rawParameters, failOn } = checkRuleOptions(options);
  validateRegions(options.region);
  if (options.aggregatorRegion !== undefined)
    validateRegions([options.aggregatorRegion], '--aggregator-region');
  if (options.compareAudit && !(COMPARISON_FORMATS as readonly string[]).includes(options.format))
    throw new UsageError(
      `--format ${options.format} with --compare-audit: expected one of ${COMPARISON_FORMATS.join(', ')} (a comparison lists differences)`,
    );
  for (const account of options.account)
    if (!/^\d{12}$/.test(account))
      throw new UsageError(`--account ${account}: expected a 12-digit account id`);
  if (options.account.length && !options.aggregator)
    throw new UsageError('--account filters an aggregator: it needs --aggregator NAME');
  if (options.aggregatorRegion !== undefined && !options.aggregator)
    throw new UsageError('--aggregator-region needs --aggregator NAME');
  if (options.aggregator !== undefined && !/^[\w-]{1,256}$/.test(options.aggregator))
    throw new UsageError(
      `--aggregator ${options.aggregator}: expected a configuration aggregator name (letters, digits, _ and -)`,
    );
  if ((options.roleArn || options.organization) && !options.compareAudit)
    throw new UsageError(
      '--role-arn and --organization choose what --compare-audit audits: they need --compare-audit',
    );
  if (Object.keys(rawParameters).length && !options.compareAudit)
    throw new UsageError('--param sets the live audit’s parameters: it needs --compare-audit');
  prepareRules(rules, inlineParameters(rules, rawParameters));

  const session = await openSession(options.profile);
  const stored = options.aggregator
    ? await readThroughAggregator(options, rules, session)
    : await readOneAccount(options, rules, session);

  if (options.compareAudit) {
    const live = await auditLive(options, rules, rawParameters, stored);
    const auditedScopes = new Set(live.scopes);
    const comparisons = compareResults(stored.results, live.evaluations, auditedScopes, {
      storesNotApplicable: !options.aggregator,
    });
    emit(
      options.format === 'json'
        ? formatComparisonJson(comparisons)
        : options.format === 'csv'
          ? formatComparisonCsv(comparisons)
          : formatComparisonTable(comparisons),
      options.output,
    );
    for (const e of [...stored.errors, ...live.errors]) warn(e);
    if (!failOn) return EXIT.OK;
    const differs = comparisons.some((c) => c.agreement !== 'agree' && c.agreement !== 'live-unread');
    const evaluations = toAuditResult(stored).evaluations;
    if (differs || gateFailures(evaluations, rules, failOn).length) return EXIT.FINDINGS;
    return stored.errors.length || live.errors.length ? EXIT.INCOMPLETE : EXIT.OK;
  }

  const result = toAuditResult(stored);
  emit(renderStored(options.format, result, rules), options.output);
  if (options.format === 'csv' || options.format === 'jsonl') for (const e of stored.errors) warn(e);
  if (stored.results.length === 0 && stored.errors.length > 0) return EXIT.RUNTIME_FAILURE;
  if (!failOn) return EXIT.OK;
  if (gateFailures(result.evaluations, rules, failOn).length) return EXIT.FINDINGS;
  return stored.errors.length ? EXIT.INCOMPLETE : EXIT.OK;
}

function renderStored(format: string, result: AuditResult, rules: readonly AnyRule[]): string {
  if (format === 'csv') return csvHeader() + csvRows(result.evaluations, rules);
  if (format === 'jsonl') return result.evaluations.map(jsonlLine).join('');
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  return render(format, result, rules, color);
}

function warn(e: {
  accountId?: string;
  region: string;
  code: string;
  message: string;
  configRuleName?: string;
}) {
  process.stderr.write(
    `elb-config-rules: not read: ${e.accountId ?? '?'}/${e.region}${e.configRuleName ? ` ${e.configRuleName}` : ''}: ${e.code}: ${e.message}\n`,
  );
}

type Session = Awaited<ReturnType<typeof openSession>>;

async function readOneAccount(
  options: ReportCommandOptions,
  rules: readonly AnyRule[],
  session: Session,
): Promise<StoredResults> {
  const regions = regionsOf(options.region, session);
  const sts = createAwsClient(STSClient, { region: regions[0], credentials: session.credentials });
  const accountId = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  if (!accountId) throw new Error('GetCallerIdentity returned no account id');
  const out: StoredResults = { results: [], errors: [], scopes: [] };
  await Promise.all(
    regions.map(async (region) => {
      const client = createAwsClient(ConfigServiceClient, { region, credentials: session.credentials });
      const found = await readAccountRegion(client, { accountId, region }, collectInto(out, rules));
      if (found > 0) out.scopes.push(`${accountId}/${region}`);
    }),
  );
  return out;
}

async function readThroughAggregator(
  options: ReportCommandOptions,
  rules: readonly AnyRule[],
  session: Session,
): Promise<StoredResults> {
  const region = options.aggregatorRegion ?? session.defaultRegion;
  if (!region)
    throw new UsageError('--aggregator: no region for it; pass --aggregator-region R or set AWS_REGION');
  const client = createAwsClient(ConfigServiceClient, { region, credentials: session.credentials });
  const out: StoredResults = { results: [], errors: [], scopes: [] };
  out.scopes = await readAggregator(
    client,
    { name: options.aggregator ?? '', region },
    {
      ...collectInto(out, rules),
      accounts: new Set(options.account),
      regions: new Set(options.region),
    },
  );
  return out;
}

function collectInto(out: StoredResults, rules: readonly AnyRule[]) {
  return {
    rules,
    onResult: (r: StoredResult) => out.results.push(r),
    onError: (e: StoredReadError) => out.errors.push(e),
  };
}

/** The live audit of what the report covers: the same profile, or every account through a role. */
async function auditLive(
  options: ReportCommandOptions,
  rules: AnyRule[],
  rawParameters: Record<string, Record<string, unknown>>,
  stored: StoredResults,
): Promise<{ evaluations: Evaluation[]; scopes: string[]; errors: StoredReadError[] }> {
  const regions = options.region.length
    ? options.region
    : [...new Set(stored.scopes.map((s) => s.split('/')[1] ?? ''))].filter(Boolean);
  if (regions.length === 0)
    return {
      evaluations: [],
      scopes: [],
      errors: [
        {
          region: '*',
          code: 'NothingToAudit',
          message: 'no region holds stored results and no --region was given',
        },
      ],
    };
  if (options.aggregator && !(options.organization && options.roleArn))
    throw new UsageError(
      '--compare-audit with --aggregator needs --organization --role-arn ROLE (a role name, or an ARN with {accountId}) to audit each account',
    );
  const { planLiveScopes } = await import('../scope-plan.js');
  const plan = await planLiveScopes({
    regions,
    allRegions: false,
    profiles: options.profile ? [options.profile] : [],
    roleArn: options.roleArn,
    organization: options.organization === true,
  });
  const accounts = new Set(options.account);
  const scopes = accounts.size
    ? plan.scopes.filter((s) => s.accountId && accounts.has(s.accountId))
    : plan.scopes;
  const parameters = await resolveCliParameters(rules, rawParameters, {
    snapshot: false,
    profile: options.profile,
    regions,
  });
  const result = await runAudit(scopes, {
    rules,
    parameters,
    planned: { errors: plan.errors, skipped: plan.skipped },
  });
  const failed = new Set(
    result.errors.filter((e) => !e.resourceType).map((e) => `${e.accountId}/${e.region}`),
  );
  return {
    evaluations: result.evaluations,
    scopes: scopes.map((s) => `${s.accountId}/${s.region}`).filter((s) => !failed.has(s)),
    errors: result.errors.map((e) => ({
      accountId: e.accountId,
      region: e.region,
      code: e.code,
      message: `live audit: ${e.message}`,
    })),
  };
}
