// The CDK app that `npm run synth` (cdk synth) runs. Settings come from cdk context: cdk.json or
// `-c key=value` (see infra/context.ts). It synthesizes the single-account stack, the member-account
// template for StackSets, the member evaluation role and, given memberAccounts, the central-account
// stack; then writes the member-account code zips and the conformance packs beside them.
import { App } from 'aws-cdk-lib';
import { buildApp, writeArtefacts } from './build-app.js';

const app = new App();
const built = buildApp(app);
const assembly = app.synth();
writeArtefacts(assembly.directory, built);
