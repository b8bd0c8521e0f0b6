// One AWS Config invocation, from event to evaluations. The only code that knows the three
// message types; it returns what to send and sends nothing itself.

import { forEachConcurrent } from '../aws/concurrency.js';
import {
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  type LoadBalancer,
  type ReportedResourceType,
  type ResourceRef,
} from '../model/model.js';
import { affectedBy, isReportedType } from '../resources/affected.js';
import {
  type ConfigurationItem,
  EVALUABLE_STATUSES,
  normalizeConfigurationItem,
} from '../resources/config-item/item.js';
import { subjectOf } from '../resources/config-item/to-model.js';
import type { Estate } from '../resources/estate.js';
import { failedFrom } from '../resources/fetched.js';
import { cut } from './annotation.js';
import { CHANGE, OVERSIZED, parseRuleEvent, type RuleEvent } from './event.js';
import { type Evaluation, judge, judgeEach, notApplicable, ruleParameters } from './judge.js';
import type { Log } from './log.js';
import { type ReadParameter, resolveParameterStore } from './parameter-store.js';
import { engineParameters, type ParamValues } from './parameters.js';
import {
  type AnyReporting,
  childReporting,
  mergeShared,
  parentOf,
  reportableTypes,
  reportedTypes,
} from './per-resource.js';
import type { AnyRule } from './rule.js';

export interface EstateScope {
  accountId?: string;
  region: string;
  /** Role to assume in the evaluated account (central-account mode). */
  roleArn?: string;
}

export interface InvocationDeps {
  openEstate(scope: EstateScope): Promise<Estate>;
  /** The full item for an oversized notification, from GetResourceConfigHistory. */
  fetchOversizedItem(summary: Record<string, unknown>, scope: EstateScope): Promise<unknown>;
  /** Resources Config already holds an evaluation for, to clear stale ones on periodic runs. */
  listEvaluatedResources?(ruleName: string, scope: EstateScope): Promise<ResourceRef[]>;
  now(): Date;
  log: Log;
  /** Region of the function itself, when the event does not name one. */
  defaultRegion?: string;
  /** Assume the event's executionRoleArn (the role Config used) when no ExecutionRoleName is given. */
  assumeEventRole?: boolean;
  /** How many load balancers a periodic sweep judges at once. */
  concurrency?: number;
  /** Reads list parameters given as ssm:/path; one reader per invocation, so each path is read once. */
  readParameter?: ReadParameter;
}

export interface InvocationResult {
  event: RuleEvent;
  scope: EstateScope;
  /** What to send to Config. */
  evaluations: Evaluation[];
  /** Resources whose data could not be read: not sent, because Config refuses INSUFFICIENT_DATA. */
  unreadable: Evaluation[];
  /** Resource types whose listing failed on a periodic sweep: their load balancers went unjudged. */
  unlisted: ListingFailure[];
  orderingTimestamp: Date;
}

export interface ListingFailure {
  resourceType: ReportedResourceType;
  code: string;
  reason: string;
}

