// Reads what `scan` is given: CloudFormation templates (JSON or YAML), folders of them, cdk.out
// folders (their *.template.json) and Terraform plans (terraform show -json). Every path is read
// and checked before any rule runs; a file that is neither is refused naming what was expected.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from './cloudformation/template.js';
import { cloudFormationRecords } from './cloudformation/to-records.js';
import { CodeInputError } from './errors.js';
import { type ArnScope, type CodeRecord, UNKNOWN_SCOPE } from './record.js';
import { isTerraformPlan, terraformRecords } from './terraform/plan.js';

export interface ScanSource {
  file: string;
  format: 'cloudformation' | 'terraform';
  records: CodeRecord[];
}

export interface ScanInputOptions {
  /** Account and region of the synthetic ARNs and of CloudFormation's AWS::AccountId / AWS::Region. */
  scope?: ArnScope;
}

const TEMPLATE_FILE = /\.(json|ya?ml|template)$/i;

export function readCode(paths: readonly string[], options: ScanInputOptions = {}): ScanSource[] {
  const scope = options.scope ?? UNKNOWN_SCOPE;
  const pseudo: Record<string, string> = {};
  if (options.scope) {
    pseudo['AWS::AccountId'] = options.scope.accountId;
    pseudo['AWS::Region'] = options.scope.region;
  }
  return paths
    .flatMap((path) => expand(path))
    .map(({ file, explicit }) => {
      const source = readSource(file, scope, pseudo);
      if (!source && explicit)
        throw new CodeInputError(
          `${file}: neither a CloudFormation template (a map with Resources) nor a Terraform plan (terraform show -json, with format_version and planned_values)`,
        );
      return source;
    })
    .filter((s): s is ScanSource => s !== undefined);
}

function readSource(file: string, scope: ArnScope, pseudo: Record<string, string>): ScanSource | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CodeInputError(`${file}: cannot be read (${(error as Error).message})`);
  }
  if (/\.json$/i.test(file) || text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (isTerraformPlan(json))
      return { file, format: 'terraform', records: terraformRecords(json, file, scope) };
  }
  const template = parseTemplate(text, file);
  return template
    ? { file, format: 'cloudformation', records: cloudFormationRecords(template, scope, pseudo) }
    : undefined;
}

/** A file as given; a folder's templates (a cdk.out folder's *.template.json), found quietly. */
function expand(path: string): { file: string; explicit: boolean }[] {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    throw new CodeInputError(
      `${path}: no such file or folder (expected a CloudFormation template, a cdk.out folder or a Terraform plan JSON)`,
    );
  }
  if (!stats.isDirectory()) return [{ file: path, explicit: true }];
  const isCdkOut =
    readdirSync(path).includes('manifest.json') &&
    readdirSync(path).some((f) => f.endsWith('.template.json'));
  const files = readdirSync(path)
    .filter((f) => (isCdkOut ? f.endsWith('.template.json') : TEMPLATE_FILE.test(f)))
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
  if (files.length === 0)
    throw new CodeInputError(`${path}: folder holds no .json, .yaml, .yml or .template file to scan`);
  return files.map((file) => ({ file, explicit: false }));
}
