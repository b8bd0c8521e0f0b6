// Builds the CDK app for tests. Bundling is skipped (a dummy asset stands in) unless asked for:
// the template assertions, cdk-nag and cfn-lint do not depend on the bundle's bytes, and the
// bundle has its own test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { type BuiltApp, buildApp } from '../../infra/build-app.js';
import type { AppSettings } from '../../infra/context.js';

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
