// One AWS Config invocation, from event to evaluations. The only code that knows the three
// message types; it returns what to send and sends nothing itself.

import { forEachConcurrent } from '../aws/concurrency.js';
import type { ReportedResourceType, ResourceRef } from '../model/model.js';
import { affectedBy, isReportedType } from '../resources/affected.js';
import { type ConfigurationItem, normalizeConfigurationItem } from '../resources/config-item/item.js';
import type { Estate } from '../resources/estate.js';
import { failedFrom } from '../resources/fetched.js';
import { cut } from './annotation.js';
import { CHANGE, OVERSIZED, parseRuleEvent, type RuleEvent } from './event.js';
import { type Evaluation, judge, notApplicable, ruleParameters } from './judge.js';
import type { Log } from './log.js';
import { type ReadParameter, resolveParameterStore } from './parameter-store.js';
import { engineParameters } from './parameters.js';
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

  if (
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
      results.push({
        ...notApplicable(rule, { resourceType: item.resourceType, resourceId: item.resourceId }, where, ''),
        complianceType: 'INSUFFICIENT_DATA',
        annotation: cut(`Not evaluated: ${affected.reason}`),
        error: { code: affected.code, reason: affected.reason },
      });
    } else if (affected.value.type === 'gone') {
      const { ref, why } = affected.value;
      results.push(notApplicable(rule, ref, where, why));
    } else if (affected.value.type === 'nothing') {
      log.info('nothing to evaluate', { resourceId: item.resourceId, why: affected.value.why });
    } else {
      for (const lb of affected.value.loadBalancers) {
        if (!rule.resourceTypes.includes(lb.resourceType)) continue;
        results.push(await judge(rule, lb, estate, params, now));
      }
    }
  } else {
    // Each type is listed on its own: a Classic listing that is denied or throttled past its
    // retries must not cost the ALBs and NLBs their evaluations, nor the other way round.
    const seen = new Set<string>();
    for (const resourceType of rule.resourceTypes) {
      try {
        await forEachConcurrent(
          estate.listLoadBalancers([resourceType]),
          deps.concurrency ?? 8,
          async (lb) => {
            seen.add(`${lb.resourceType}|${lb.resourceId}`);
            results.push(await judge(rule, lb, estate, params, now));
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
      try {
        for (const ref of await deps.listEvaluatedResources(event.configRuleName, scope)) {
          if (
            !seen.has(`${ref.resourceType}|${ref.resourceId}`) &&
            listed.includes(ref.resourceType as ReportedResourceType)
          ) {
            results.push(notApplicable(rule, ref, where, 'The load balancer no longer exists.'));
          }
        }
      } catch (error) {
        // Losing the clean-up leaves a stale result for a deleted resource; it must not lose the fresh ones.
        log.warn('could not list earlier evaluations; stale results are kept', { error: String(error) });
      }
    }
  }

  for (const evaluation of results) {
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
    evaluations: results.filter((e) => e.complianceType !== 'INSUFFICIENT_DATA'),
    unreadable: results.filter((e) => e.complianceType === 'INSUFFICIENT_DATA'),
    unlisted,
    orderingTimestamp: Number.isNaN(orderingTimestamp.getTime()) ? now : orderingTimestamp,
  };
}

function requireAccount(accountId: string | undefined): string {
  if (!accountId) throw new Error('ExecutionRoleName is set but the event names no account to assume it in');
  return accountId;
}
