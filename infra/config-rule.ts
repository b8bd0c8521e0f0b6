// The AWS::Config::ConfigRule and AWS::Config::RemediationConfiguration properties of a rule, in
// CloudFormation's own casing. The CDK stacks and the conformance packs both render these, so a
// rule's triggers, scope and parameters are written down once.
import type { AnyRule } from '../rules/core/engine/rule.js';

export const CHANGE_NOTIFICATION = 'ConfigurationItemChangeNotification';
export const OVERSIZED_NOTIFICATION = 'OversizedConfigurationItemChangeNotification';
export const SCHEDULED_NOTIFICATION = 'ScheduledNotification';
/** Config caps a rule description at 256 characters. */
const DESCRIPTION_MAX = 256;

/** A CloudFormation value: a literal or an intrinsic such as { Ref } or { 'Fn::Sub' }. */
export type CfnValue = unknown;

export interface ConfigRuleInputs {
  name: CfnValue;
  functionArn: CfnValue;
  /** Parameter name to value (literal string or intrinsic). */
  inputParameters: Record<string, CfnValue>;
  /** Text put before the rule's own description (the conformance pack's control ids). */
  descriptionPrefix?: string;
}

export function sourceDetails(rule: AnyRule): Record<string, string>[] {
  const details: Record<string, string>[] = [];
  if (rule.triggers.changes.length) {
    details.push({ EventSource: 'aws.config', MessageType: CHANGE_NOTIFICATION });
    details.push({ EventSource: 'aws.config', MessageType: OVERSIZED_NOTIFICATION });
  }
  if (rule.triggers.periodic) {
    details.push({
      EventSource: 'aws.config',
      MessageType: SCHEDULED_NOTIFICATION,
      MaximumExecutionFrequency: rule.triggers.periodic,
    });
  }
  if (!details.length) throw new Error(`Rule ${rule.id} declares neither change nor periodic triggers`);
  return details;
}

export function ruleDescription(rule: AnyRule, prefix = ''): string {
  const text = `${prefix}${rule.title}. ${rule.description}`;
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 3)}...`;
}

export function configRuleProperties(rule: AnyRule, inputs: ConfigRuleInputs): Record<string, CfnValue> {
  return {
    ConfigRuleName: inputs.name,
    Description: ruleDescription(rule, inputs.descriptionPrefix),
    ...(rule.triggers.changes.length ? { Scope: { ComplianceResourceTypes: scopeOf(rule) } } : {}),
    Source: {
      Owner: 'CUSTOM_LAMBDA',
      SourceIdentifier: inputs.functionArn,
      SourceDetails: sourceDetails(rule),
    },
    ...(Object.keys(inputs.inputParameters).length ? { InputParameters: inputs.inputParameters } : {}),
  };
}

/**
 * The types whose changes trigger the rule, plus the child type it can report on: a listener or target
 * group the rule reports on one by one must trigger it, or its deletion would never be reported.
 */
export function scopeOf(rule: AnyRule): string[] {
  const child = rule.reportEach?.resourceType;
  return child && !rule.triggers.changes.includes(child)
    ? [...rule.triggers.changes, child]
    : [...rule.triggers.changes];
}
