// A full, deterministic dump of everything the remediation documents could change, read through the
// describe APIs: comparing two dumps as strings proves a dry run or an exemption changed nothing.
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  DescribeLoadBalancerPoliciesCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Clients } from './estate.js';

function clean<T>(value: T): unknown {
  const { $metadata: _, ...rest } = value as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
}

export async function dumpState(aws: Clients): Promise<string> {
  const v2 = clean(await aws.elbv2.send(new DescribeLoadBalancersCommand({}))) as {
    LoadBalancers?: { LoadBalancerArn: string }[];
  };
  const loadBalancers = [];
  for (const lb of v2.LoadBalancers ?? []) {
    const arn = lb.LoadBalancerArn;
    const listeners =
      (
        clean(await aws.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: arn }))) as {
          Listeners?: { ListenerArn: string }[];
        }
      ).Listeners ?? [];
    const withRules = [];
    for (const listener of listeners) {
      withRules.push({
        listener,
        rules: clean(await aws.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }))),
        tags: clean(await aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: [listener.ListenerArn] }))),
      });
    }
    loadBalancers.push({
      lb,
      attributes: clean(
        await aws.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn })),
      ),
      tags: clean(await aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }))),
      listeners: withRules,
    });
  }
  const targetGroups =
    (
      clean(await aws.elbv2.send(new DescribeTargetGroupsCommand({}))) as {
        TargetGroups?: { TargetGroupArn: string }[];
      }
    ).TargetGroups ?? [];
  const health = [];
  for (const group of targetGroups) {
    health.push(
      clean(await aws.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }))),
    );
  }
  const classic =
    (
      clean(await aws.elb.send(new DescribeClassicCommand({}))) as {
        LoadBalancerDescriptions?: { LoadBalancerName: string }[];
      }
    ).LoadBalancerDescriptions ?? [];
  const classicDetail = [];
  for (const lb of classic) {
    const name = lb.LoadBalancerName;
    classicDetail.push({
      lb,
      policies: clean(
        await aws.elb.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: name })),
      ),
      attributes: clean(await aws.elb.send(new DescribeClassicAttributesCommand({ LoadBalancerName: name }))),
      tags: clean(await aws.elb.send(new DescribeClassicTagsCommand({ LoadBalancerNames: [name] }))),
    });
  }
  return JSON.stringify(
    {
      loadBalancers,
      targetGroups,
      health,
      classic: classicDetail,
      securityGroups: clean(await aws.ec2.send(new DescribeSecurityGroupsCommand({}))),
      securityGroupRules: clean(await aws.ec2.send(new DescribeSecurityGroupRulesCommand({}))),
      instances: clean(await aws.ec2.send(new DescribeInstancesCommand({}))),
    },
    null,
    1,
  );
}
