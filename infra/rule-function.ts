// One rule's Lambda function: its own esbuild bundle (local esbuild, never Docker), a log group with
// retention, a least-privilege execution role, and the invoke permission for AWS Config pinned to
// the accounts allowed to call it (SourceAccount blocks confused-deputy invocations).
import { join } from 'node:path';
import { Aws, Duration } from 'aws-cdk-lib';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { requiredIamActions } from '../rules/core/engine/iam.js';
import type { AnyRule } from '../rules/core/engine/rule.js';
import { LAMBDA_BUNDLE } from './bundle-options.js';
import { evaluationStatements, isReadOnly, UNSCOPABLE_WRITES } from './iam-policy.js';
import { acknowledgeWildcards } from './nag.js';
import { EXECUTION_ROLE_PATH, PROJECT } from './naming.js';
import { REPO_ROOT } from './paths.js';

/**
 * NodejsFunction's bundling for every function of the pack (the rules' and the template hook's).
 * The settings live in bundle-options.ts, so the bundle the benchmarks measure is this one.
 */
export function lambdaBundling(): BundlingOptions {
  return {
    forceDockerBundling: false,
    format: OutputFormat.ESM,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    minify: LAMBDA_BUNDLE.minify,
    target: LAMBDA_BUNDLE.target,
    sourceMap: LAMBDA_BUNDLE.sourceMap,
    externalModules: [...LAMBDA_BUNDLE.externalModules],
    banner: LAMBDA_BUNDLE.banner,
    logLevel: LogLevel.ERROR,
  };
}

export type PowertoolsLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface FunctionSettings {
  /** Powertools log level (POWERTOOLS_LOG_LEVEL). Default INFO. */
  logLevel?: PowertoolsLogLevel;
  /** Default three months. */
  logRetention?: RetentionDays;
  /** Default 512 MB: memory also buys CPU for JSON and TLS on large periodic sweeps. */
  memorySize?: number;
  /** Default 15 minutes: a periodic sweep of thousands of load balancers is rate-limited by the ELB API. */
  timeout?: Duration;
  /** Default ARM_64 (the bundle is plain JavaScript). */
  architecture?: Architecture;
  /** Default nodejs24.x; the bundle targets node22, so nodejs22.x works too. */
  runtime?: Runtime;
  reservedConcurrentExecutions?: number;
}

/** How the function reads the estate. */
export type ReadMode =
  | { kind: 'own-account' }
  /** Central-account mode: assume this role in the evaluated account and read nothing locally. */
  | { kind: 'assume-role'; roleName: string; organizationId?: string };

export interface RuleFunctionProps {
  rule: AnyRule;
  /** The rule's folder, holding handler.ts. */
  folder: string;
  settings?: FunctionSettings;
  /** A fixed name, for templates that refer to the function by ARN (conformance packs). */
  functionName?: string;
  read: ReadMode;
  /** Accounts whose AWS Config may invoke the function (SourceAccount of each permission). */
  invokingAccounts: readonly string[];
  /** SSM parameters (paths) the function reads list parameters from, in its own account and region. */
  parameterStorePaths?: readonly string[];
}

export class RuleFunction extends Construct {
  readonly function: IFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: RuleFunctionProps) {
    super(scope, id);
    const { rule, settings = {} } = props;

    const logGroup = new LogGroup(this, 'Logs', {
      retention: settings.logRetention ?? RetentionDays.THREE_MONTHS,
    });

    const statements = [
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
      ...(props.read.kind === 'own-account'
        ? evaluationStatements(rule.id, requiredIamActions(rule))
        : [assumeEvaluationRole(props.read.roleName, props.read.organizationId)]),
      ...readParameters(props.parameterStorePaths ?? []),
    ];
    this.role = new Role(this, 'ExecutionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      path: EXECUTION_ROLE_PATH,
      description: `Runs the ${rule.id} AWS Config rule (${PROJECT}).`,
      inlinePolicies: { Evaluate: new PolicyDocument({ statements }) },
    });
    acknowledgeWildcards(this.role, statements, wildcardReason);

    const fn = new NodejsFunction(this, 'Function', {
      entry: join(props.folder, 'handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      functionName: props.functionName,
      description: `${rule.id}: ${rule.title}`.slice(0, 256),
      runtime: settings.runtime ?? Runtime.NODEJS_24_X,
      architecture: settings.architecture ?? Architecture.ARM_64,
      memorySize: settings.memorySize ?? 512,
      timeout: settings.timeout ?? Duration.minutes(15),
      reservedConcurrentExecutions: settings.reservedConcurrentExecutions,
      role: this.role,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: PROJECT,
        POWERTOOLS_LOG_LEVEL: settings.logLevel ?? 'INFO',
        // Central mode: with no ExecutionRoleName the function assumes the event's role, which it is
        // not allowed to, so a misconfigured rule fails loudly instead of reading the wrong account.
        ...(props.read.kind === 'assume-role' ? { ASSUME_EXECUTION_ROLE: 'true' } : {}),
      },
      bundling: lambdaBundling(),
    });
    this.function = fn;

    props.invokingAccounts.forEach((account, index) => {
      fn.addPermission(index === 0 ? 'ConfigInvoke' : `ConfigInvoke${index}`, {
        principal: new ServicePrincipal('config.amazonaws.com'),
        action: 'lambda:InvokeFunction',
        sourceAccount: account,
      });
    });
  }
}

/** ssm:GetParameter on exactly the configured parameters, in the function's own account and region. */
function readParameters(paths: readonly string[]): PolicyStatement[] {
  if (!paths.length) return [];
  return [
    new PolicyStatement({
      sid: 'ReadListParameters',
      effect: Effect.ALLOW,
      actions: ['ssm:GetParameter'],
      resources: [...paths]
        .sort()
        .map((path) => `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${path}`),
    }),
  ];
}

function assumeEvaluationRole(roleName: string, organizationId?: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'AssumeEvaluationRole',
    effect: Effect.ALLOW,
    actions: ['sts:AssumeRole'],
    resources: [`arn:${Aws.PARTITION}:iam::*:role/${roleName}`],
    ...(organizationId ? { conditions: { StringEquals: { 'aws:ResourceOrgID': organizationId } } } : {}),
  });
}

function wildcardReason(s: PolicyStatement, resource: string): string {
  if (resource === '*') {
    const writes = s.actions.filter((a) => !isReadOnly(a));
    if (writes.length) return writes.map((a) => UNSCOPABLE_WRITES.get(a) ?? a).join(' ');
    return `${s.actions.join(', ')} have no resource-level permissions in IAM; they only read.`;
  }
  if (s.actions.includes('sts:AssumeRole'))
    return 'Central-account mode assumes one fixed role name in whichever member account Config evaluates; the account is only known per event.';
  return `${s.actions.join(', ')} read resources of this account and region only; their names are not known at deploy time.`;
}
