// Builds every stack of the app from one set of settings, with cdk-nag's AwsSolutions checks as a
// synth-time gate, and writes the artefacts CloudFormation alone does not: the member-account code
// zips for StackSets and the conformance packs for the same rule selection.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { zipSync } from 'fflate';
import { writeConformancePacks } from './conformance-pack/write.js';
import { type AppSettings, settingsFromContext } from './context.js';
import { CentralAccountStack } from './stacks/central-account-stack.js';
import { EvaluationRoleStack } from './stacks/evaluation-role-stack.js';
import { MemberAccountStack } from './stacks/member-account-stack.js';
import { ElbConfigRulesStack } from './stacks/rules-stack.js';

export const STACK_IDS = {
  rules: 'ElbConfigRulesStack',
  member: 'ElbConfigRulesMemberAccount',
  evaluationRole: 'ElbConfigRulesEvaluationRole',
  central: 'ElbConfigRulesCentralAccount',
} as const;

export interface BuiltApp {
  settings: AppSettings;
  rules: ElbConfigRulesStack;
  member: MemberAccountStack;
  evaluationRole: EvaluationRoleStack;
  central?: CentralAccountStack;
}

export function buildApp(app: App, settings?: AppSettings, options: { nag?: boolean } = {}): BuiltApp {
  const s = settings ?? settingsFromContext((key) => app.node.tryGetContext(key));
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const functions = { logLevel: s.logLevel, logRetention: s.logRetention };
  const selection = { rules: s.rules, ruleParameters: s.ruleParameters, functions };
  const rules = new ElbConfigRulesStack(app, STACK_IDS.rules, {
    ...selection,
    ruleNamePrefix: s.ruleNamePrefix,
    remediation: s.remediation,
    notifications: s.notifications,
    templateHook: s.templateHook,
  });
  const member = new MemberAccountStack(app, STACK_IDS.member, selection);
  const evaluationRole = new EvaluationRoleStack(app, STACK_IDS.evaluationRole, {
    rules: s.rules,
    evaluationRoleName: s.evaluationRoleName,
  });
  const central = s.memberAccounts
    ? new CentralAccountStack(app, STACK_IDS.central, {
        ...selection,
        memberAccounts: s.memberAccounts,
        organizationId: s.organizationId,
        evaluationRoleName: s.evaluationRoleName,
      })
    : undefined;
  return { settings: s, rules, member, evaluationRole, central };
}

/** After app.synth(): code zips for the member-account template, and the conformance packs. */
export function writeArtefacts(outdir: string, built: BuiltApp, options: { code?: boolean } = {}): string[] {
  const written: string[] = [];
  const codeDir = join(outdir, 'member-account-code');
  if (options.code ?? true) mkdirSync(codeDir, { recursive: true });
  for (const [key, asset] of options.code === false ? [] : built.member.bundles) {
    const file = join(codeDir, key);
    writeFileSync(file, zipDirectory(join(outdir, asset.fileName!)));
    written.push(relative(outdir, file));
  }
  const packs = writeConformancePacks(join(outdir, 'conformance-pack'), {
    rules: built.settings.rules,
    ruleParameters: built.settings.ruleParameters,
  });
  written.push(...packs.map((p) => relative(outdir, p)));
  return written;
}

/** A deterministic zip (fixed timestamps, sorted entries, mode 0644) of a bundle directory. */
export function zipDirectory(dir: string): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: Date; attrs: number; os: number }]> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        files[relative(dir, path).split('\\').join('/')] = [
          readFileSync(path),
          { mtime: new Date('1980-01-02T00:00:00Z'), attrs: (0o100644 << 16) >>> 0, os: 3 },
        ];
    }
  };
  walk(dir);
  return zipSync(files, { level: 9 });
}
