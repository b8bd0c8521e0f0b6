// The command-line audit: every selected rule against every load balancer of each account and
// region, through the same judge() the Lambda uses. Load balancers stream page by page; each is
// judged by every rule (sharing one read of each facet) and then released, so memory stays flat.
import { forEachConcurrent } from '../engine/concurrency.js';
import { type Evaluation, judge, ruleParameters } from '../engine/judge.js';
import type { ParamValues } from '../engine/parameters.js';
import type { AnyRule } from '../engine/rule.js';
import type { Estate } from '../resources/estate.js';
import { errorCode } from '../resources/fetched.js';
import type { ReportedResourceType } from '../resources/model.js';

export interface AuditScope {
  /** What the scope is, for errors and progress: "123456789012/eu-west-1". */
  label: string;
  accountId?: string;
  region: string;
  open(): Promise<Estate>;
}

export interface ScopeError {
  accountId?: string;
  region: string;
  code: string;
  message: string;
}

export interface AuditOptions {
  rules: readonly AnyRule[];
  /** Raw parameters per rule id, validated like Config's ruleParameters. */
  parameters?: Record<string, Record<string, unknown>>;
  now?: Date;
  /** Load balancers judged at once within a scope. */
  concurrency?: number;
  /** Scopes (account and region pairs) audited at once. */
  scopeConcurrency?: number;
  onEvaluation?(evaluation: Evaluation): void;
  onLoadBalancer?(scope: AuditScope): void;
}

export interface AuditResult {
  evaluations: Evaluation[];
  errors: ScopeError[];
  scopes: string[];
}

/** Validates every rule's parameters up front, so a typo fails before any AWS call. */
export function prepareRules(
  rules: readonly AnyRule[],
  parameters: Record<string, Record<string, unknown>> = {},
) {
  for (const id of Object.keys(parameters)) {
    if (!rules.some((r) => r.id === id))
      throw new Error(`Parameters given for rule "${id}", which is not selected`);
  }
  return rules.map((rule) => ({ rule, params: ruleParameters(rule, parameters[rule.id] ?? {}) }));
}

export async function runAudit(scopes: readonly AuditScope[], options: AuditOptions): Promise<AuditResult> {
  const prepared = prepareRules(options.rules, options.parameters);
  const now = options.now ?? new Date();
  const evaluations: Evaluation[] = [];
  const errors: ScopeError[] = [];
  await forEachConcurrent(scopes, options.scopeConcurrency ?? 4, async (scope) => {
    try {
      const estate = await scope.open();
      for (const evaluation of await auditEstate(estate, prepared, now, options, scope))
        evaluations.push(evaluation);
    } catch (error) {
      // One account or region failing (AccessDenied, opt-in, throttling) must not stop the others.
      errors.push({
        accountId: scope.accountId,
        region: scope.region,
        code: errorCode(error),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return { evaluations: sortEvaluations(evaluations), errors, scopes: scopes.map((s) => s.label) };
}

async function auditEstate(
  estate: Estate,
  prepared: { rule: AnyRule; params: ParamValues<AnyRule['parameters']> }[],
  now: Date,
  options: AuditOptions,
  scope: AuditScope,
): Promise<Evaluation[]> {
  const types = [...new Set(prepared.flatMap((p) => p.rule.resourceTypes))] as ReportedResourceType[];
  const out: Evaluation[] = [];
  await forEachConcurrent(estate.listLoadBalancers(types), options.concurrency ?? 16, async (lb) => {
    for (const { rule, params } of prepared) {
      if (!rule.resourceTypes.includes(lb.resourceType)) continue;
      const evaluation = await judge(rule, lb, estate, params, now);
      out.push(evaluation);
      options.onEvaluation?.(evaluation);
    }
    estate.release(lb);
    options.onLoadBalancer?.(scope);
  });
  return out;
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
