// The CloudFormation Lambda hook that judges the whole template of every stack create and update
// in the account and region with the enforced rules (bin/hook/handler.ts). CloudFormation assumes
// its own role, trusted by hooks.cloudformation.amazonaws.com and allowed to invoke exactly this
// function. The hook's own stack is left out, so a broken hook can always be fixed or removed.
import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { CfnLambdaHook } from 'aws-cdk-lib/aws-cloudformation';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HOOK_ENV, hookConfig } from '../bin/hook/config.js';
import type { AnyRule } from '../rules/core/engine/rule.js';
import { HOOK_ENTRY } from './bundle-options.js';
import { EXECUTION_ROLE_PATH, PROJECT } from './naming.js';
import { REPO_ROOT } from './paths.js';
import { type FunctionSettings, lambdaBundling } from './rule-function.js';
import { DeploymentConfigError } from './rule-parameters.js';

export type HookFailureMode = 'FAIL' | 'WARN';

/** The hook's type alias: Name1::Name2::Name3, alphanumerics only, unique per account and region. */
export const DEFAULT_HOOK_ALIAS = 'ElbConfigRules::Template::Hook';
const ALIAS = /^(?!(?:[Aa][Ww][Ss]))[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

export interface TemplateHookProps {
  /** FAIL stops a non-compliant stack operation; WARN lets it go on with a warning. */
  failureMode: HookFailureMode;
  /** The rules enforced, with their parameters (as InputParameters: strings). */
  rules: readonly AnyRule[];
  ruleParameters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Fail closed: a value the template leaves unknown until deployment blocks too. Default false. */
  failOnUnknown?: boolean;
  /** Default ElbConfigRules::Template::Hook. */
  alias?: string;
  functions?: Pick<FunctionSettings, 'logLevel' | 'logRetention'>;
}

/** Lambda's 4,096 bytes of environment, less room for the variables the function sets itself. */
const HOOK_ENVIRONMENT_BUDGET = 4096 - 256;

export class TemplateHook extends Construct {
  readonly function: NodejsFunction;
  readonly hook: CfnLambdaHook;
  readonly invokerRole: Role;

  constructor(scope: Construct, id: string, props: TemplateHookProps) {
    super(scope, id);
    const alias = props.alias ?? DEFAULT_HOOK_ALIAS;
    if (!ALIAS.test(alias))
      throw new DeploymentConfigError(
        `templateHook alias "${alias}": expected Name1::Name2::Name3, each 2-64 letters or digits, not starting with AWS`,
      );
    if (props.failureMode !== 'FAIL' && props.failureMode !== 'WARN')
      throw new DeploymentConfigError(
        `templateHook failureMode "${props.failureMode}": expected FAIL or WARN`,
      );
    const environment = {
      [HOOK_ENV.rules]: props.rules.map((r) => r.id).join(','),
      [HOOK_ENV.parameters]: JSON.stringify(
        Object.fromEntries(props.rules.map((r) => [r.id, props.ruleParameters?.[r.id] ?? {}])),
      ),
      [HOOK_ENV.failOnUnknown]: String(props.failOnUnknown ?? false),
    };
    // The function checks its environment at cold start; a value it would refuse fails synth instead.
    try {
      hookConfig(environment);
    } catch (error) {
      throw new DeploymentConfigError(`templateHook: ${(error as Error).message}`);
    }
    // Lambda refuses a function whose environment variables exceed 4 KB in total (Lambda quotas:
    // "Function environment variables: 4 KB, for all environment variables associated with the
    // function, in aggregate"): long parameter lists fail synth here, not at deployment.
    const environmentBytes = Object.entries(environment).reduce(
      (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
      0,
    );
    if (environmentBytes > HOOK_ENVIRONMENT_BUDGET)
      throw new DeploymentConfigError(
        `templateHook: the enforced rules and their parameters take ${environmentBytes} bytes of the function's environment; ` +
          `expected at most ${HOOK_ENVIRONMENT_BUDGET} (Lambda's 4 KB, less what the function sets itself): enforce fewer rules or shorten the parameter lists`,
      );

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.functions?.logRetention ?? RetentionDays.THREE_MONTHS,
    });
    const role = new Role(this, 'ExecutionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      path: EXECUTION_ROLE_PATH,
      description: `Runs the CloudFormation template hook (${PROJECT}); it reads only the payload URL it is given.`,
      inlinePolicies: {
        WriteLogs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'WriteOwnLogs',
              effect: Effect.ALLOW,
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, HOOK_ENTRY),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: `${PROJECT}: judges stack templates with ${props.rules.length} rule(s) before CloudFormation provisions them`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // CloudFormation waits 30 seconds for a hook's answer; memory buys CPU for parsing large templates.
      memorySize: 1024,
      timeout: Duration.seconds(30),
      role,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: PROJECT,
        POWERTOOLS_LOG_LEVEL: props.functions?.logLevel ?? 'INFO',
        ...environment,
      },
      bundling: lambdaBundling(),
    });

    this.invokerRole = new Role(this, 'InvokerRole', {
      assumedBy: new ServicePrincipal('hooks.cloudformation.amazonaws.com'),
      description: `Lets CloudFormation hooks invoke the ${PROJECT} template hook function, and nothing else.`,
      inlinePolicies: {
        InvokeHookFunction: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'InvokeHookFunction',
              effect: Effect.ALLOW,
              actions: ['lambda:InvokeFunction'],
              resources: [this.function.functionArn],
            }),
          ],
        }),
      },
    });

    this.hook = new CfnLambdaHook(this, 'Hook', {
      alias,
      executionRole: this.invokerRole.roleArn,
      failureMode: props.failureMode,
      hookStatus: 'ENABLED',
      lambdaFunction: this.function.functionArn,
      targetOperations: ['STACK'],
      stackFilters: {
        filteringCriteria: 'ALL',
        stackNames: { exclude: [Stack.of(this).stackName] },
      },
    });
    // Deletions create nothing to judge. The L1's type asks for the Targets form; the Actions form is simpler.
    this.hook.addPropertyOverride('TargetFilters', { Actions: ['CREATE', 'UPDATE'] });
  }
}
