// One moto server, one runner and one set of clients per remediation test file, reset between cases;
// every AWS call a document makes is collected so the file can hold it to the document's policy.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { remediationConfigurationProps } from '../../../../infra/remediation-configuration.js';
import type { DocumentLink } from '../../../../infra/remediation-documents.js';
import { ruleParameters } from '../../../../rules/core/engine/judge.js';
import { findRule } from '../../../../rules/index.js';
import { authorizationsFor, type IamContext, isAllowed } from '../../../support/iam-policy.js';
import { startLeanMoto } from '../../../support/lean-moto.js';
import { type MotoServer, motoEnv } from '../../../support/moto.js';
import {
  type AutomationDocument,
  type AutomationResult,
  AutomationRunner,
  loadDocument,
  PythonWorker,
  type RecordedCall,
  type RunOptions,
  scriptOf,
} from '../../../support/ssm-runner/index.js';
import { type Clients, clients, Estate } from './estate.js';

export const ROLE = 'arn:aws:iam::123456789012:role/elb-config-rules-remediation';
export const IAM_CONTEXT: IamContext = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' };

export interface Harness {
  doc: AutomationDocument;
  aws: Clients;
  runner: AutomationRunner;
  /** Every call made by every run in this file. */
  calls: RecordedCall[];
  estate(): Promise<Estate>;
  run(parameters: Record<string, unknown>, options?: RunOptions): Promise<AutomationResult>;
  /**
   * Runs the document on one resource with exactly the parameters Config's remediation configuration
   * for the rule passes (infra/remediation-configuration.ts): static values as lists of strings, the
   * resource id as a string.
   */
  runAsConfig(resourceId: string, options?: ConfigRunOptions): Promise<AutomationResult>;
  /** Calls one function of a step's script directly, against moto: for unit tests of its logic. */
  callScript(step: string, fn: string, ...args: unknown[]): Promise<unknown>;
}

export interface ConfigRunOptions {
  /** The deployed rule's parameters, from which derived static values follow (staticValuesFor). */
  ruleParameters?: Record<string, unknown>;
  /** Static values the deployer sets (remediation.<rule>.parameters). */
  staticValues?: Record<string, string | string[]>;
}

/** The StartAutomationExecution parameters Config sends for a remediation configuration and resource. */
export function configParameters(
  ruleId: string,
  resourceId: string,
  options: ConfigRunOptions = {},
): Record<string, string | string[]> {
  const rule = findRule(ruleId);
  if (!rule?.remediation) throw new Error(`rule ${ruleId} has no remediation`);
  const props = remediationConfigurationProps(rule, {
    assumeRoleArn: ROLE,
    staticValues: {
      ...rule.remediation.staticValuesFor?.(ruleParameters(rule, options.ruleParameters ?? {})),
      ...options.staticValues,
    },
  });
  return Object.fromEntries(
    Object.entries(props.Parameters).map(([name, value]) => [
      name,
      'ResourceValue' in value ? resourceId : value.StaticValue.Values.map((v) => String(v)),
    ]),
  );
}

/**
 * `extraEnv` adds variables to the runner's environment when it starts, such as the endpoint of a
 * service moto does not emulate (AWS_ENDPOINT_URL_<SERVICE>).
 */
export function useRemediationHarness(
  ruleId: string,
  link: DocumentLink,
  extraEnv: () => Record<string, string> = () => ({}),
): Harness {
  let moto: MotoServer;
  let python: PythonWorker;
  const harness = {
    doc: loadDocument(link.file),
    calls: [] as RecordedCall[],
    async estate() {
      return new Estate(harness.aws).network();
    },
    async run(parameters: Record<string, unknown>, options?: RunOptions) {
      const result = await harness.runner.run(
        harness.doc,
        { AutomationAssumeRole: ROLE, ...parameters },
        options,
      );
      harness.calls.push(...result.calls);
      return result;
    },
    async runAsConfig(resourceId: string, options?: ConfigRunOptions) {
      const result = await harness.runner.run(harness.doc, configParameters(ruleId, resourceId, options));
      harness.calls.push(...result.calls);
      return result;
    },
    callScript(step: string, fn: string, ...args: unknown[]) {
      return python.callFunction(scriptOf(harness.doc, step), fn, ...args);
    },
  } as Harness;
  beforeAll(async () => {
    moto = await startLeanMoto();
    harness.aws = clients(moto.endpoint);
    const env = { ...motoEnv(moto.endpoint), ...extraEnv() };
    python = new PythonWorker(env);
    harness.runner = new AutomationRunner({ env, python });
  });
  afterAll(async () => {
    harness.aws?.destroy();
    await harness.runner?.close();
    await python?.close();
    await moto?.stop();
  });
  beforeEach(async () => moto.reset());
  return harness;
}

/**
 * Calls the policy does not allow, and allowed actions no call used: both must be empty for a
 * least-privilege policy. `rewrite` maps moto's ARNs to real ones (moto names NLBs app/).
 */
export function leastPrivilegeReport(
  link: DocumentLink,
  calls: readonly RecordedCall[],
  rewrite: (arn: string) => string = (arn) => arn,
): { denied: string[]; unused: string[] } {
  const denied = new Set<string>();
  const used = new Set<string>();
  for (const call of calls) {
    const params = Object.fromEntries(
      Object.entries(call.params).map(([k, v]) => [k, typeof v === 'string' ? rewrite(v) : v]),
    );
    for (const authorization of authorizationsFor({ iamAction: call.iamAction, params }, IAM_CONTEXT)) {
      used.add(authorization.action);
      if (!isAllowed(link.permissions, authorization, IAM_CONTEXT)) {
        denied.add(`${authorization.action} on ${authorization.resource} (step ${call.step})`);
      }
    }
  }
  const unused = link.permissions.flatMap((s) => s.actions).filter((action) => !used.has(action));
  return { denied: [...denied].sort(), unused: [...new Set(unused)].sort() };
}
