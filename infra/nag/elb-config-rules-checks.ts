// A cdk-nag v3 pack that judges each stack of the app with this project's rules at synth, through
// the scan's CloudFormation source: the same evaluate() that Config runs after deployment.
//   Validations.of(app).addPlugins(new ElbConfigRulesChecks(app));
// A NON_COMPLIANT verdict is an error on the load balancer's (or listener's) CfnResource, id
// ElbConfigRules-<rule id>. A value known only at deployment is a warning, ElbConfigRules-<rule
// id>[NotEvaluated], never a pass. Acknowledge either with acknowledge() from infra/nag.ts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps, NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildSync } from 'esbuild';
import { createSyncFn } from 'synckit';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { selectRules } from '../../rules/index.js';
import { esbuildOptions } from '../bundle-options.js';
import type { ScanRequest, TemplateVerdict } from './scan-worker.js';

export const PACK_NAME = 'ElbConfigRules';
/** The suffix of a finding about a value the template leaves unknown until deployment. */
export const NOT_EVALUATED = 'NotEvaluated';

export interface ElbConfigRulesChecksProps extends NagPackProps {
  /** Rule ids to run; default every registered rule. */
  rules?: readonly string[];
  /** Per rule id, parameters as Config's InputParameters take them. */
  ruleParameters?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

type ScanSync = (request: ScanRequest) => TemplateVerdict[];
let scanSync: ScanSync | undefined;

/**
 * The worker, bundled once per process with the Lambda bundle settings: a worker thread of Node 20
 * cannot load TypeScript through a loader, and a bundle needs none.
 */
function scanner(): ScanSync {
  if (scanSync) return scanSync;
  const outfile = join(mkdtempSync(join(tmpdir(), 'elb-config-rules-nag-')), 'scan-worker.mjs');
  buildSync(esbuildOptions(join(import.meta.dirname, 'scan-worker.ts'), outfile));
  scanSync = createSyncFn<(request: ScanRequest) => Promise<TemplateVerdict[]>>(outfile);
  return scanSync;
}

export class ElbConfigRulesChecks extends NagPack {
  readonly name = PACK_NAME;
  private readonly rules: AnyRule[];
  private readonly parameters: Record<string, Record<string, unknown>>;
  /** Verdicts per stack, by logical id; a stack's template is judged once per validation. */
  private readonly byStack = new Map<Stack, Map<string, TemplateVerdict[]>>();

  constructor(scope?: IConstruct, props: ElbConfigRulesChecksProps = {}) {
    super(scope, props);
    this.packName = PACK_NAME;
    this.rules = selectRules(props.rules);
    this.parameters = Object.fromEntries(
      Object.entries(props.ruleParameters ?? {}).map(([id, p]) => [id, { ...p }]),
    );
  }

  override validateScope(scope: IConstruct) {
    this.byStack.clear();
    return super.validateScope(scope);
  }

  protected checkResource(node: CfnResource): void {
    const stack = Stack.of(node);
    const verdicts = this.stackVerdicts(stack).get(stack.resolve(node.logicalId) as string) ?? [];
    for (const verdict of verdicts) {
      const rule = this.rules.find((r) => r.id === verdict.ruleId);
      if (!rule) continue;
      if (verdict.complianceType === 'NON_COMPLIANT')
        this.applyRule({
          ruleSuffixOverride: rule.id,
          info: `${rule.title} [${rule.severity}]: ${verdict.annotation}`,
          explanation: rule.description,
          level: NagMessageLevel.ERROR,
          rule: () => NagRuleCompliance.NON_COMPLIANT,
          node,
        });
      else if (verdict.complianceType === 'INSUFFICIENT_DATA')
        this.applyRule({
          ruleSuffixOverride: rule.id,
          info: `${rule.title}: not evaluated, ${verdict.reason ?? verdict.annotation}`,
          explanation:
            'The template leaves a value this rule reads unknown until deployment; it is not a pass.',
          level: NagMessageLevel.WARN,
          rule: () => [NOT_EVALUATED],
          node,
        });
    }
  }

  private stackVerdicts(stack: Stack): Map<string, TemplateVerdict[]> {
    const known = this.byStack.get(stack);
    if (known) return known;
    const verdicts = scanner()({
      text: synthesizedTemplate(stack),
      name: stack.templateFile,
      ruleIds: this.rules.map((r) => r.id),
      parameters: this.parameters,
    });
    const byId = new Map<string, TemplateVerdict[]>();
    for (const v of verdicts) byId.set(v.logicalId, [...(byId.get(v.logicalId) ?? []), v]);
    this.byStack.set(stack, byId);
    return byId;
  }
}

/** The template as synthesized: validation plugins run after the templates are written. */
function synthesizedTemplate(stack: Stack): string {
  const outdir = Stage.of(stack)?.outdir;
  const file = outdir ? join(outdir, stack.templateFile) : stack.templateFile;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${PACK_NAME}: the template of ${stack.stackName} is not synthesized yet (${(error as Error).message}); run app.synth() before validateScope(app)`,
    );
  }
}
