// createHandler(rule) is the Lambda entry for one rule: it parses the Config event, judges the
// affected load balancers, and delivers the evaluations. Resources whose data could not be read
// are not reported (Config refuses INSUFFICIENT_DATA, and COMPLIANT would be a lie), nor are those
// of a type whose listing failed; once every other resource is delivered the invocation fails, so
// the gap shows in metrics and is retried.

import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { Context } from 'aws-lambda';
import { createAwsClient } from '../aws/client.js';
import { assumedRoleCredentials } from '../aws/credentials.js';
import { RegionalAws } from '../aws/regional-aws.js';
import { ElbConfigRulesError } from '../model/errors.js';
import { LiveEstate } from '../resources/live/live-estate.js';
import { fetchOversizedItem, listEvaluatedResources } from './config-service.js';
import { type EstateScope, type InvocationDeps, runInvocation } from './invocation.js';
import type { Log } from './log.js';
import type { ReadParameter } from './parameter-store.js';
import { putEvaluations } from './put-evaluations.js';
import type { AnyRule } from './rule.js';

export class IncompleteEvaluationError extends ElbConfigRulesError {
  override name = 'IncompleteEvaluationError';
}

export interface HandlerOptions {
  /** Overrides for tests: SDK client settings, sleep, clock. */
  clientConfig?: Record<string, unknown>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log?: Log;
}

export function createHandler(rule: AnyRule, options: HandlerOptions = {}) {
  const log = options.log ?? powertoolsLog(rule.id);
  return async (event: unknown, _context?: Context): Promise<{ delivered: number; calls: number }> => {
    const credentialsFor = (scope: EstateScope) =>
      scope.roleArn ? assumedRoleCredentials(scope.roleArn, scope.region) : undefined;
    const configClient = (scope: EstateScope) =>
      createAwsClient(ConfigServiceClient, {
        region: scope.region,
        ...(scope.roleArn ? { credentials: credentialsFor(scope) } : {}),
        ...options.clientConfig,
      });
    const deps: InvocationDeps = {
      log,
      now: options.now ?? (() => new Date()),
      defaultRegion: process.env.AWS_REGION,
      assumeEventRole: process.env.ASSUME_EXECUTION_ROLE === 'true',
      openEstate: (scope) =>
        LiveEstate.open(
          new RegionalAws({
            region: scope.region,
            accountId: scope.accountId,
            credentials: credentialsFor(scope),
            clientConfig: options.clientConfig,
          }),
        ),
      fetchOversizedItem: (summary, scope) => fetchOversizedItem(configClient(scope), summary),
      listEvaluatedResources: (ruleName, scope) => listEvaluatedResources(configClient(scope), ruleName),
      readParameter: ownParameterReader(options),
    };
    const result = await runInvocation(rule, event, deps);
    const calls = result.evaluations.length
      ? await putEvaluations(configClient(result.scope), result.evaluations, {
          resultToken: result.event.resultToken,
          testMode: result.event.testMode,
          orderingTimestamp: result.orderingTimestamp,
          log,
          sleep: options.sleep,
        })
      : 0;
    const gaps = [
      ...result.unlisted.map((u) => `${u.resourceType} could not be listed: ${u.reason}`),
      ...result.unreadable.slice(0, 3).map((e) => e.error?.reason ?? e.resourceId),
    ];
    if (gaps.length) {
      throw new IncompleteEvaluationError(
        `${result.unreadable.length} resource(s) not evaluated because their data could not be read` +
          `${result.unlisted.length ? `, and ${result.unlisted.length} resource type(s) not listed` : ''} ` +
          `(${result.evaluations.length} others delivered): ${gaps.join('; ')}`,
      );
    }
    return { delivered: result.evaluations.length, calls };
  };
}

/**
 * Parameter Store is read with the function's own role in its own account and region (in
 * central-account mode, the central account: one list for every member), created on first use.
 */
function ownParameterReader(options: HandlerOptions): ReadParameter {
  let reader: Promise<ReadParameter> | undefined;
  return async (path) => {
    // Loaded on first use, and not bundled: few functions read Parameter Store, so the client is
    // imported from the Lambda runtime's own SDK (nodejs22.x ships SDK v3) only when one does.
    reader ??= Promise.all([import('@aws-sdk/client-ssm'), import('./ssm-parameter-reader.js')]).then(
      ([ssm, { ssmParameterReader }]) => {
        const client = createAwsClient(ssm.SSMClient, {
          region: process.env.AWS_REGION,
          ...options.clientConfig,
        });
        const region = process.env.AWS_REGION ?? (options.clientConfig?.region as string | undefined);
        return ssmParameterReader(
          ssm,
          client,
          `the function's own account and region${region ? ` (${region})` : ''}`,
        );
      },
    );
    return (await reader)(path);
  };
}

function powertoolsLog(ruleId: string): Log {
  const logger = new Logger({ serviceName: 'elb-config-rules', persistentKeys: { rule: ruleId } });
  return {
    debug: (message, attributes) => logger.debug(message, attributes ?? {}),
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}
