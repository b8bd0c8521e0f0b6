// A small IAM evaluator for tests: does a remediation's least-privilege policy allow each AWS call its
// document made? It knows, for the calls the documents make, which resource ARN IAM authorizes, and
// matches them against the statements' action and resource patterns. Conditions are not evaluated
// (they only narrow an allow); a call the evaluator has no resource rule for fails loudly.
import type { PermissionStatement } from '../../rules/core/engine/rule.js';

export interface IamContext {
  partition: string;
  region: string;
  accountId: string;
}

export interface IamCall {
  iamAction: string;
  params: Record<string, unknown>;
}

/** One authorization IAM performs for a call: an action on a resource ('*' for actions without resource types). */
export interface Authorization {
  action: string;
  resource: string;
}

const READ_ONLY = /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*$/;

export function isReadOnly(action: string): boolean {
  return READ_ONLY.test(action);
}

/** The authorizations IAM performs for a recorded call. */
export function authorizationsFor(call: IamCall, ctx: IamContext): Authorization[] {
  const { iamAction: action, params } = call;
  // For an ALB, IAM also authorizes Elastic Load Balancing's own read of its web ACL.
  if (action === 'wafv2:GetWebACLForResource')
    return [
      { action, resource: '*' },
      { action: 'elasticloadbalancing:GetLoadBalancerWebACL', resource: '*' },
    ];
  if (isReadOnly(action)) return [{ action, resource: '*' }];
  const arn = (service: string, resource: string) =>
    `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
  const str = (key: string) => {
    const value = params[key];
    if (typeof value !== 'string')
      throw new Error(`${action} call has no ${key} parameter: ${JSON.stringify(params)}`);
    return value;
  };
  switch (action) {
    case 'elasticloadbalancing:CreateListener': {
      const loadBalancer = str('LoadBalancerArn');
      const authorizations: Authorization[] = [{ action, resource: loadBalancer }];
      // Tagging on create is authorized as AddTags on the new listener.
      if (Array.isArray(params.Tags) && params.Tags.length) {
        authorizations.push({
          action: 'elasticloadbalancing:AddTags',
          resource: `${loadBalancer.replace(':loadbalancer/', ':listener/')}/0123456789abcdef`,
        });
      }
      return authorizations;
    }
    case 'elasticloadbalancing:ModifyListener':
    case 'elasticloadbalancing:CreateRule':
    case 'elasticloadbalancing:DeleteListener':
      return [{ action, resource: str('ListenerArn') }];
    case 'elasticloadbalancing:ModifyRule':
      return [{ action, resource: str('RuleArn') }];
    case 'elasticloadbalancing:CreateLoadBalancerPolicy':
    case 'elasticloadbalancing:SetLoadBalancerPoliciesOfListener':
      return [{ action, resource: arn('elasticloadbalancing', `loadbalancer/${str('LoadBalancerName')}`) }];
    case 'wafv2:AssociateWebACL': {
      // On the web ACL and the ALB, and Elastic Load Balancing's own permission on the ALB: the newer
      // CreateWebACLAssociation or the older SetWebAcl, whichever the account's setting checks.
      const loadBalancer = str('ResourceArn');
      return [
        { action, resource: str('WebACLArn') },
        { action, resource: loadBalancer },
        { action: 'elasticloadbalancing:CreateWebACLAssociation', resource: loadBalancer },
        { action: 'elasticloadbalancing:SetWebAcl', resource: loadBalancer },
      ];
    }
    case 'ec2:AuthorizeSecurityGroupIngress':
    case 'ec2:RevokeSecurityGroupIngress':
      return [{ action, resource: arn('ec2', `security-group/${str('GroupId')}`) }];
    default:
      throw new Error(
        `The IAM evaluator does not know which resource ${action} acts on; add it to authorizationsFor`,
      );
  }
}

function substitute(pattern: string, ctx: IamContext): string {
  const values: Record<string, string> = {
    Partition: ctx.partition,
    Region: ctx.region,
    AccountId: ctx.accountId,
  };
  return pattern.replace(/\$\{AWS::(Partition|Region|AccountId)\}/g, (_, name: string) => values[name] ?? '');
}

function wildcardMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${regex}$`).test(value);
}

/** Whether some statement allows the action on the resource. */
export function isAllowed(
  statements: readonly PermissionStatement[],
  { action, resource }: Authorization,
  ctx: IamContext,
): boolean {
  return statements.some(
    (statement) =>
      statement.actions.some((pattern) => wildcardMatch(pattern, action)) &&
      statement.resources.some((pattern) =>
        resource === '*' ? pattern === '*' : wildcardMatch(substitute(pattern, ctx), resource),
      ),
  );
}

/** Problems with a policy's shape: wildcard actions, and mutating actions allowed on every resource. */
export function policyProblems(statements: readonly PermissionStatement[]): string[] {
  const problems: string[] = [];
  for (const statement of statements) {
    for (const action of statement.actions) {
      if (action.includes('*')) problems.push(`${action}: wildcard actions are not least privilege`);
      if (statement.resources.includes('*') && !isReadOnly(action)) {
        problems.push(`${action} is allowed on every resource (*)`);
      }
    }
    for (const resource of statement.resources) {
      if (resource !== '*' && !resource.startsWith(`arn:\${AWS::Partition}:`)) {
        problems.push(`${resource}: resources are ARNs in \${AWS::Partition}`);
      }
    }
  }
  return problems;
}
