// Central-account mode, the delegated-admin side: one function per rule under a fixed name, which
// reads nothing itself and assumes the evaluation role in whichever member account Config invokes
// it for. Each listed member account's AWS Config may invoke it (one SourceAccount-pinned
// permission per account, since Lambda permissions take one source account each).
import { Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type RuleSelectionProps, resolveRules } from '../deployment.js';
import { DEFAULT_EVALUATION_ROLE_NAME, functionName, pascal } from '../naming.js';
import { RuleFunction } from '../rule-function.js';
import { DeploymentConfigError } from '../rule-parameters.js';

export interface CentralAccountStackProps extends StackProps, RuleSelectionProps {
  /** Accounts whose Config rules invoke the central functions. */
  memberAccounts: readonly string[];
  evaluationRoleName?: string;
  /** Limits sts:AssumeRole to roles in this organization (aws:ResourceOrgID). */
  organizationId?: string;
}

/** CloudFormation's resource limit per template. */
const MAX_RESOURCES = 500;
/** Lambda's resource-based policy is capped at 20 KB, about 100 statements of this size. */
const MAX_PERMISSIONS_PER_FUNCTION = 100;

export class CentralAccountStack extends Stack {
  constructor(scope: Construct, id: string, props: CentralAccountStackProps) {
    super(scope, id, props);
    this.templateOptions.description =
      'elb-config-rules central account: rule functions that evaluate member accounts through an assumed evaluation role.';
    const accounts = [...new Set(props.memberAccounts)];
    const bad = accounts.find((a) => !/^\d{12}$/.test(a));
    if (bad !== undefined || accounts.length === 0) {
      throw new DeploymentConfigError(
        `memberAccounts must be a comma-separated list of 12-digit account ids; got ${JSON.stringify(bad ?? '')}.`,
      );
    }
    if (props.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
      throw new DeploymentConfigError(
        `organizationId must look like o-abc123defg; got ${JSON.stringify(props.organizationId)}.`,
      );
    }
    const selected = resolveRules(props);
    const resources = selected.length * (4 + accounts.length);
    if (accounts.length > MAX_PERMISSIONS_PER_FUNCTION || resources > MAX_RESOURCES) {
      throw new DeploymentConfigError(
        `Central-account mode for ${accounts.length} accounts and ${selected.length} rules needs ${resources} resources ` +
          `(limit ${MAX_RESOURCES}) and ${accounts.length} invoke permissions per function (limit about ${MAX_PERMISSIONS_PER_FUNCTION}). ` +
          'Use member-account mode (StackSets) for an organization this size.',
      );
    }
    for (const { rule, folder, parameterStorePaths } of selected) {
      new RuleFunction(new Construct(this, pascal(rule.id)), 'Evaluator', {
        rule,
        folder,
        settings: props.functions,
        functionName: functionName(rule),
        read: {
          kind: 'assume-role',
          roleName: props.evaluationRoleName ?? DEFAULT_EVALUATION_ROLE_NAME,
          organizationId: props.organizationId,
        },
        invokingAccounts: accounts,
        parameterStorePaths,
      });
    }
  }
}
