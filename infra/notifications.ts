// Optional alerts: AWS Config's own "Config Rules Compliance Change" events for these rules, filtered
// to NON_COMPLIANT results, to an SNS topic encrypted with a customer managed key that EventBridge may
// use, and refusing plaintext publishers (enforceSSL). Config emits the event only when a resource's
// compliance changes, so each alert is a transition, not a repeat.
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { PROJECT } from './naming.js';

export interface NotificationProps {
  /** Config rule names to alert on. */
  configRuleNames: readonly string[];
  /** Email addresses to subscribe (each must confirm). */
  emails?: readonly string[];
}

export class ComplianceNotifications extends Construct {
  readonly topic: Topic;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: NotificationProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: `Encrypts ${PROJECT} compliance alerts.`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Load balancer compliance alerts',
      masterKey: key,
      enforceSSL: true,
    });
    this.rule = new Rule(this, 'NonCompliant', {
      description: `NON_COMPLIANT results of the ${PROJECT} rules.`,
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: {
          configRuleName: [...props.configRuleNames],
          newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
        },
      },
    });
    const detail = (path: string) => EventField.fromPath(`$.detail.${path}`);
    this.rule.addTarget(
      new SnsTopic(this.topic, {
        message: RuleTargetInput.fromText(
          `${detail('configRuleName')}: ${detail('resourceType')} ${detail('resourceId')} in account ` +
            `${detail('awsAccountId')} ${detail('awsRegion')} is NON_COMPLIANT: ` +
            `${detail('newEvaluationResult.annotation')}`,
        ),
      }),
    );
    // EventBridge encrypts with the key when it publishes; only for rules of this account.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgePublishesEncrypted',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    for (const email of props.emails ?? []) this.topic.addSubscription(new EmailSubscription(email));
  }
}
