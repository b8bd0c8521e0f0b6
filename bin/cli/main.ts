// elb-config-rules: audit load balancers with the same rules AWS Config runs.
// Exit codes (bin/cli/exit-codes.ts, documented in docs/cli.md): 0 done; 1 runtime failure;
// 2 usage error; 3 --fail-on threshold met; 4 --fail-on and the audit is incomplete.
//
// Arguments are parsed before anything heavy loads: each command's module (the rules, and the
// SDK clients a live run needs) is imported only when that command runs, so help and usage
// errors load no SDK client (test/cli/module-loading.test.ts).
import { Command, CommanderError, Option } from 'commander';
import { SEVERITIES } from '../../rules/core/engine/rule.js';
import { ElbConfigRulesError } from '../../rules/core/model/errors.js';
import { DEFAULT_MAX_CONCURRENCY, FORMATS } from './commands/audit-options.js';
import { EXIT } from './exit-codes.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const commaList = (value: string, previous: string[] | undefined) => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/**
 * The options every judging command shares (audit, scan, report), checked by
 * commands/rule-options.ts: which rules, their parameters, the report and the --fail-on gate.
 */
function withRuleOptions(command: Command, help: { failOn: string; param?: string }): Command {
  return command
    .option('--rules <ids>', 'comma-separated rule ids (default: all)', commaList)
    .option('--severity <level>', `only rules of this severity or above (${SEVERITIES.join(', ')})`)
    .option(
      '--param <rule.name=value>',
      help.param ?? 'rule parameter, e.g. alb-https-only.allowFixedResponse=false (repeatable)',
      collect,
      [],
    )
    .addOption(new Option('--format <format>', `output format: ${FORMATS.join(', ')}`).default('table'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <threshold>', help.failOn);
}

export function buildProgram(): Command {
  const program = new Command('elb-config-rules')
    .description(
      'Keep every load balancer encrypted in transit, on a current TLS policy, and closed to the internet except where it must be open.',
    )
    .exitOverride()
    .showHelpAfterError();

  withRuleOptions(program.command('audit'), {
    failOn: `exit ${EXIT.FINDINGS} when a load balancer is NON_COMPLIANT (any rule) or fails a rule of this severity or above; exit ${EXIT.INCOMPLETE} when the audit is incomplete`,
  })
    .description(
      'Evaluate every rule against live AWS (accounts, regions, organization) or a recorded snapshot',
    )
    .option(
      '--region <region>',
      'region to audit (repeatable); default: the profile or AWS_REGION region',
      collect,
      [],
    )
    .option('--all-regions', 'audit every region enabled in each account (opted-out regions are skipped)')
    .option(
      '--profile <profile>',
      'named profile from the shared AWS config (repeatable, one per account)',
      collect,
      [],
    )
    .option(
      '--role-arn <arn>',
      'role to assume: an ARN for one account, or with --organization a role name or an ARN with {accountId}',
    )
    .option('--organization', 'audit every active account of the organization (needs --role-arn)')
    .option(
      '--snapshot <path>',
      'audit a recorded snapshot file or folder instead of live AWS (repeatable)',
      collect,
      [],
    )
    .option(
      '--max-concurrency <n>',
      `account/region scopes audited at once (default ${DEFAULT_MAX_CONCURRENCY}); requests within each adapt to throttling`,
    )
    .option('--no-progress', 'no progress bar, even on a terminal')
    .action(async (opts) => {
      const { auditCommand } = await import('./commands/audit.js');
      process.exitCode = await auditCommand(opts);
    });

  program
    .command('evaluate')
    .description(
      'Run one AWS Config invocation event through the engine and print the evaluations it would send',
    )
    .requiredOption('--event <file>', 'the event JSON, as Config sends it to a Lambda rule')
    .option('--rule <id>', 'the rule to run (default: from the event configRuleName)')
    .option('--profile <profile>', 'named profile for data the event does not carry')
    .option(
      '--snapshot <path>',
      'read data the event does not carry from a snapshot instead of AWS (repeatable)',
      collect,
      [],
    )
    .option('--output <file>', 'write the evaluations to a file instead of stdout')
    .option('--verbose', 'log each decision to stderr')
    .action(async (opts) => {
      const { evaluateCommand } = await import('./commands/evaluate.js');
      process.exitCode = await evaluateCommand(opts);
    });

  withRuleOptions(program.command('report'), {
    failOn: `exit ${EXIT.FINDINGS} when a stored result is NON_COMPLIANT (any rule, or a rule of this severity or above), or with --compare-audit when Config and the live audit disagree`,
    param: 'with --compare-audit: a live audit parameter, as deployed (repeatable)',
  })
    .description(
      'Report the results the deployed rules stored in AWS Config (one account, or an aggregator), without calling load balancer APIs',
    )
    .option(
      '--aggregator <name>',
      'read through this Config aggregator (every account and region it aggregates)',
    )
    .option(
      '--aggregator-region <region>',
      "the aggregator's region (default: the profile or AWS_REGION region)",
    )
    .option('--account <id>', 'with --aggregator: only this account (repeatable)', collect, [])
    .option(
      '--region <region>',
      'region to read (repeatable; with --aggregator, a filter); default: the profile or AWS_REGION region',
      collect,
      [],
    )
    .option('--profile <profile>', 'named profile from the shared AWS config')
    .option(
      '--compare-audit',
      'also audit the same accounts and regions live, and list where the live verdict and Config’s stored one differ',
    )
    .option(
      '--role-arn <arn>',
      'with --compare-audit: the role to assume (with --organization: a name or an ARN with {accountId})',
    )
    .option(
      '--organization',
      'with --compare-audit: audit every active account of the organization (needs --role-arn)',
    )
    .action(async (opts) => {
      const { reportCommand } = await import('./commands/report.js');
      process.exitCode = await reportCommand(opts);
    });

  program
    .command('snapshot')
    .description(
      'Record the live estate (every load balancer with its listeners, rules, attributes, tags, security groups and policies)',
    )
    .requiredOption('--output <file>', 'the snapshot file to write')
    .option('--region <region>', 'region to record (repeatable)', collect, [])
    .option('--profile <profile>', 'named profile from the shared AWS config')
    .action(async (opts) => {
      const { snapshotCommand } = await import('./commands/snapshot.js');
      process.exitCode = await snapshotCommand(opts);
    });

  withRuleOptions(program.command('scan'), {
    failOn: `exit ${EXIT.FINDINGS} when a resource is NON_COMPLIANT (any rule) or fails a rule of this severity or above; exit ${EXIT.INCOMPLETE} when a value the rules need is unknown before deployment`,
  })
    .description(
      'Judge infrastructure code before deployment: CloudFormation templates (JSON or YAML), cdk.out folders, Terraform plans (terraform show -json)',
    )
    .argument(
      '<paths...>',
      'template files, folders of templates, cdk.out folders or Terraform plan JSON files',
    )
    .option('--account <id>', 'account id for AWS::AccountId and the ARNs of the report (default: unknown)')
    .option('--region <region>', 'region for AWS::Region and the ARNs of the report (default: unknown)')
    .action(async (paths: string[], opts) => {
      const { scanCommand } = await import('./commands/scan.js');
      process.exitCode = await scanCommand(paths, opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; every other parse failure is a usage error.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`elb-config-rules: ${message}\n`);
    if (error instanceof ElbConfigRulesError) return error.exitCode;
    // The AWS session's own error, not yet on the shared base: an unknown profile is a usage error.
    // Loaded here, on a failure, so a run that never opens a session never loads it.
    const { ProfileNotFoundError } = await import('./aws-session.js');
    return error instanceof ProfileNotFoundError ? EXIT.USAGE : EXIT.RUNTIME_FAILURE;
  }
}

const isEntry =
  process.argv[1] && /main\.(ts|js|mjs)$|cli\.mjs$|elb-config-rules(\.mjs)?$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
