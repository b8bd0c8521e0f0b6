// Runs in a worker thread for ElbConfigRulesChecks: cdk-nag asks for verdicts synchronously, the
// scan's runner answers asynchronously, and synckit bridges the two. Only plain data crosses.
import { runAsWorker } from 'synckit';
import { scanTemplate } from '../../bin/cli/scan/scan-template.js';
import { selectRules } from '../../rules/index.js';

export interface ScanRequest {
  text: string;
  name: string;
  ruleIds: string[];
  parameters: Record<string, Record<string, unknown>>;
}

export interface TemplateVerdict {
  ruleId: string;
  logicalId: string;
  complianceType: string;
  annotation: string;
  reason?: string;
}

export async function verdicts(request: ScanRequest): Promise<TemplateVerdict[]> {
  const result = await scanTemplate(
    { text: request.text, name: request.name },
    { rules: selectRules(request.ruleIds), parameters: request.parameters },
  );
  if (!result) return [];
  return result.evaluations.map((e) => ({
    ruleId: e.ruleId,
    logicalId: result.locations.get(e)?.id ?? e.resourceId,
    complianceType: e.complianceType,
    annotation: e.annotation,
    ...(e.error ? { reason: e.error.reason } : {}),
  }));
}

runAsWorker(verdicts);