export async function runInvocation(
  rule: AnyRule,
  rawEvent: unknown,
  deps: InvocationDeps,
): Promise<InvocationResult> {
  const event = parseRuleEvent(rawEvent);
  const raw = await resolveParameterStore(rule.parameters, event.ruleParameters, deps.readParameter);
  const params = ruleParameters(rule, raw);
  const { executionRoleName } = engineParameters(raw);
  const invoking = event.invokingEvent;

  let item: ConfigurationItem | undefined;
  if (invoking.messageType === CHANGE)
    item = normalizeConfigurationItem(invoking.configurationItem, 'invokingEvent.configurationItem');

  const accountId = event.accountId ?? item?.accountId;
  const region = event.region ?? item?.region ?? deps.defaultRegion;
  if (!region)
    throw new Error('Cannot tell the region: the event has no configRuleArn and the function no AWS_REGION');
  const roleArn = executionRoleName
    ? `arn:${event.partition}:iam::${requireAccount(accountId)}:role/${executionRoleName}`
    : deps.assumeEventRole
      ? event.executionRoleArn
      : undefined;
  const scope: EstateScope = { accountId, region, roleArn };

  if (invoking.messageType === OVERSIZED) {
    const summary = invoking.configurationItemSummary;
    const full = await deps.fetchOversizedItem(summary, scope);
    item = normalizeConfigurationItem(full, 'GetResourceConfigHistory item');
    // The summary's status is the one this notification is about.
    const status = summary.configurationItemStatus;
    if (typeof status === 'string') item.status = status;
  }

  const estate = await deps.openEstate(scope);
  const now = deps.now();
  const log = deps.log;
  const results: Evaluation[] = [];
  const unlisted: ListingFailure[] = [];
  const where = { accountId: estate.accountId, region: estate.region };

  // Per-resource reporting (reportOn): each load balancer's model is judged once, and each of its
  // listeners or target groups gets the evaluation.
  const each = childReporting(rule, params);
  const judged = async (lb: LoadBalancer): Promise<Evaluation[]> => {
    if (!each) return [await judge(rule, lb, estate, params, now)];
    const result = await judgeEach(rule, each, lb, estate, params, now);
    if (result.judged) return result.children;
    // A load balancer the rule skips is no resource it reports on; one it could not read is counted.
    return result.evaluation.complianceType === 'INSUFFICIENT_DATA' ? [result.evaluation] : [];
  };

  if (item && each && item.resourceType === each.resourceType) {
    results.push(...(await childChanged(rule, each, item, event.eventLeftScope, estate, params, now, log)));
  } else if (
    item &&
    isReportedType(item.resourceType) &&
    !rule.resourceTypes.includes(item.resourceType as ReportedResourceType)
  ) {
    results.push(notApplicable(rule, item, where, `This rule does not report on ${item.resourceType}.`));
  } else if (item) {
    const affected = await affectedBy(item, estate, event.eventLeftScope);
    if (!affected.ok) {
      log.error('could not tell which load balancers the change affects', {
        resourceId: item.resourceId,
        reason: affected.reason,
      });
      results.push(unreadable(rule, item, where, affected));
    } else if (affected.value.type === 'gone') {
      const { ref, why } = affected.value;
      // Per child, a deleted load balancer's listeners get their own deletion items, and the sweep clears the rest.
      if (each) log.info('load balancer gone; its children are cleared by their own items', { ref, why });
      else results.push(notApplicable(rule, ref, where, why));
    } else if (affected.value.type === 'nothing') {
      log.info('nothing to evaluate', { resourceId: item.resourceId, why: affected.value.why });
    } else {
      for (const lb of affected.value.loadBalancers) {
        if (!rule.resourceTypes.includes(lb.resourceType)) continue;
        results.push(...(await judged(lb)));
      }
    }
  } else {
    // Each type is listed on its own: a Classic listing that is denied or throttled past its
    // retries must not cost the ALBs and NLBs their evaluations, nor the other way round.
    const seen = new Set<string>();
    /** Load balancers whose children could not be judged: none of their results is stale. */
    const unjudged = new Set<string>();
    /** Why the rule skips a load balancer, for its children's earlier results. */
    const skipped = new Map<string, string>();
    for (const resourceType of rule.resourceTypes) {
      try {
        await forEachConcurrent(
          estate.listLoadBalancers([resourceType]),
          deps.concurrency ?? 8,
          async (lb) => {
            if (each) {
              const result = await judgeEach(rule, each, lb, estate, params, now);
              if (result.judged) for (const child of result.children) seen.add(keyOf(child));
              else if (result.evaluation.complianceType === 'INSUFFICIENT_DATA') unjudged.add(lb.resourceId);
              else skipped.set(lb.resourceId, result.evaluation.annotation);
              results.push(
                ...(result.judged ? result.children : unjudged.has(lb.resourceId) ? [result.evaluation] : []),
              );
            } else {
              seen.add(keyOf(lb));
              results.push(await judge(rule, lb, estate, params, now));
            }
            estate.release(lb);
          },
        );
      } catch (error) {
        const failure = failedFrom(`listing ${resourceType}`, error);
        log.error('could not list load balancers; those of this type are not evaluated', {
          resourceType,
          reason: failure.reason,
        });
        unlisted.push({ resourceType, code: failure.code, reason: failure.reason });
      }
    }
    if (deps.listEvaluatedResources && event.configRuleName) {
      // A type whose listing failed has no complete list, so none of its results is called stale.
      const listed = rule.resourceTypes.filter((t) => !unlisted.some((u) => u.resourceType === t));
      const reported = reportedTypes(rule, params);
      const reportable = reportableTypes(rule);
      try {
        for (const ref of await deps.listEvaluatedResources(event.configRuleName, scope)) {
          if (seen.has(keyOf(ref)) || !reportable.includes(ref.resourceType)) continue;
          if (!reported.includes(ref.resourceType)) {
            // Left from before reportOn changed: these parameters report on other resources.
            results.push(
              notApplicable(rule, ref, where, `This rule now reports on ${reported.join(' and ')}.`),
            );
          } else if (each) {
            // Children belong to ELBv2 load balancers: without their complete list, nothing is stale.
            if (!listed.includes(ELBV2_LOAD_BALANCER)) continue;
            const parent = parentOf(ref.resourceType, ref.resourceId);
            // A target group may serve any load balancer: one unjudged keeps them all.
            if (parent ? unjudged.has(parent) : unjudged.size > 0) continue;
            const why =
              (parent && skipped.get(parent)) ??
              (ref.resourceType === ELBV2_LISTENER
                ? 'The listener no longer exists.'
                : 'The target group no longer serves a load balancer this rule judges.');
            results.push(notApplicable(rule, ref, where, why));
          } else if (listed.includes(ref.resourceType as ReportedResourceType)) {
            results.push(notApplicable(rule, ref, where, 'The load balancer no longer exists.'));
          }
        }
      } catch (error) {
        // Losing the clean-up leaves a stale result for a deleted resource; it must not lose the fresh ones.
        log.warn('could not list earlier evaluations; stale results are kept', { error: String(error) });
      }
    }
  }

  const merged = mergeShared(results);
  for (const evaluation of merged) {
    const entry = {
      rule: rule.id,
      resourceType: evaluation.resourceType,
      resourceId: evaluation.resourceId,
      decision: evaluation.complianceType,
      annotation: evaluation.annotation,
    };
    if (evaluation.complianceType === 'INSUFFICIENT_DATA')
      log.error('resource not evaluated: data could not be read', {
        ...entry,
        reason: evaluation.error?.reason,
      });
    else log.info('evaluated', entry);
  }

  const orderingTimestamp = new Date(
    item?.captureTime || invoking.notificationCreationTime || now.toISOString(),
  );
  return {
    event,
    scope,
    evaluations: merged.filter((e) => e.complianceType !== 'INSUFFICIENT_DATA'),
    unreadable: merged.filter((e) => e.complianceType === 'INSUFFICIENT_DATA'),
    unlisted,
    orderingTimestamp: Number.isNaN(orderingTimestamp.getTime()) ? now : orderingTimestamp,
  };
}

