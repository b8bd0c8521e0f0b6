// Reads the results the deployed rules already stored in AWS Config, without calling any load
// balancer API: from one account (GetComplianceDetailsByConfigRule, per region) or from an
// aggregator (GetAggregateComplianceDetailsByConfigRule, per rule, account and region).
// A read that fails is recorded and the others go on.
import {
  type AggregateEvaluationResult,
  type ConfigServiceClient,
  type EvaluationResult,
  paginateDescribeAggregateComplianceByConfigRules,
  paginateDescribeConfigRules,
  paginateGetAggregateComplianceDetailsByConfigRule,
  paginateGetComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
import { forEachConcurrent } from '../../../rules/core/aws/concurrency.js';
import type { ComplianceType } from '../../../rules/core/engine/outcome.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { errorCode } from '../../../rules/core/resources/fetched.js';

/** One stored result of one of our rules for one resource. */
export interface StoredResult {
  accountId: string;
  region: string;
  /** The Config rule's name as deployed (prefixed by a pack, suffixed by Config). */
  configRuleName: string;
  ruleId: string;
  resourceType: string;
  resourceId: string;
  complianceType: ComplianceType;
  annotation: string;
  recordedAt?: Date;
}

/** A read that failed: one rule, or one account and region, could not be read. */
export interface StoredReadError {
  accountId?: string;
  region: string;
  configRuleName?: string;
  code: string;
  message: string;
}

export interface StoredResults {
  results: StoredResult[];
  errors: StoredReadError[];
  /** "account/region" pairs a result or a rule was found in. */
  scopes: string[];
}

/** The API maxima (botocore config 2014-11-12: Limit max 100; GroupByAPILimit max 1000). */
const DETAILS_PAGE = 100;
const GROUP_PAGE = 1000;
/** Rule, account and region reads in flight at once: Config's read APIs are rate-limited per account. */
const READS_AT_ONCE = 4;
/** What GetComplianceDetailsByConfigRule returns; INSUFFICIENT_DATA cannot be asked for. */
const STORED_TYPES: ComplianceType[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];
const COMPLIANCE_TYPES = new Set<string>([...STORED_TYPES, 'INSUFFICIENT_DATA']);
/** Config appends this to the names of rules a conformance pack deploys. */
const PACK_SUFFIX = /-conformance-pack-[a-z0-9]+$/;

/**
 * The rule id a deployed Config rule name stands for: the name itself, or the name after a prefix
 * ("fsbp-elb-16-alb-waf-enabled", a --rule-name-prefix), without the suffix conformance packs add.
 * The longest id wins, so "x-lb-cross-zone" is never read as a shorter id it ends with.
 */
export function ruleIdOf(configRuleName: string, rules: readonly AnyRule[]): string | undefined {
  const base = configRuleName.replace(PACK_SUFFIX, '');
  let best: string | undefined;
  for (const { id } of rules) {
    const at = base.length - id.length;
    const matches = base === id || (at > 0 && base.endsWith(id) && /[^A-Za-z0-9]/.test(base[at - 1] ?? ''));
    if (matches && id.length > (best?.length ?? 0)) best = id;
  }
  return best;
}

interface ReadOptions {
  rules: readonly AnyRule[];
  onError(error: StoredReadError): void;
  onResult(result: StoredResult): void;
}

/** One account's stored results in one region: every Config Lambda rule of ours there. */
export async function readAccountRegion(
  client: ConfigServiceClient,
  scope: { accountId: string; region: string },
  options: ReadOptions,
): Promise<number> {
  const names: { name: string; ruleId: string }[] = [];
  try {
    for await (const page of paginateDescribeConfigRules({ client }, {})) {
      for (const rule of page.ConfigRules ?? []) {
        const name = rule.ConfigRuleName;
        // A managed rule may carry one of our ids as its name (alb-waf-enabled): only Lambda rules are ours.
        if (!name || rule.Source?.Owner !== 'CUSTOM_LAMBDA') continue;
        const ruleId = ruleIdOf(name, options.rules);
        if (ruleId) names.push({ name, ruleId });
      }
    }
  } catch (error) {
    options.onError({
      ...scope,
      code: errorCode(error),
      message: `DescribeConfigRules: ${messageOf(error)}`,
    });
    return 0;
  }
  await forEachConcurrent(names, READS_AT_ONCE, async ({ name, ruleId }) => {
    try {
      const pages = paginateGetComplianceDetailsByConfigRule(
        { client, pageSize: DETAILS_PAGE },
        { ConfigRuleName: name, ComplianceTypes: STORED_TYPES },
      );
      for await (const page of pages)
        for (const r of page.EvaluationResults ?? []) {
          deliver(toStored(r, scope, name, ruleId), { ...scope, configRuleName: name }, options);
        }
    } catch (error) {
      options.onError({ ...scope, configRuleName: name, code: errorCode(error), message: messageOf(error) });
    }
  });
  return names.length;
}

/**
 * Every stored result an aggregator holds for our rules. The aggregator lists the rule, account
 * and region triples that have results; each triple's details are one paginated read. Aggregators
 * keep COMPLIANT and NON_COMPLIANT results only (botocore: AggregateEvaluationResult).
 */
export async function readAggregator(
  client: ConfigServiceClient,
  aggregator: { name: string; region: string },
  options: ReadOptions & { accounts?: ReadonlySet<string>; regions?: ReadonlySet<string> },
): Promise<string[]> {
  const triples: { name: string; ruleId: string; accountId: string; region: string }[] = [];
  for await (const page of paginateDescribeAggregateComplianceByConfigRules(
    { client, pageSize: GROUP_PAGE },
    { ConfigurationAggregatorName: aggregator.name },
  )) {
    for (const row of page.AggregateComplianceByConfigRules ?? []) {
      const { ConfigRuleName: name, AccountId: accountId, AwsRegion: region } = row;
      if (!name || !accountId || !region) continue;
      if (options.accounts?.size && !options.accounts.has(accountId)) continue;
      if (options.regions?.size && !options.regions.has(region)) continue;
      const ruleId = ruleIdOf(name, options.rules);
      if (ruleId) triples.push({ name, ruleId, accountId, region });
    }
  }
  await forEachConcurrent(triples, READS_AT_ONCE, async ({ name, ruleId, accountId, region }) => {
    try {
      const pages = paginateGetAggregateComplianceDetailsByConfigRule(
        { client, pageSize: DETAILS_PAGE },
        {
          ConfigurationAggregatorName: aggregator.name,
          ConfigRuleName: name,
          AccountId: accountId,
          AwsRegion: region,
        },
      );
      for await (const page of pages)
        for (const r of page.AggregateEvaluationResults ?? []) {
          const where = { accountId: r.AccountId ?? accountId, region: r.AwsRegion ?? region };
          deliver(toStored(r, where, name, ruleId), { ...where, configRuleName: name }, options);
        }
    } catch (error) {
      options.onError({
        accountId,
        region,
        configRuleName: name,
        code: errorCode(error),
        message: messageOf(error),
      });
    }
  });
  return [...new Set(triples.map((t) => `${t.accountId}/${t.region}`))];
}

/** A malformed result is told as a read error, not dropped. */
function deliver(
  stored: StoredResult | undefined,
  where: Omit<StoredReadError, 'code' | 'message'>,
  options: ReadOptions,
) {
  if (stored) options.onResult(stored);
  else
    options.onError({
      ...where,
      code: 'MalformedResult',
      message: 'a stored result without a resource type, resource id or known compliance type',
    });
}

/** A result Config returned without a resource or a known compliance type is not a result. */
function toStored(
  r: EvaluationResult | AggregateEvaluationResult,
  scope: { accountId: string; region: string },
  configRuleName: string,
  ruleId: string,
): StoredResult | undefined {
  const qualifier = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
  const resourceType = qualifier?.ResourceType;
  const resourceId = qualifier?.ResourceId;
  const complianceType = r.ComplianceType;
  if (!resourceType || !resourceId || !complianceType || !COMPLIANCE_TYPES.has(complianceType))
    return undefined;
  return {
    ...scope,
    configRuleName,
    ruleId,
    resourceType,
    resourceId,
    complianceType: complianceType as ComplianceType,
    annotation: r.Annotation ?? '',
    recordedAt: r.ResultRecordedTime,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
