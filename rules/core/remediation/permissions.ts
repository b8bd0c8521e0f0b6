// Building blocks for the least-privilege policies of the remediation documents' assume roles.
import type { PermissionStatement } from '../engine/rule.js';

/** The tag key that exempts a load balancer or security group from every remediation document. */
export const REMEDIATION_EXEMPT_TAG = 'elb-config-rules:remediation-exempt';

/** Resource ARN patterns, with CloudFormation pseudo parameters for partition, region and account. */
export const ARN = {
  albLoadBalancer: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:loadbalancer/app/*/*`,
  nlbLoadBalancer: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:loadbalancer/net/*/*`,
  gwlbLoadBalancer: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:loadbalancer/gwy/*/*`,
  albListener: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:listener/app/*/*/*`,
  nlbListener: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:listener/net/*/*/*`,
  albListenerRule: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:listener-rule/app/*/*/*/*`,
  /** Classic load balancer ARNs are loadbalancer/<name>; IAM cannot tell them from ELBv2 ones by pattern. */
  classicLoadBalancer: `arn:\${AWS::Partition}:elasticloadbalancing:\${AWS::Region}:\${AWS::AccountId}:loadbalancer/*`,
  securityGroup: `arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:security-group/*`,
  securityGroupRule: `arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:security-group-rule/*`,
} as const;

/**
 * Denies the action in IAM itself when the resource carries the exemption tag: the document checks the
 * tag too, but the role cannot change an exempt resource even if a document had a bug.
 */
export const UNLESS_EXEMPT = {
  Null: { [`aws:ResourceTag/${REMEDIATION_EXEMPT_TAG}`]: 'true' },
} as const;

/** Read-only calls that IAM cannot scope to a resource. */
export function describeOnly(actions: readonly string[]): PermissionStatement {
  for (const action of actions) {
    if (!/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*$/.test(action)) {
      throw new Error(`${action} is not read-only and cannot be allowed on every resource`);
    }
  }
  return { actions: [...actions].sort(), resources: ['*'] };
}

/**
 * A load balancer attribute change: read the attributes (and alsoDescribe) anywhere, modify them only on
 * resources that do not carry the exemption tag.
 */
export function attributeChangeUnlessExempt(
  resources: readonly string[],
  alsoDescribe: readonly string[] = [],
): PermissionStatement[] {
  return [
    describeOnly(['elasticloadbalancing:DescribeLoadBalancerAttributes', ...alsoDescribe]),
    {
      actions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
      resources: [...resources],
      conditions: UNLESS_EXEMPT,
    },
  ];
}

/** A new listener on a load balancer that is not exempt, tagged only as it is created. */
export function listenerCreationUnlessExempt(loadBalancer: string, listener: string): PermissionStatement[] {
  return [
    // Creating a listener is authorized on the load balancer, which carries the exemption tag.
    {
      actions: ['elasticloadbalancing:CreateListener'],
      resources: [loadBalancer],
      conditions: UNLESS_EXEMPT,
    },
    // Tags can only be added while creating a listener (the source-listener tag), never to existing resources.
    {
      actions: ['elasticloadbalancing:AddTags'],
      resources: [listener],
      conditions: { StringEquals: { 'elasticloadbalancing:CreateAction': 'CreateListener' } },
    },
  ];
}