const keyOf = (ref: ResourceRef) => `${ref.resourceType}|${ref.resourceId}`;

function unreadable(
  rule: AnyRule,
  ref: ResourceRef,
  where: { accountId: string; region: string },
  failure: { code: string; reason: string },
): Evaluation {
  return {
    ...notApplicable(rule, ref, where, ''),
    complianceType: 'INSUFFICIENT_DATA',
    annotation: cut(`Not evaluated: ${failure.reason}`),
    error: { code: failure.code, reason: failure.reason },
  };
}

/**
 * A change to a listener or target group the rule reports on: its load balancer is judged and
 * every child of it reported; the changed one gets NOT_APPLICABLE when it is deleted, left the
 * scope, or is no longer among its load balancer's children.
 */
async function childChanged(
  rule: AnyRule,
  each: AnyReporting,
  item: ConfigurationItem,
  leftScope: boolean,
  estate: Estate,
  params: ParamValues<AnyRule['parameters']>,
  now: Date,
  log: Log,
): Promise<Evaluation[]> {
  const ref = { resourceType: item.resourceType, resourceId: item.resourceId };
  const where = { accountId: estate.accountId, region: estate.region };
  if (leftScope) return [notApplicable(rule, ref, where, 'The resource left the rule’s scope.')];
  if (!EVALUABLE_STATUSES.has(item.status))
    return [notApplicable(rule, ref, where, `Configuration item status is ${item.status}.`)];
  const subject = subjectOf(item);
  const parents =
    subject.type === 'listener'
      ? subject.loadBalancerArn
        ? [subject.loadBalancerArn]
        : []
      : subject.type === 'targetGroup'
        ? subject.loadBalancerArns
        : [];
  if (!parents.length) {
    if (subject.type === 'targetGroup')
      return [notApplicable(rule, ref, where, 'The target group serves no load balancer.')];
    const reason = `cannot tell the load balancer of ${item.resourceId}`;
    log.error('could not tell which load balancer the change affects', { resourceId: item.resourceId });
    return [unreadable(rule, ref, where, { code: 'UnknownLoadBalancer', reason })];
  }
  const out: Evaluation[] = [];
  let found = false;
  let why: string | undefined;
  for (const resourceId of parents) {
    const lb = await estate.getLoadBalancer({ resourceType: ELBV2_LOAD_BALANCER, resourceId });
    if (!lb.ok) {
      out.push(unreadable(rule, ref, where, lb));
      found = true;
      continue;
    }
    if (!lb.value || !rule.resourceTypes.includes(lb.value.resourceType)) {
      why ??= 'Its load balancer no longer exists.';
      continue;
    }
    const result = await judgeEach(rule, each, lb.value, estate, params, now);
    if (!result.judged) {
      if (result.evaluation.complianceType === 'INSUFFICIENT_DATA') {
        out.push({ ...result.evaluation, ...ref, resourceName: displayNameOf(item) });
        found = true;
      } else why ??= result.evaluation.annotation;
      continue;
    }
    out.push(...result.children);
    if (result.children.some((c) => c.resourceId === item.resourceId)) found = true;
    else why ??= `No longer among the children of ${lb.value.name}.`;
  }
  if (!found) out.push(notApplicable(rule, ref, where, why ?? 'Not found on its load balancer.'));
  return out;
}

function displayNameOf(item: ConfigurationItem): string {
  return item.resourceName ?? item.resourceId;
}

function requireAccount(accountId: string | undefined): string {
  if (!accountId) throw new Error('ExecutionRoleName is set but the event names no account to assume it in');
  return accountId;
}
