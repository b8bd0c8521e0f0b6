// Runs one Config invocation event through the engine and prints the evaluations it would send
// to PutEvaluations, without sending them. AWS is called only for data the event does not carry.
import { readFileSync } from 'node:fs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import * as ssm from '@aws-sdk/client-ssm';
import { createAwsClient } from '../../../rules/core/aws/client.js';
import { RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { fetchOversizedItem } from '../../../rules/core/engine/config-service.js';
import { runInvocation } from '../../../rules/core/engine/invocation.js';
import { stderrLog } from '../../../rules/core/engine/log.js';
import { dedupe, toConfigEvaluation } from '../../../rules/core/engine/put-evaluations.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { ssmParameterReader } from '../../../rules/core/engine/ssm-parameter-reader.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { readSnapshots } from '../../../rules/core/resources/snapshot/load.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { RULES, selectRules } from '../../../rules/index.js';
import { openSession } from '../aws-session.js';
import { checkOutputPath, emit } from '../output.js';
import { UsageError } from '../usage-error.js';

export interface EvaluateCommandOptions {
  event: string;
  rule?: string;
  profile?: string;
  snapshot: string[];
  output?: string;
  verbose?: boolean;
}

export async function evaluateCommand(options: EvaluateCommandOptions): Promise<number> {
  checkOutputPath(options.output);
  const event = readEvent(options.event);
  const rule = options.rule ? selectRules([options.rule])[0]! : ruleFromEvent(event);
  const session = options.snapshot.length ? undefined : await openSession(options.profile);
  const snapshots = options.snapshot.length ? readSnapshots(options.snapshot) : [];
  const log = stderrLog(options.verbose ? 'info' : 'warn', { rule: rule.id });
  const result = await runInvocation(rule, event, {
    log,
    now: () => new Date(),
    defaultRegion: session?.defaultRegion,
    // Lists given as ssm:/path are read with the CLI's own credentials, as the function reads its own.
    readParameter: session
      ? ssmParameterReader(
          ssm,
          createAwsClient(ssm.SSMClient, { region: session.defaultRegion, credentials: session.credentials }),
          `the CLI's account in ${session.defaultRegion ?? 'its default region'}`,
        )
      : undefined,
    async openEstate(scope) {
      if (!session) {
        const region = snapshots.find(
          (s) => s.region === scope.region && (!scope.accountId || s.accountId === scope.accountId),
        );
        if (!region)
          throw new UsageError(`--snapshot holds no estate for ${scope.accountId ?? '?'}/${scope.region}`);
        return new SnapshotEstate(region);
      }
      return LiveEstate.open(
        new RegionalAws({
          region: scope.region,
          accountId: scope.accountId,
          credentials: session.credentials,
        }),
      );
    },
    async fetchOversizedItem(summary, scope) {
      if (!session)
        throw new UsageError(
          'An oversized notification needs Config (GetResourceConfigHistory): drop --snapshot',
        );
      return fetchOversizedItem(
        createAwsClient(ConfigServiceClient, { region: scope.region, credentials: session.credentials }),
        summary,
      );
    },
  });
  const sendable = dedupe(result.evaluations).map((e) => {
    const entry = toConfigEvaluation(e, result.orderingTimestamp);
    return { ...entry, OrderingTimestamp: result.orderingTimestamp.toISOString() };
  });
  emit(JSON.stringify(sendable, null, 2), options.output);
  for (const skipped of result.unreadable) {
    process.stderr.write(
      `not evaluated (data could not be read): ${skipped.resourceId}: ${skipped.error?.reason}\n`,
    );
  }
  for (const failure of result.unlisted) {
    process.stderr.write(`not evaluated (listing failed): ${failure.resourceType}: ${failure.reason}\n`);
  }
  return result.unreadable.length || result.unlisted.length ? 1 : 0;
}

function readEvent(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--event ${path}: cannot read the file`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--event ${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** The rule whose id the event's configRuleName equals or ends with (deployed names carry prefixes). */
function ruleFromEvent(event: unknown): AnyRule {
  const name = (event as { configRuleName?: unknown }).configRuleName;
  if (typeof name === 'string') {
    const match = [...RULES]
      .sort((a, b) => b.id.length - a.id.length)
      .find((r) => name === r.id || name.endsWith(`-${r.id}`));
    if (match) return match;
  }
  throw new UsageError(
    `Cannot tell which rule the event is for (configRuleName ${JSON.stringify(name ?? null)}): pass --rule ID (${RULES.map((r) => r.id).join(', ')})`,
  );
}
