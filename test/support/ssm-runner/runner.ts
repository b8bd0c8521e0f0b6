// Executes an SSM Automation document's steps the way SSM does, against whatever endpoint the
// environment names (moto in the tests): parameters typed and checked, {{ }} references resolved,
// AWS APIs called through the SDK, Python scripts run with boto3, and the flow controls honoured
// (nextStep, isEnd, onFailure, isCritical, maxAttempts). An action it does not implement is refused
// before the first step runs, never skipped.
import { randomUUID } from 'node:crypto';
import { AwsApi, clientConfigFromEnv, type RecordedCall } from './aws-api.js';
import { type AutomationDocument, DocumentError, type Step, type StepOutput } from './document.js';
import { interpolate } from './interpolate.js';
import { EXECUTE_SCRIPT_LIMITS, EXECUTE_SCRIPT_RUNTIMES } from './limits.js';
import { PythonWorker } from './python.js';
import { select } from './selector.js';
import { validateDocument } from './validate.js';
import { coerceParameter, hasType, ParameterError } from './values.js';

export const SUPPORTED_ACTIONS = [
  'aws:executeAwsApi',
  'aws:executeScript',
  'aws:branch',
  'aws:assertAwsResourceProperty',
  'aws:waitForAwsResourceProperty',
  'aws:sleep',
] as const;

export class UnsupportedStepError extends Error {
  override name = 'UnsupportedStepError';
}

/** A step failure: the step's own error, reported as SSM would in the step's FailureMessage. */
export class StepFailure extends Error {
  override name = 'StepFailure';
}

export interface RunnerOptions {
  /** AWS environment for the SDK and for Python (AWS_ENDPOINT_URL, AWS_REGION, credentials). */
  env: Record<string, string>;
  accountId?: string;
  partition?: string;
  /** How aws:sleep and polling wait; the default waits no wall-clock time and only records. */
  sleep?: (seconds: number) => Promise<void>;
  /** Seconds between polls of aws:waitForAwsResourceProperty. */
  pollIntervalSeconds?: number;
  /** Shares a Python process between runners; otherwise the runner starts its own. */
  python?: PythonWorker;
}

export interface StepResult {
  name: string;
  action: string;
  status: 'Success' | 'Failed';
  outputs: Record<string, unknown>;
  failureMessage?: string;
  attempts: number;
  /** What a script printed (SSM shows it in the step's output). */
  printed?: string;
}

export interface AutomationResult {
  executionId: string;
  status: 'Success' | 'Failed';
  failureMessage?: string;
  parameters: Record<string, unknown>;
  steps: StepResult[];
  /** The document's outputs ("Step.Output" → value) that were produced. */
  outputs: Record<string, unknown>;
  /** Every AWS call made, in order, with its IAM action. */
  calls: RecordedCall[];
  /** Seconds waited by aws:sleep and by polling, in order. */
  sleeps: number[];
}

export interface RunOptions {
  executionId?: string;
  /**
   * Runs before each step starts, with the step's name: lets a test change the world between two
   * steps, as another actor can between an automation's plan and its apply.
   */
  beforeStep?: (stepName: string) => Promise<void>;
}

const MAX_STEP_EXECUTIONS = 500;

export class AutomationRunner {
  private readonly api: AwsApi;
  private readonly python: PythonWorker;
  private readonly ownsPython: boolean;
  private readonly region: string;

  constructor(private readonly options: RunnerOptions) {
    const config = clientConfigFromEnv(options.env);
    this.region = config.region;
    this.api = new AwsApi(config);
    this.ownsPython = !options.python;
    this.python = options.python ?? new PythonWorker(options.env);
  }

  async close(): Promise<void> {
    this.api.destroy();
    if (this.ownsPython) await this.python.close();
  }

  async run(
    doc: AutomationDocument,
    provided: Record<string, unknown>,
    { executionId = randomUUID(), beforeStep }: RunOptions = {},
  ): Promise<AutomationResult> {
    const problems = validateDocument(doc);
    if (problems.length) throw new DocumentError('document', problems);
    const unsupported = doc.mainSteps.filter(
      (step) => !(SUPPORTED_ACTIONS as readonly string[]).includes(step.action),
    );
    if (unsupported.length) {
      throw new UnsupportedStepError(
        `The runner cannot execute ${unsupported.map((s) => `${s.name} (${s.action})`).join(', ')}; it supports ${SUPPORTED_ACTIONS.join(', ')}`,
      );
    }
    const execution = new Execution(doc, resolveParameters(doc, provided), executionId, beforeStep, {
      api: this.api,
      python: this.python,
      region: this.region,
      accountId: this.options.accountId ?? '123456789012',
      partition: this.options.partition ?? 'aws',
      sleep: this.options.sleep ?? (async () => {}),
      pollIntervalSeconds: this.options.pollIntervalSeconds ?? 5,
    });
    return execution.run();
  }
}

