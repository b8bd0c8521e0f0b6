// The member-account template for CloudFormation StackSets (service-managed permissions): in every
// account and region it creates each rule's function under a fixed name, its execution role, the
// invoke permission for that account's AWS Config, and the remediation documents and roles. The
// organization conformance pack then creates the Config rules that point at these functions.
import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type RuleSelectionProps, resolveRules } from '../deployment.js';
import { functionName, pascal } from '../naming.js';
import { RemediationResources } from '../remediation/remediation-resources.js';
import { RuleFunction } from '../rule-function.js';
import { StackSetSynthesizer } from '../stackset-synthesizer.js';

export interface MemberAccountStackProps extends Omit<StackProps, 'synthesizer'>, RuleSelectionProps {}

export class MemberAccountStack extends Stack {
  readonly bundles: StackSetSynthesizer['bundles'];

  constructor(scope: Construct, id: string, props: MemberAccountStackProps = {}) {
    const synthesizer = new StackSetSynthesizer();
    super(scope, id, { ...props, synthesizer, analyticsReporting: false });
    this.bundles = synthesizer.bundles;
    this.templateOptions.description =
      'elb-config-rules member account (StackSets): rule functions, roles and remediation documents for the organization conformance pack.';
    for (const { rule, folder, parameterStorePaths } of resolveRules(props)) {
      const group = new Construct(this, pascal(rule.id));
      new RuleFunction(group, 'Evaluator', {
        rule,
        folder,
        settings: props.functions,
        functionName: functionName(rule),
        read: { kind: 'own-account' },
        invokingAccounts: [Aws.ACCOUNT_ID],
        parameterStorePaths,
      });
      if (rule.remediation) new RemediationResources(group, 'Remediation', rule);
    }
  }
}
