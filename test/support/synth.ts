// Builds the CDK app for tests. Bundling is skipped (a dummy asset stands in) unless asked for:
// the template assertions, cdk-nag and cfn-lint do not depend on the bundle's bytes, and the
// bundle has its own test.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { type BuiltApp, buildApp } from '../../infra/build-app.js';
import type { AppSettings } from '../../infra/context.js';
import { REPO_ROOT } from '../../infra/paths.js';

export function synthApp(
  settings: AppSettings,
  options: { bundle?: boolean } = {},
): { app: App; built: BuiltApp } {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'elb-config-rules-cdk-')),
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  return { app, built: buildApp(app, settings, { nag: false }) };
}

/**
 * `npm run synth` as a newcomer runs it: package.json's synth script through the real cdk CLI, with
 * cdkArguments (shell words) and no AWS credentials, profile or HOME of its own.
 */
export function runSynthScript(cdkArguments: string): SpawnSyncReturns<string> {
  const script = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.synth as string;
  return spawnSync('sh', ['-c', `${script} ${cdkArguments}`], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      PATH: [join(REPO_ROOT, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
      HOME: mkdtempSync(join(tmpdir(), 'elb-home-')),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every IAM policy statement in a template: role inline policies and AWS::IAM::Policy documents. */
export function iamStatements(
  template: Record<string, unknown>,
): { resource: string; statement: Statement }[] {
  const out: { resource: string; statement: Statement }[] = [];
  const resources = (template.Resources ?? {}) as Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  for (const [id, r] of Object.entries(resources)) {
    const docs: unknown[] = [];
    if (r.Type === 'AWS::IAM::Role')
      for (const p of (r.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
        docs.push(p.PolicyDocument);
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      docs.push(r.Properties?.PolicyDocument);
    for (const doc of docs) {
      for (const statement of (doc as { Statement?: Statement[] })?.Statement ?? [])
        out.push({ resource: id, statement });
    }
  }
  return out;
}

export const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