function resolveParameters(
  doc: AutomationDocument,
  provided: Record<string, unknown>,
): Record<string, unknown> {
  for (const name of Object.keys(provided)) {
    if (!doc.parameters[name]) {
      throw new ParameterError(
        `Unknown parameter ${name}; the document takes ${Object.keys(doc.parameters).join(', ')}`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(doc.parameters)) {
    const raw = provided[name] ?? spec.default;
    if (raw === undefined) throw new ParameterError(`Parameter ${name} is required (it has no default)`);
    values[name] = coerceParameter(name, spec, raw);
  }
  return values;
}

interface ExecutionDeps {
  api: AwsApi;
  python: PythonWorker;
  region: string;
  accountId: string;
  partition: string;
  sleep: (seconds: number) => Promise<void>;
  pollIntervalSeconds: number;
}

class Execution {
  private readonly stepOutputs = new Map<string, Record<string, unknown>>();
  private readonly results: StepResult[] = [];
  private readonly calls: RecordedCall[] = [];
  private readonly sleeps: number[] = [];

  constructor(
    private readonly doc: AutomationDocument,
    private readonly parameters: Record<string, unknown>,
    private readonly executionId: string,
    private readonly beforeStep: RunOptions['beforeStep'],
    private readonly deps: ExecutionDeps,
  ) {}

  async run(): Promise<AutomationResult> {
    const steps = this.doc.mainSteps;
    const indexOf = new Map(steps.map((step, i) => [step.name, i]));
    let index: number | undefined = 0;
    let failed: StepResult | undefined;
    let executions = 0;
    while (index !== undefined && index < steps.length) {
      if (++executions > MAX_STEP_EXECUTIONS)
        throw new Error(`more than ${MAX_STEP_EXECUTIONS} steps ran: a loop?`);
      const step = steps[index] as Step;
      await this.beforeStep?.(step.name);
      const { result, branchTarget } = await this.runStep(step);
      this.results.push(result);
      let next: number | undefined = index + 1;
      if (result.status === 'Failed') {
        if (step.isCritical !== false) failed ??= result;
        const onFailure = step.onFailure ?? 'Abort';
        if (onFailure === 'Abort') break;
        if (onFailure.startsWith('step:')) next = indexOf.get(onFailure.slice('step:'.length));
      } else if (branchTarget !== undefined) {
        next = indexOf.get(branchTarget);
      } else if (step.isEnd) {
        next = undefined;
      } else if (step.nextStep) {
        next = indexOf.get(step.nextStep);
      }
      index = next;
    }
    const outputs: Record<string, unknown> = {};
    for (const name of this.doc.outputs ?? []) {
      const [stepName = '', outputName = ''] = name.split('.');
      const value = this.stepOutputs.get(stepName)?.[outputName];
      if (value !== undefined) outputs[name] = value;
    }
    return {
      executionId: this.executionId,
      status: failed ? 'Failed' : 'Success',
      ...(failed ? { failureMessage: `${failed.name}: ${failed.failureMessage}` } : {}),
      parameters: this.parameters,
      steps: this.results,
      outputs,
      calls: this.calls,
      sleeps: this.sleeps,
    };
  }

  private async runStep(step: Step): Promise<{ result: StepResult; branchTarget?: string }> {
    const maxAttempts = step.maxAttempts ?? 1;
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        const inputs = interpolate(step.inputs, (name) => this.resolve(name)) as Record<string, unknown>;
        const { outputs = {}, branchTarget, printed } = await this.execute(step, inputs);
        this.stepOutputs.set(step.name, outputs);
        const result: StepResult = {
          name: step.name,
          action: step.action,
          status: 'Success',
          outputs,
          attempts: attempt,
          ...(printed ? { printed } : {}),
        };
        return { result, ...(branchTarget !== undefined ? { branchTarget } : {}) };
      } catch (error) {
        lastError = error as Error;
      }
    }
    this.stepOutputs.set(step.name, {});
    return {
      result: {
        name: step.name,
        action: step.action,
        status: 'Failed',
        outputs: {},
        failureMessage: lastError?.message ?? 'failed',
        attempts: maxAttempts,
      },
    };
  }

  private async execute(
    step: Step,
    inputs: Record<string, unknown>,
  ): Promise<{ outputs?: Record<string, unknown>; branchTarget?: string; printed?: string }> {
    switch (step.action) {
      case 'aws:executeAwsApi': {
        const response = await this.callApi(step, inputs, ['Service', 'Api']);
        return { outputs: selectOutputs(step.outputs, response) };
      }
      case 'aws:executeScript':
        return this.executeScript(step, inputs);
      case 'aws:assertAwsResourceProperty': {
        const response = await this.callApi(step, inputs, [
          'Service',
          'Api',
          'PropertySelector',
          'DesiredValues',
        ]);
        const verdict = propertyVerdict(response, inputs);
        if (!verdict.ok) throw new StepFailure(verdict.message);
        return {};
      }
      case 'aws:waitForAwsResourceProperty':
        return this.waitForProperty(step, inputs);
      case 'aws:branch':
        return { ...branchTarget(inputs) };
      case 'aws:sleep': {
        const seconds = durationSeconds(inputs);
        this.sleeps.push(seconds);
        await this.deps.sleep(seconds);
        return {};
      }
      default:
        throw new UnsupportedStepError(`${step.action} is not supported`);
    }
  }

  private async callApi(
    step: Step,
    inputs: Record<string, unknown>,
    controlKeys: string[],
  ): Promise<Record<string, unknown>> {
    const service = inputs.Service as string;
    const api = inputs.Api as string;
    const params = Object.fromEntries(Object.entries(inputs).filter(([key]) => !controlKeys.includes(key)));
    this.calls.push({ step: step.name, iamAction: this.deps.api.iamAction(service, api), params });
    return this.deps.api.call(service, api, params);
  }

  private async executeScript(
    step: Step,
    inputs: Record<string, unknown>,
  ): Promise<{ outputs: Record<string, unknown>; printed?: string }> {
    if (inputs.Attachment !== undefined) {
      throw new UnsupportedStepError(`${step.name}: script attachments are not supported; inline the Script`);
    }
    const runtime = String(inputs.Runtime);
    if (!(EXECUTE_SCRIPT_RUNTIMES as readonly string[]).includes(runtime)) {
      throw new UnsupportedStepError(
        `${step.name}: runtime ${runtime} is not one aws:executeScript runs today (${EXECUTE_SCRIPT_RUNTIMES.join(', ')})`,
      );
    }
    const seconds = Math.min(
      step.timeoutSeconds ?? EXECUTE_SCRIPT_LIMITS.seconds,
      EXECUTE_SCRIPT_LIMITS.seconds,
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), seconds * 1000);
    });
    const reply = await Promise.race([
      this.deps.python.runHandler(String(inputs.Script), String(inputs.Handler), inputs.InputPayload ?? {}, {
        'automation:EXECUTION_ID': this.executionId,
        'global:ACCOUNT_ID': this.deps.accountId,
        'global:REGION': this.deps.region,
      }),
      timedOut,
    ]).finally(() => clearTimeout(timer));
    if (reply === 'timeout') {
      await this.deps.python.abort();
      throw new StepFailure(
        `Step timed out: the script ran longer than ${seconds}s (timeoutSeconds, at most 600)`,
      );
    }
    for (const call of reply.calls) this.calls.push({ step: step.name, ...call });
    if (!reply.ok) throw new StepFailure(`${reply.error}\n${reply.traceback ?? ''}`.trim());
    const bytes = Buffer.byteLength(JSON.stringify(reply.result ?? null), 'utf8');
    if (bytes > EXECUTE_SCRIPT_LIMITS.outputBytes) {
      throw new StepFailure(
        `The script's output is ${bytes} bytes; aws:executeScript returns at most ${EXECUTE_SCRIPT_LIMITS.outputBytes} (100 KB)`,
      );
    }
    return {
      outputs: selectOutputs(step.outputs, { Payload: reply.result }),
      ...(reply.printed ? { printed: reply.printed } : {}),
    };
  }

  private async waitForProperty(step: Step, inputs: Record<string, unknown>): Promise<Record<string, never>> {
    const timeout = step.timeoutSeconds ?? 3600;
    const polls = Math.max(1, Math.ceil(timeout / this.deps.pollIntervalSeconds));
    let verdict = { ok: false, message: 'never polled' };
    for (let poll = 1; poll <= polls; poll++) {
      const response = await this.callApi(step, inputs, [
        'Service',
        'Api',
        'PropertySelector',
        'DesiredValues',
      ]);
      verdict = propertyVerdict(response, inputs);
      if (verdict.ok) return {};
      if (poll < polls) {
        this.sleeps.push(this.deps.pollIntervalSeconds);
        await this.deps.sleep(this.deps.pollIntervalSeconds);
      }
    }
    throw new StepFailure(`timed out after ${timeout}s: ${verdict.message}`);
  }

  private resolve(name: string): unknown {
    switch (name) {
      case 'automation:EXECUTION_ID':
        return this.executionId;
      case 'automation:DOCUMENT_NAME':
        return 'document';
      case 'global:ACCOUNT_ID':
        return this.deps.accountId;
      case 'global:REGION':
        return this.deps.region;
      case 'global:AWS_PARTITION':
        return this.deps.partition;
    }
    if (name in this.parameters) return this.parameters[name];
    const [stepName = '', outputName = ''] = name.split('.');
    const outputs = this.stepOutputs.get(stepName);
    if (!outputs) throw new StepFailure(`{{ ${name} }}: step ${stepName} has not run`);
    if (!(outputName in outputs)) {
      throw new StepFailure(`{{ ${name} }}: step ${stepName} produced no output ${outputName}`);
    }
    return outputs[outputName];
  }
}

