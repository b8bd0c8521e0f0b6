// Least-privilege statements for a rule's function, from the actions requiredIamActions() derives.
// Actions are scoped to the narrowest resource their API supports; those whose API has no
// resource-level permissions (the ELB and EC2 Describe calls, PutEvaluations) go on "*". Anything
// else that would land on "*" while able to change state fails synth instead of widening a policy.

import { Aws } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ElbConfigRulesError } from '../rules/core/model/errors.js';

/** Read actions are prefixed by these verbs; they change nothing. */
const READ_ONLY_VERB = /^(Describe|Get|List|BatchGet)/;

/** Writes that have no resource-level permissions in IAM and are safe on "*". */
export const UNSCOPABLE_WRITES: ReadonlyMap<string, string> = new Map([
  [
    'config:PutEvaluations',
    'PutEvaluations has no resource-level permissions; it can only write results for the rule whose one-time result token the invocation carries.',
  ],
]);

/**
 * Actions whose API supports resource-level permissions, with the ARN pattern of this account in
 * `region`: the stack's own region, or '*' for a role meant for every region (IAM is global, so a
 * role deployed once per account must name no single region).
 */
const SCOPED: Record<string, (region: string) => string> = {
  'config:GetComplianceDetailsByConfigRule': (region) =>
    `arn:${Aws.PARTITION}:config:${region}:${Aws.ACCOUNT_ID}:config-rule/*`,
  'acm:DescribeCertificate': (region) => `arn:${Aws.PARTITION}:acm:${region}:${Aws.ACCOUNT_ID}:certificate/*`,
  'acm:GetCertificate': (region) => `arn:${Aws.PARTITION}:acm:${region}:${Aws.ACCOUNT_ID}:certificate/*`,
  'iam:GetServerCertificate': () => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:server-certificate/*`,
};

/** Where a role's statements may act: the region of its stack, or every region of the account. */
export type RegionScope = 'stack-region' | 'every-region';

export function isReadOnly(action: string): boolean {
  const verb = action.split(':')[1] ?? '';
  return READ_ONLY_VERB.test(verb);
}

export class UnscopedWriteError extends ElbConfigRulesError {
  override name = 'UnscopedWriteError';
}

/** Statements granting exactly `actions`, grouped by the resource each can be scoped to. */
export function evaluationStatements(
  ruleId: string,
  actions: readonly string[],
  regions: RegionScope = 'stack-region',
): PolicyStatement[] {
  const region = regions === 'every-region' ? '*' : Aws.REGION;
  const byResource = new Map<string, string[]>();
  const add = (resource: string, action: string) =>
    byResource.set(resource, [...(byResource.get(resource) ?? []), action]);
  const unscopedReads: string[] = [];
  const unscopedWrites: string[] = [];
  for (const action of [...actions].sort()) {
    const scope = SCOPED[action];
    if (scope) add(scope(region), action);
    else if (isReadOnly(action)) unscopedReads.push(action);
    else if (UNSCOPABLE_WRITES.has(action)) unscopedWrites.push(action);
    else {
      throw new UnscopedWriteError(
        `Rule ${ruleId} needs ${action}, which can change state and has no resource scope in infra/iam-policy.ts. ` +
          'Add the ARN pattern it should be limited to before deploying it.',
      );
    }
  }
  const statements: PolicyStatement[] = [];
  if (unscopedReads.length)
    statements.push(statement('ReadWithoutResourceLevelPermissions', unscopedReads, ['*']));
  if (unscopedWrites.length) statements.push(statement('DeliverEvaluations', unscopedWrites, ['*']));
  let n = 0;
  for (const [resource, scoped] of byResource)
    statements.push(statement(`ReadScoped${n++}`, scoped, [resource]));
  return statements;
}

function statement(sid: string, actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources });
}
