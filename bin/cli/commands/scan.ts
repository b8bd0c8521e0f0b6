// elb-config-rules scan PATH...: the same rules on infrastructure code before it is deployed.

import type { Evaluation } from '../../../rules/core/engine/judge.js';
import { parameterStoreReferences } from '../../../rules/core/engine/parameter-store.js';
import { readCode } from '../../../rules/core/resources/code/load.js';
import { prepareRules } from '../audit/audit.js';
import { gateFailures } from '../audit/gate.js';
import { EXIT } from '../exit-codes.js';
import { csvHeader, csvRows } from '../format/csv.js';
import { formatHtml } from '../format/html.js';
import { formatJson } from '../format/json.js';
import { jsonlLine } from '../format/jsonl.js';
import { formatSarif } from '../format/sarif.js';
import { formatTable } from '../format/table.js';
import { emit } from '../output.js';
import { runScan } from '../scan/run-scan.js';
import { UsageError } from '../usage-error.js';
import { checkRuleOptions, type RuleOptions } from './rule-options.js';

export interface ScanCommandOptions extends RuleOptions {
  account?: string;
  region?: string;
}

export async function scanCommand(paths: readonly string[], options: ScanCommandOptions): Promise<number> {
  // Every flag, then every file, is checked before any rule runs.
  const { rules, rawParameters, failOn } = checkRuleOptions(options);
  for (const rule of rules) {
    if (parameterStoreReferences(rule.parameters, rawParameters[rule.id] ?? {}).length)
      throw new UsageError(
        `--param ${rule.id}: an ssm: value needs AWS; scan reads none, so give the list inline`,
      );
  }
  prepareRules(rules, rawParameters);
  if (options.account !== undefined && !/^\d{12}$/.test(options.account))
    throw new UsageError(`--account ${options.account}: expected a 12-digit AWS account id`);
  if (options.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(options.region))
    throw new UsageError(`--region ${options.region}: expected a region name such as eu-west-1`);
  if (paths.length === 0)
    throw new UsageError(
      'scan: expected one or more paths (a template, a folder, a cdk.out folder or a Terraform plan JSON)',
    );
  const scope =
    options.account || options.region
      ? { accountId: options.account ?? 'unknown', region: options.region ?? 'unknown' }
      : undefined;
  const sources = readCode(paths, { scope });

  const result = await runScan(sources, { rules, parameters: rawParameters });
  const color = !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  emit(render(options.format, result, rules, color), options.output);

  if (!failOn) return EXIT.OK;
  if (gateFailures(result.evaluations, rules, failOn).length) return EXIT.FINDINGS;
  const incomplete =
    result.errors.length > 0 || result.evaluations.some((e) => e.complianceType === 'INSUFFICIENT_DATA');
  return incomplete ? EXIT.INCOMPLETE : EXIT.OK;
}

function render(
  format: string,
  result: Awaited<ReturnType<typeof runScan>>,
  rules: Parameters<typeof formatJson>[1] & object,
  color: boolean,
): string {
  switch (format) {
    case 'json':
      return formatJson(result, rules);
    case 'jsonl':
      return result.evaluations.map((e: Evaluation) => jsonlLine(e)).join('');
    case 'csv':
      return csvHeader() + csvRows(result.evaluations, rules);
    case 'sarif':
      return formatSarif(result, rules, (e) => {
        const location = result.locations.get(e);
        return location && { uri: location.file, line: location.line };
      });
    case 'html':
      return formatHtml(result, rules);
    default:
      return formatTable(result, rules, color);
  }
}