function selectOutputs(outputs: readonly StepOutput[] | undefined, root: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const output of outputs ?? []) {
    const { found, value } = select(root, output.Selector);
    if (!found) throw new StepFailure(`output ${output.Name}: ${output.Selector} selects nothing`);
    if (!hasType(value, output.Type)) {
      throw new StepFailure(
        `output ${output.Name} is declared ${output.Type} but ${output.Selector} holds ${JSON.stringify(value)}`,
      );
    }
    values[output.Name] = value;
  }
  return values;
}

function propertyVerdict(
  response: unknown,
  inputs: Record<string, unknown>,
): { ok: boolean; message: string } {
  const selector = String(inputs.PropertySelector);
  const desired = (inputs.DesiredValues as unknown[]).map(String);
  const { found, value } = select(response, selector);
  if (!found)
    return { ok: false, message: `${selector} selects nothing; expected one of ${desired.join(', ')}` };
  if (value !== null && typeof value === 'object') {
    return {
      ok: false,
      message: `${selector} selects a ${Array.isArray(value) ? 'list' : 'map'}, not a value`,
    };
  }
  const actual = String(value);
  return desired.includes(actual)
    ? { ok: true, message: '' }
    : { ok: false, message: `${selector} is ${actual}, expected one of ${desired.join(', ')}` };
}

