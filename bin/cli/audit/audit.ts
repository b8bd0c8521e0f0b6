// The command-line audit: every selected rule against every load balancer of each account and
// region, through the same judge() the Lambda uses.
//
// Speed and memory by design:
// - Scopes (account and region pairs) run concurrently under an adaptive limit.
// - Within a scope, load balancers stream page by page in chunks. Every facet the chunk needs is
//   requested in one tick, so batched APIs fill their batches (DescribeTags takes 20 load
//   balancers a call), and each facet is read once whatever the number of rules that need it.
// - Requests go through per-API adaptive limits (audit-aws.ts) that back off on throttling.
// - A judged load balancer is released, so memory holds a few chunks, not the estate. With
//   keepEvaluations false (the streamed formats), its evaluations are handed on and not kept
//   either, and a slow consumer holds the load balancer's slot until it has taken them.

import { AccountShared, type AwsScope, type RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { isThrottling } from '../../../rules/core/aws/throttling.js';
import {
  type Evaluation,
  facetsRead,
  judgeForReport,
  ruleParameters,
} from '../../../rules/core/engine/judge.js';
import type { ParamValues } from '../../../rules/core/engine/parameters.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import type { LoadBalancer, ReportedResourceType } from '../../../rules/core/model/model.js';
import type { Estate } from '../../../rules/core/resources/estate.js';
import { errorCode } from '../../../rules/core/resources/fetched.js';
import { AdaptiveLimit } from './adaptive-limit.js';
import { type ApiPressureOptions, type ApiTraffic, AuditAws } from './audit-aws.js';

export interface AuditScope {
  /** What the scope is, for errors and progress: "123456789012/eu-west-1". */
  label: string;
  accountId?: string;
  region: string;
  open(io: ScopeIo): Promise<Estate>;
}

/** What the audit gives a scope to open a live estate with. */
export interface ScopeIo {
  /** SDK access with per-API adaptive limits, patient retries and request counts. */
  aws(scope: AwsScope): RegionalAws;
}

export interface ScopeError {
  accountId?: string;
  region: string;
  /** Set when only this resource type's listing failed: the scope's other types were audited. */
  resourceType?: ReportedResourceType;
  code: string;
  message: string;
}

/** A region or account the audit did not visit on purpose (opted out, suspended), and why. */
export interface SkippedScope {
  accountId?: string;
  region: string;
  reason: string;
}

export interface TrafficSummary extends ApiTraffic {
  byApi: Record<string, ApiTraffic>;
}

export interface AuditObserver {
  scopeStarted?(scope: AuditScope): void;
  loadBalancerFound?(scope: AuditScope): void;
  scopeFinished?(scope: AuditScope, error?: ScopeError): void;
}

export interface AuditOptions {
  rules: readonly AnyRule[];
  /** Raw parameters per rule id, validated like Config's ruleParameters. */
  parameters?: Record<string, Record<string, unknown>>;
  now?: Date;
  /** Load balancers whose facets are requested together (default 100). */
  concurrency?: number;
  /** Ceiling of scopes (account and region pairs) audited at once (default 8). */
  scopeConcurrency?: number;
  /** Per-API request limits and retries for live scopes. */
  apiPressure?: ApiPressureOptions;
  /** Extra SDK client settings for live scopes (tests and benchmarks inject a transport). */
  clientConfig?: Record<string, unknown>;
  /** Problems found while working out the scopes (an account whose role could not be assumed...). */
  planned?: { errors?: readonly ScopeError[]; skipped?: readonly SkippedScope[] };
  observer?: AuditObserver;
  /** Told of each evaluation as it is made; the load balancer's slot is held until it resolves. */
  onEvaluation?(evaluation: Evaluation): void | Promise<void>;
  /** Keep every evaluation for the result (default true); false leaves result.evaluations empty. */
  keepEvaluations?: boolean;
  onLoadBalancer?(scope: AuditScope): void;
}

export interface AuditResult {
  evaluations: Evaluation[];
  errors: ScopeError[];
  scopes: string[];
  skipped: SkippedScope[];
  traffic: TrafficSummary;
}

type PreparedRule = { rule: AnyRule; params: ParamValues<AnyRule['parameters']> };

/** Validates every rule's parameters up front, so a typo fails before any AWS call. */
export function prepareRules(
  rules: readonly AnyRule[],
  parameters: Record<string, Record<string, unknown>> = {},
): PreparedRule[] {
  for (const id of Object.keys(parameters)) {
    if (!rules.some((r) => r.id === id))
      throw new Error(`Parameters given for rule "${id}", which is not selected`);
  }
  return rules.map((rule) => ({ rule, params: ruleParameters(rule, parameters[rule.id] ?? {}) }));
}

/** APIs called once per account: their throttling means too many accounts at once. */
const ACCOUNT_LEVEL_API = /^(STS|Organizations)\./;

export async function runAudit(scopes: readonly AuditScope[], options: AuditOptions): Promise<AuditResult> {
  const prepared = prepareRules(options.rules, options.parameters);
  const now = options.now ?? new Date();
  const evaluations: Evaluation[] = [];
  const keep = options.keepEvaluations !== false;
  const errors: ScopeError[] = [...(options.planned?.errors ?? [])];
  const awsUsed: AuditAws[] = [];
  const maxScopes = Math.max(1, options.scopeConcurrency ?? 8);
  const scopeLimit = new AdaptiveLimit({ initial: maxScopes, max: maxScopes });
  // Account-wide answers (Shield's subscription) are asked once per account, not once per region.
  const accounts = new Map<string, AccountShared>();
  const sharedBy = (accountId: string | undefined) => {
    if (!accountId) return undefined;
    let shared = accounts.get(accountId);
    if (!shared) {
      shared = new AccountShared();
      accounts.set(accountId, shared);
    }
    return shared;
  };

  await Promise.all(
    scopes.map((scope) =>
      scopeLimit.run(async (generation) => {
        options.observer?.scopeStarted?.(scope);
        const io: ScopeIo = {
          aws: (awsScope) => {
            const aws = new AuditAws(
              {
                ...awsScope,
                accountShared: awsScope.accountShared ?? sharedBy(awsScope.accountId),
                clientConfig: { ...options.clientConfig, ...awsScope.clientConfig },
              },
              {
                ...options.apiPressure,
                onThrottle: (api) => {
                  options.apiPressure?.onThrottle?.(api);
                  if (ACCOUNT_LEVEL_API.test(api)) scopeLimit.throttled(generation);
                },
              },
            );
            awsUsed.push(aws);
            return aws;
          },
        };
        let failure: ScopeError | undefined;
        try {
          const estate = await scope.open(io);
          const unlisted = await auditEstate(estate, prepared, now, options, scope, (e) => {
            if (keep) evaluations.push(e);
          });
          for (const { resourceType, error } of unlisted) {
            const listing = scopeError(scope, error);
            errors.push({ ...listing, resourceType, message: `listing ${resourceType}: ${listing.message}` });
            if (isThrottling(error)) scopeLimit.throttled(generation);
          }
          scopeLimit.succeeded();
        } catch (error) {
          // One account or region failing (AccessDenied, opt-in, throttling) must not stop the others.
          failure = scopeError(scope, error);
          errors.push(failure);
          if (isThrottling(error)) scopeLimit.throttled(generation);
        }
        options.observer?.scopeFinished?.(scope, failure);
      }),
    ),
  );
  return {
    evaluations: sortEvaluations(evaluations),
    errors,
    scopes: scopes.map((s) => s.label),
    skipped: [...(options.planned?.skipped ?? [])],
    traffic: trafficOf(awsUsed),
  };
}

function scopeError(scope: AuditScope, error: unknown): ScopeError {
  return {
    accountId: scope.accountId,
    region: scope.region,
    code: errorCode(error),
    message: error instanceof Error ? error.message : String(error),
  };
}

interface ListingFailure {
  resourceType: ReportedResourceType;
  error: unknown;
}

/**
 * Judges every load balancer of the estate. A resource type whose listing fails is returned, and
 * the other types are still judged and reported; when every listing fails, the scope fails.
 */
async function auditEstate(
  estate: Estate,
  prepared: readonly PreparedRule[],
  now: Date,
  options: AuditOptions,
  scope: AuditScope,
  report: (evaluation: Evaluation) => void,
): Promise<ListingFailure[]> {
  const types = [...new Set(prepared.flatMap((p) => p.rule.resourceTypes))] as ReportedResourceType[];
  const chunkSize = Math.max(1, options.concurrency ?? 100);
  const rulesByType = new Map(
    types.map((type) => [type, prepared.filter((p) => p.rule.resourceTypes.includes(type))] as const),
  );
  // Load balancers in flight: several chunks, released one by one as each is judged, so the
  // slowest load balancer of a chunk (a call retried after throttling) holds back nothing.
  const slots = chunkSize * 5;
  // A fixed limit (min = max): nothing reports throttles to it, it only counts.
  const inFlight = new AdaptiveLimit({ initial: slots, min: slots, max: slots });
  const running = new Set<Promise<void>>();
  let failed: unknown;
  const judgeOne = async (
    lb: LoadBalancer,
    rules: readonly PreparedRule[],
    reads: readonly Promise<unknown>[],
  ) => {
    try {
      for (const { rule, params } of rules) {
        // One evaluation per load balancer, or per listener or target group under reportOn.
        for (const evaluation of await judgeForReport(rule, lb, estate, params, now)) {
          report(evaluation);
          await options.onEvaluation?.(evaluation);
        }
      }
      // A rule stops at the first facet it could not read; the chunk's requests for the others
      // settle before the load balancer is released, so no request outlives the audit.
      await Promise.allSettled(reads);
      estate.release(lb);
      options.onLoadBalancer?.(scope);
    } finally {
      inFlight.release();
    }
  };
  const launch = async (chunk: LoadBalancer[]) => {
    // One slot per load balancer; launches run one at a time, so the chunk waits for all of its own.
    for (let i = 0; i < chunk.length; i++) await inFlight.acquire();
    const rulesOf = chunk.map((lb) => rulesByType.get(lb.resourceType) ?? []);
    // Request every facet the chunk's rules will read in this tick: batched APIs then fill their
    // batches. A rule that skips a load balancer (another kind, or not applicable) reads nothing for it.
    const readsOf = chunk.map((lb, i) =>
      (rulesOf[i] ?? []).flatMap(({ rule, params }) =>
        facetsRead(rule, lb, params).map((facet) => estate.facet(facet, lb)),
      ),
    );
    chunk.forEach((lb, i) => {
      const task = judgeOne(lb, rulesOf[i] ?? [], readsOf[i] ?? [])
        .catch((error: unknown) => {
          failed ??= error;
        })
        .finally(() => running.delete(task));
      running.add(task);
    });
  };
  const unlisted: ListingFailure[] = [];
  try {
    // One chunk per resource type: the batched APIs are per type (ELBv2 and Classic DescribeTags),
    // so a chunk of 100 of one type fills its batches of 20 exactly.
    const chunks = new Map<string, LoadBalancer[]>();
    const listings = types.map((type) => estate.listLoadBalancers([type]));
    const onListingFailure = (i: number, error: unknown) => {
      unlisted.push({ resourceType: types[i]!, error });
    };
    for await (const lb of interleave(listings, onListingFailure)) {
      options.observer?.loadBalancerFound?.(scope);
      const chunk = chunks.get(lb.resourceType) ?? [];
      chunks.set(lb.resourceType, chunk);
      chunk.push(lb);
      if (chunk.length >= chunkSize) {
        chunks.delete(lb.resourceType);
        await launch(chunk);
      }
    }
    // Load balancers already listed are judged, whichever listing failed.
    for (const chunk of chunks.values()) await launch(chunk);
  } finally {
    await Promise.all(running);
  }
  if (failed) throw failed;
  if (unlisted.length > 0 && unlisted.length === types.length) throw unlisted[0]!.error;
  return unlisted;
}

/**
 * Load balancers of every type, taken in turn from each listing: Classic and ELBv2 load balancers
 * call different APIs, so mixing them keeps every API busy instead of leaving the Classic ones'
 * calls for the end. Each listing is read one page ahead at most.
 */
async function* interleave<T>(
  streams: readonly AsyncIterable<T>[],
  onFailure: (index: number, error: unknown) => void,
): AsyncIterable<T> {
  const iterators = streams.map((s) => s[Symbol.asyncIterator]());
  const ahead = (i: number) => {
    const next = iterators[i]!.next();
    // Handled here so a listing that fails while another is being read is no unhandled rejection;
    // the failure is reported when its turn comes, and the other listings go on.
    next.catch(() => {});
    return next;
  };
  const pending = new Map(iterators.map((_, i) => [i, ahead(i)] as const));
  try {
    while (pending.size) {
      for (const [i, next] of [...pending]) {
        let result: IteratorResult<T>;
        try {
          result = await next;
        } catch (error) {
          pending.delete(i);
          onFailure(i, error);
          continue;
        }
        if (result.done) pending.delete(i);
        else {
          pending.set(i, ahead(i));
          yield result.value;
        }
      }
    }
  } finally {
    for (const it of iterators) await it.return?.();
  }
}

function trafficOf(awsUsed: readonly AuditAws[]): TrafficSummary {
  const byApi: Record<string, ApiTraffic> = {};
  let requests = 0;
  let throttled = 0;
  for (const aws of awsUsed) {
    for (const [api, t] of aws.traffic) {
      const entry = byApi[api] ?? { requests: 0, throttled: 0 };
      byApi[api] = entry;
      entry.requests += t.requests;
      entry.throttled += t.throttled;
      requests += t.requests;
      throttled += t.throttled;
    }
  }
  return { requests, throttled, byApi };
}

const ORDER = { NON_COMPLIANT: 0, INSUFFICIENT_DATA: 1, COMPLIANT: 2, NOT_APPLICABLE: 3 } as const;

/** Stable order: rule, worst first, then account, region and name. */
export function sortEvaluations(evaluations: Evaluation[]): Evaluation[] {
  return evaluations.sort(
    (a, b) =>
      a.ruleId.localeCompare(b.ruleId) ||
      ORDER[a.complianceType] - ORDER[b.complianceType] ||
      a.accountId.localeCompare(b.accountId) ||
      a.region.localeCompare(b.region) ||
      a.resourceName.localeCompare(b.resourceName) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}

export { ORDER as COMPLIANCE_ORDER };
