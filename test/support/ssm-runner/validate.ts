// Offline checks of an Automation document beyond its shape: what SSM itself checks when a document
// is created (unique step names, targets that exist, typed defaults) plus what would only fail at
// run time (a reference to an output no earlier step declares, an unreachable step).
import type { AutomationDocument, Step } from './document.js';
import { referencesIn } from './interpolate.js';
import { EXECUTE_SCRIPT_RUNTIMES } from './limits.js';
import { parseSelector } from './selector.js';
import { coerceParameter } from './values.js';

/** Automation actions SSM knows; the runner executes only some of them (see SUPPORTED_ACTIONS). */
export const KNOWN_ACTIONS = new Set([
  'aws:approve',
  'aws:assertAwsResourceProperty',
  'aws:branch',
  'aws:changeInstanceState',
  'aws:copyImage',
  'aws:createImage',
  'aws:createStack',
  'aws:createTags',
  'aws:deleteImage',
  'aws:deleteStack',
  'aws:executeAutomation',
  'aws:executeAwsApi',
  'aws:executeScript',
  'aws:executeStateMachine',
  'aws:invokeLambdaFunction',
  'aws:invokeWebhook',
  'aws:loop',
  'aws:pause',
  'aws:runCommand',
  'aws:runInstances',
  'aws:sleep',
  'aws:updateVariable',
  'aws:waitForAwsResourceProperty',
]);

/** Variables SSM provides without a parameter. */
export const BUILT_IN_VARIABLES = new Set([
  'automation:EXECUTION_ID',
  'automation:DOCUMENT_NAME',
  'global:ACCOUNT_ID',
  'global:REGION',
  'global:AWS_PARTITION',
  'global:DATE',
  'global:DATE_TIME',
]);

const BRANCH_OPERATORS = new Set([
  'StringEquals',
  'EqualsIgnoreCase',
  'StartsWith',
  'EndsWith',
  'Contains',
  'NumericEquals',
  'NumericGreater',
  'NumericLesser',
  'NumericGreaterOrEquals',
  'NumericLesserOrEquals',
  'BooleanEquals',
]);

const PYTHON_RUNTIMES = new Set<string>(EXECUTE_SCRIPT_RUNTIMES);
const ISO_DURATION = /^PT(?:\d+H)?(?:\d+M)?(?:\d+S)?$/;

export function validateDocument(doc: AutomationDocument): string[] {
  const problems: string[] = [];
  problems.push(...checkParameters(doc));
  const byName = new Map<string, { step: Step; index: number }>();
  doc.mainSteps.forEach((step, index) => {
    if (byName.has(step.name)) problems.push(`step ${step.name}: the name is used twice`);
    else byName.set(step.name, { step, index });
  });
  const declared = new Map<string, Set<string>>(
    doc.mainSteps.map((step) => [step.name, new Set((step.outputs ?? []).map((o) => o.Name))]),
  );
  doc.mainSteps.forEach((step, index) => {
    const where = `step ${step.name}`;
    if (!KNOWN_ACTIONS.has(step.action)) problems.push(`${where}: unknown action ${step.action}`);
    problems.push(...checkInputs(step).map((p) => `${where}: ${p}`));
    for (const target of stepTargets(step)) {
      if (!byName.has(target)) problems.push(`${where}: goes to step ${target}, which does not exist`);
    }
    const names = new Set<string>();
    for (const output of step.outputs ?? []) {
      if (names.has(output.Name)) problems.push(`${where}: output ${output.Name} is declared twice`);
      names.add(output.Name);
      try {
        parseSelector(output.Selector);
      } catch (error) {
        problems.push(`${where}: output ${output.Name}: ${(error as Error).message}`);
      }
    }
    for (const reference of referencesIn(step.inputs)) {
      const problem = checkReference(reference, doc, byName, declared, index);
      if (problem) problems.push(`${where}: {{ ${reference} }} ${problem}`);
    }
  });
  for (const output of doc.outputs ?? []) {
    const [stepName, outputName] = output.split('.');
    if (!stepName || !outputName || !declared.get(stepName)?.has(outputName)) {
      problems.push(`document output ${output} names no declared step output`);
    }
  }
  if (doc.assumeRole !== undefined) {
    const [role] = referencesIn(doc.assumeRole);
    if (!role || doc.parameters[role]?.type !== 'String') {
      problems.push(`assumeRole ${doc.assumeRole} must reference a String parameter`);
    }
  }
  for (const unreachable of unreachableSteps(doc, byName)) {
    problems.push(`step ${unreachable}: no path from the first step reaches it`);
  }
  return problems;
}

