// The one definition of how a rule's Lambda (and the template hook's) is bundled. The CDK stack (NodejsFunction's local
// esbuild bundling) and the benchmarks both read it, so the bundle measured is the bundle shipped.
import type { BuildOptions } from 'esbuild';

/** An ESM bundle needs `require` for the CommonJS parts of its dependencies. */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Settings in NodejsFunction's own terms (bundling: {...}); format is OutputFormat.ESM. */
export const LAMBDA_BUNDLE = {
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  target: 'node22',
  sourceMap: false,
  // Bundle the SDK too: a pinned, tree-shaken SDK is smaller to load than the runtime's copy. The
  // exception is the SSM client, needed only where a parameter names Parameter Store: it is
  // required on first use from the runtime's SDK (rules/core/engine/handler.ts).
  externalModules: ['@aws-sdk/client-ssm'] as string[],
  banner: ESM_REQUIRE_SHIM,
} as const;

/** The CloudFormation template hook's Lambda entry point (infra/template-hook.ts). */
export const HOOK_ENTRY = 'bin/hook/handler.ts';

/** The rule's Lambda entry point. */
export function handlerEntry(ruleId: string): string {
  return `rules/${ruleId}/handler.ts`;
}

/** The same bundle as plain esbuild options (what NodejsFunction passes to esbuild). */
export function esbuildOptions(entryPoint: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLE.format,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    minify: LAMBDA_BUNDLE.minify,
    target: LAMBDA_BUNDLE.target,
    sourcemap: LAMBDA_BUNDLE.sourceMap,
    external: [...LAMBDA_BUNDLE.externalModules],
    banner: { js: LAMBDA_BUNDLE.banner },
    logLevel: 'error',
  };
}
