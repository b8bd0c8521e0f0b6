// A test runner for SSM Automation documents: see runner.ts. loadDocument reads and validates a YAML
// file; AutomationRunner executes it against the endpoint in its environment.
import { readFileSync } from 'node:fs';
import { type AutomationDocument, DocumentError, parseAutomationDocument } from './document.js';
import { validateDocument } from './validate.js';

export type { RecordedCall } from './aws-api.js';
export { type AutomationDocument, DocumentError, parseAutomationDocument } from './document.js';
export { EXECUTE_SCRIPT_LIMITS, EXECUTE_SCRIPT_RUNTIMES } from './limits.js';
export { PythonScriptError, PythonWorker } from './python.js';
export {
  type AutomationResult,
  AutomationRunner,
  type RunnerOptions,
  type RunOptions,
  type StepResult,
  SUPPORTED_ACTIONS,
  UnsupportedStepError,
} from './runner.js';
export { validateDocument } from './validate.js';

/** Reads a document file, refusing one that fails shape or static validation. */
export function loadDocument(path: string): AutomationDocument {
  const doc = parseAutomationDocument(readFileSync(path, 'utf8'), path);
  const problems = validateDocument(doc);
  if (problems.length) throw new DocumentError(path, problems);
  return doc;
}

/** The Python source of one aws:executeScript step, for calling its functions directly. */
export function scriptOf(doc: AutomationDocument, stepName: string): string {
  const step = doc.mainSteps.find((s) => s.name === stepName);
  if (step?.action !== 'aws:executeScript' || typeof step.inputs.Script !== 'string') {
    throw new Error(`the document has no aws:executeScript step named ${stepName}`);
  }
  return step.inputs.Script;
}