function checkParameters(doc: AutomationDocument): string[] {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(doc.parameters)) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) problems.push(`parameter ${name}: names are alphanumeric`);
    if (spec.allowedPattern !== undefined) {
      try {
        new RegExp(spec.allowedPattern);
      } catch {
        problems.push(`parameter ${name}: allowedPattern ${spec.allowedPattern} is not a regular expression`);
        continue;
      }
    }
    if (spec.default !== undefined) {
      try {
        const value = coerceParameter(name, spec, spec.default);
        if (JSON.stringify(value) !== JSON.stringify(spec.default)) {
          problems.push(`parameter ${name}: default ${JSON.stringify(spec.default)} is not a ${spec.type}`);
        }
      } catch (error) {
        problems.push(`parameter ${name}: default: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

function checkInputs(step: Step): string[] {
  const inputs = step.inputs;
  const need = (...keys: string[]) =>
    keys.filter((key) => inputs[key] === undefined).map((key) => `inputs.${key} is required`);
  switch (step.action) {
    case 'aws:executeAwsApi':
      return need('Service', 'Api');
    case 'aws:assertAwsResourceProperty':
    case 'aws:waitForAwsResourceProperty': {
      const problems = need('Service', 'Api', 'PropertySelector', 'DesiredValues');
      if (inputs.DesiredValues !== undefined && !Array.isArray(inputs.DesiredValues)) {
        problems.push('inputs.DesiredValues must be a list');
      }
      if (step.outputs?.length) problems.push(`${step.action} declares no outputs`);
      return problems;
    }
    case 'aws:executeScript': {
      const problems = need('Runtime', 'Handler', 'Script');
      if (typeof inputs.Runtime === 'string' && !PYTHON_RUNTIMES.has(inputs.Runtime)) {
        problems.push(`inputs.Runtime ${inputs.Runtime} is not a supported Python runtime`);
      }
      for (const output of step.outputs ?? []) {
        if (!output.Selector.startsWith('$.Payload')) {
          problems.push(`output ${output.Name}: script outputs are read from $.Payload`);
        }
      }
      return problems;
    }
    case 'aws:branch': {
      const problems: string[] = [];
      if (!Array.isArray(inputs.Choices) || inputs.Choices.length === 0) {
        return ['inputs.Choices must be a non-empty list'];
      }
      inputs.Choices.forEach((choice, i) => {
        const c = choice as Record<string, unknown>;
        if (typeof c.NextStep !== 'string') problems.push(`Choices[${i}].NextStep is required`);
        problems.push(...checkChoice(c, `Choices[${i}]`));
      });
      if (step.outputs?.length) problems.push('aws:branch declares no outputs');
      return problems;
    }
    case 'aws:sleep':
      if (typeof inputs.Duration === 'string' && ISO_DURATION.test(inputs.Duration)) return [];
      if (typeof inputs.Timestamp === 'string') return [];
      return ['inputs.Duration must be an ISO 8601 duration such as PT15S (or give a Timestamp)'];
    default:
      return [];
  }
}

function checkChoice(choice: Record<string, unknown>, where: string): string[] {
  for (const combinator of ['And', 'Or'] as const) {
    if (choice[combinator] !== undefined) {
      const list = choice[combinator];
      if (!Array.isArray(list) || list.length === 0)
        return [`${where}.${combinator} must be a non-empty list`];
      return list.flatMap((c, i) =>
        checkChoice(c as Record<string, unknown>, `${where}.${combinator}[${i}]`),
      );
    }
  }
  if (choice.Not !== undefined) return checkChoice(choice.Not as Record<string, unknown>, `${where}.Not`);
  const operators = Object.keys(choice).filter((key) => BRANCH_OPERATORS.has(key));
  const problems: string[] = [];
  if (typeof choice.Variable !== 'string') problems.push(`${where}.Variable is required`);
  if (operators.length !== 1)
    problems.push(`${where} needs exactly one operator (found ${operators.length})`);
  return problems;
}

/** Every step a step can hand over to. */
export function stepTargets(step: Step): string[] {
  const targets: string[] = [];
  if (step.nextStep) targets.push(step.nextStep);
  if (step.onFailure?.startsWith('step:')) targets.push(step.onFailure.slice('step:'.length));
  if (step.action === 'aws:branch') {
    for (const choice of (step.inputs.Choices as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof choice.NextStep === 'string') targets.push(choice.NextStep);
    }
    if (typeof step.inputs.Default === 'string') targets.push(step.inputs.Default);
  }
  return targets;
}

function checkReference(
  reference: string,
  doc: AutomationDocument,
  byName: Map<string, { step: Step; index: number }>,
  declared: Map<string, Set<string>>,
  index: number,
): string | undefined {
  if (BUILT_IN_VARIABLES.has(reference) || doc.parameters[reference]) return undefined;
  const [stepName, outputName, ...rest] = reference.split('.');
  if (!stepName || !outputName || rest.length > 0) return 'is neither a parameter nor Step.Output';
  const target = byName.get(stepName);
  if (!target) return `names step ${stepName}, which does not exist`;
  if (target.index >= index) return `reads step ${stepName}, which does not run before it`;
  if (!declared.get(stepName)?.has(outputName)) return `names no output that step ${stepName} declares`;
  return undefined;
}

function unreachableSteps(
  doc: AutomationDocument,
  byName: Map<string, { step: Step; index: number }>,
): string[] {
  const seen = new Set<string>();
  const queue = [0];
  while (queue.length) {
    const index = queue.shift() ?? 0;
    const step = doc.mainSteps[index];
    if (!step || seen.has(step.name)) continue;
    seen.add(step.name);
    for (const target of stepTargets(step)) {
      const found = byName.get(target);
      if (found) queue.push(found.index);
    }
    // A step falls through to the next one unless it ends or always jumps elsewhere.
    const jumpsAway = step.nextStep !== undefined || (step.action === 'aws:branch' && step.inputs.Default);
    if (!step.isEnd && !jumpsAway) queue.push(index + 1);
  }
  return doc.mainSteps.map((s) => s.name).filter((name) => !seen.has(name));
}
