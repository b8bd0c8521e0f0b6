// One CloudFormation template given as text (a hook's payload, a synthesized CDK stack) judged by
// the scan's runner, as `scan` judges a template file.
import { parseTemplate } from '../../../rules/core/resources/code/cloudformation/template.js';
import { cloudFormationRecords } from '../../../rules/core/resources/code/cloudformation/to-records.js';
import type { ArnScope } from '../../../rules/core/resources/code/record.js';
import { runScan, type ScanOptions, type ScanResult } from './run-scan.js';

export interface TemplateText {
  text: string;
  /** What the template is called in reports: a file name, "stack MyStack". */
  name: string;
  /** Account and region the stack is deployed to, when known (AWS::AccountId, AWS::Region). */
  scope?: ArnScope;
  /** Further pseudo parameters known to the caller (AWS::StackName, AWS::Partition...). */
  pseudo?: Readonly<Record<string, string>>;
}

/** The template's verdicts, or undefined when the text is JSON or YAML with no Resources map. */
export async function scanTemplate(
  template: TemplateText,
  options: ScanOptions,
): Promise<ScanResult | undefined> {
  const parsed = parseTemplate(template.text, template.name);
  if (!parsed) return undefined;
  const pseudo: Record<string, string> = { ...template.pseudo };
  if (template.scope) {
    pseudo['AWS::AccountId'] = template.scope.accountId;
    pseudo['AWS::Region'] = template.scope.region;
  }
  const records = cloudFormationRecords(
    parsed,
    template.scope ?? { accountId: 'unknown', region: 'unknown' },
    pseudo,
  );
  return runScan([{ file: template.name, format: 'cloudformation', records }], options);
}
