// Central-account mode, the member side: the role the central functions assume. It may read load
// balancers and deliver evaluations, nothing else. Its trust names the central account's rule
// execution roles only (by their IAM path) and, when an organization id is given, requires the
// caller to be in that organization (aws:PrincipalOrgID).
// StackSets deploy it into accounts that were never CDK-bootstrapped, so it is synthesized without
// the BootstrapVersion parameter and rule; and because it is deployed once per account (IAM is
// global) its statements name no single region.
import {
  Aws,
  BootstraplessSynthesizer,
  CfnCondition,
  CfnParameter,
  Fn,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { ArnPrincipal, type CfnRole, PolicyDocument, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { requiredIamActions } from '../../rules/core/engine/iam.js';
import { type RuleSelectionProps, resolveRules } from '../deployment.js';
import { evaluationStatements } from '../iam-policy.js';
import { acknowledgeWildcards } from '../nag.js';
import { DEFAULT_EVALUATION_ROLE_NAME, EXECUTION_ROLE_PATH, PROJECT } from '../naming.js';

export interface EvaluationRoleStackProps
  extends Omit<StackProps, 'synthesizer'>,
    Pick<RuleSelectionProps, 'rules'> {
  evaluationRoleName?: string;
}

export class EvaluationRoleStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: EvaluationRoleStackProps = {}) {
    super(scope, id, { ...props, synthesizer: new BootstraplessSynthesizer(), analyticsReporting: false });
    this.templateOptions.description =
      'elb-config-rules evaluation role: lets the central account rule functions read load balancers here. Deploy once per account (IAM is global).';
    const central = new CfnParameter(this, 'CentralAccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'The account that runs the rule functions (the Config delegated administrator).',
    });
    const organization = new CfnParameter(this, 'OrganizationId', {
      type: 'String',
      default: '',
      allowedPattern: '^(o-[a-z0-9]{10,32})?$',
      description:
        'Your AWS Organizations id; when set, only principals of the organization may assume the role.',
    });
    const hasOrganization = new CfnCondition(this, 'HasOrganizationId', {
      expression: Fn.conditionNot(Fn.conditionEquals(organization.valueAsString, '')),
    });

    const actions = new Set<string>();
    for (const { rule } of resolveRules({ rules: props.rules })) {
      for (const action of requiredIamActions(rule)) actions.add(action);
    }
    const statements = evaluationStatements('evaluation-role', [...actions], 'every-region');
    this.role = new Role(this, 'EvaluationRole', {
      roleName: props.evaluationRoleName ?? DEFAULT_EVALUATION_ROLE_NAME,
      description: `Assumed by the ${PROJECT} rule functions of the central account to evaluate this account.`,
      assumedBy: new ArnPrincipal(`arn:${Aws.PARTITION}:iam::${central.valueAsString}:root`).withConditions({
        ArnLike: {
          'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::${central.valueAsString}:role${EXECUTION_ROLE_PATH}*`,
        },
      }),
      inlinePolicies: { Evaluate: new PolicyDocument({ statements }) },
    });
    (this.role.node.defaultChild as CfnRole).addPropertyOverride(
      'AssumeRolePolicyDocument.Statement.0.Condition.StringEquals',
      Fn.conditionIf(
        hasOrganization.logicalId,
        { 'aws:PrincipalOrgID': organization.valueAsString },
        Aws.NO_VALUE,
      ),
    );
    acknowledgeWildcards(this.role, statements, (s, resource) =>
      resource === '*'
        ? `${s.actions.join(', ')}: no resource-level permissions in IAM; reads only, and PutEvaluations writes only for the rule whose result token it holds.`
        : `${s.actions.join(', ')} read resources of this account only (in every region, as the role is global).`,
    );
  }
}