function branchTarget(inputs: Record<string, unknown>): { branchTarget?: string } {
  for (const choice of inputs.Choices as Record<string, unknown>[]) {
    if (choiceHolds(choice)) return { branchTarget: String(choice.NextStep) };
  }
  return typeof inputs.Default === 'string' ? { branchTarget: inputs.Default } : {};
}

export function choiceHolds(choice: Record<string, unknown>): boolean {
  if (Array.isArray(choice.And)) return choice.And.every((c) => choiceHolds(c as Record<string, unknown>));
  if (Array.isArray(choice.Or)) return choice.Or.some((c) => choiceHolds(c as Record<string, unknown>));
  if (choice.Not) return !choiceHolds(choice.Not as Record<string, unknown>);
  const variable = choice.Variable;
  const text = typeof variable === 'string' ? variable : JSON.stringify(variable);
  const number = (value: unknown) => {
    const n = Number(value);
    if (Number.isNaN(n)) throw new StepFailure(`branch: ${JSON.stringify(value)} is not a number`);
    return n;
  };
  if ('StringEquals' in choice) return text === String(choice.StringEquals);
  if ('EqualsIgnoreCase' in choice)
    return text.toLowerCase() === String(choice.EqualsIgnoreCase).toLowerCase();
  if ('StartsWith' in choice) return text.startsWith(String(choice.StartsWith));
  if ('EndsWith' in choice) return text.endsWith(String(choice.EndsWith));
  if ('Contains' in choice) {
    return Array.isArray(variable)
      ? variable.map(String).includes(String(choice.Contains))
      : text.includes(String(choice.Contains));
  }
  if ('BooleanEquals' in choice) {
    if (typeof variable !== 'boolean' && variable !== 'true' && variable !== 'false') {
      throw new StepFailure(
        `branch: BooleanEquals needs a Boolean variable, got ${JSON.stringify(variable)}`,
      );
    }
    return String(variable) === String(choice.BooleanEquals);
  }
  if ('NumericEquals' in choice) return number(variable) === number(choice.NumericEquals);
  if ('NumericGreater' in choice) return number(variable) > number(choice.NumericGreater);
  if ('NumericLesser' in choice) return number(variable) < number(choice.NumericLesser);
  if ('NumericGreaterOrEquals' in choice) return number(variable) >= number(choice.NumericGreaterOrEquals);
  if ('NumericLesserOrEquals' in choice) return number(variable) <= number(choice.NumericLesserOrEquals);
  throw new StepFailure(`branch: choice ${JSON.stringify(choice)} has no operator the runner knows`);
}

function durationSeconds(inputs: Record<string, unknown>): number {
  if (typeof inputs.Duration !== 'string') {
    throw new UnsupportedStepError('aws:sleep with a Timestamp is not supported; use Duration');
  }
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(inputs.Duration);
  if (!match) throw new StepFailure(`aws:sleep Duration ${inputs.Duration} is not an ISO 8601 duration`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
