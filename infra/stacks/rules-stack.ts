// ElbConfigRulesStack: everything for one account and region. Per selected rule: its function, its
// AWS::Config::ConfigRule, and (when the rule has a remediation link) the document, the automation
// role and the remediation configuration. Optionally, NON_COMPLIANT alerts to SNS.
import { Annotations, CfnResource, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AnyRule, StaticValue } from '../../rules/core/engine/rule.js';
import { findRule } from '../../rules/index.js';
import { configRuleProperties } from '../config-rule.js';
import {
  type RemediationSetting,
  type ResolvedRule,
  type RuleSelectionProps,
  resolveRules,
} from '../deployment.js';
import { configRuleName, pascal } from '../naming.js';
import { ComplianceNotifications } from '../notifications.js';
import { RemediationResources } from '../remediation/remediation-resources.js';
import {
  RemediationOptionsError,
  remediationConfigurationProps,
  unsupportedRemediation,
} from '../remediation-configuration.js';
import { RuleFunction } from '../rule-function.js';
import { checkOverridesTarget, DeploymentConfigError, deployedValues } from '../rule-parameters.js';
import { type HookFailureMode, TemplateHook } from '../template-hook.js';

export interface ElbConfigRulesStackProps extends StackProps, RuleSelectionProps {
  /** Prepended to every Config rule name (the rule id). Default none. */
  ruleNamePrefix?: string;
  /** Per rule id: remediation switches. Rules with a remediation link get a configuration either way. */
  remediation?: Readonly<Record<string, RemediationSetting>>;
  /** Alerts on NON_COMPLIANT transitions. Off by default. */
  notifications?: { enabled: boolean; emails?: readonly string[] };
  /** A CloudFormation hook judging every other stack's template in the account and region. Off by default. */
  templateHook?: TemplateHookSetting;
}

export interface TemplateHookSetting {
  failureMode: HookFailureMode;
  /** Rule ids to enforce; default the rules this stack deploys. */
  rules?: readonly string[];
  failOnUnknown?: boolean;
  alias?: string;
}

export class ElbConfigRulesStack extends Stack {
  readonly ruleFunctions = new Map<string, RuleFunction>();
  readonly configRules = new Map<string, CfnResource>();
  readonly notifications?: ComplianceNotifications;
  readonly templateHook?: TemplateHook;

  constructor(scope: Construct, id: string, props: ElbConfigRulesStackProps = {}) {
    super(scope, id, props);
    this.templateOptions.description =
      'elb-config-rules: AWS Config custom rules that keep load balancers encrypted in transit and closed to the internet.';
    const selected = resolveRules(props);
    const remediation = props.remediation ?? {};
    checkOverridesTarget(
      remediation,
      selected.map((s) => s.rule),
      'remediation',
    );

    const ruleNames: string[] = [];
    for (const { rule, folder, parameters, parameterStorePaths } of selected) {
      const group = new Construct(this, pascal(rule.id));
      const evaluator = new RuleFunction(group, 'Evaluator', {
        rule,
        folder,
        settings: props.functions,
        read: { kind: 'own-account' },
        invokingAccounts: [this.account],
        parameterStorePaths,
      });
      const name = configRuleName(rule, props.ruleNamePrefix);
      ruleNames.push(name);
      const configRule = new CfnResource(group, 'ConfigRule', {
        type: 'AWS::Config::ConfigRule',
        properties: configRuleProperties(rule, {
          name,
          functionArn: evaluator.function.functionArn,
          inputParameters: parameters,
        }),
      });
      // Config checks at creation that it may invoke the function.
      for (const child of evaluator.function.node.children) {
        if (child instanceof CfnResource && child.cfnResourceType === 'AWS::Lambda::Permission')
          configRule.addResourceDependency(child);
      }
      this.ruleFunctions.set(rule.id, evaluator);
      this.configRules.set(rule.id, configRule);

      const unsupported =
        rule.remediation && unsupportedRemediation(rule, deployedValues(rule, parameters).values);
      if (rule.remediation && unsupported) {
        if (remediation[rule.id])
          throw new DeploymentConfigError(`remediation of ${rule.id} cannot be configured: ${unsupported}.`);
        Annotations.of(group).addInfo(`Remediation of ${rule.id} is not configured: ${unsupported}.`);
      } else if (rule.remediation) {
        const setting = remediation[rule.id] ?? {};
        const resources = new RemediationResources(group, 'Remediation', rule);
        const missing = Object.entries(rule.remediation.staticParameters)
          .filter(([param, spec]) => spec.default === '' && !setting.parameters?.[param])
          .map(([param]) => param);
        if (missing.length && !remediation[rule.id]) {
          // No safe default (a certificate ARN): deploy the document for manual runs, configure nothing.
          Annotations.of(group).addInfo(
            `Remediation of ${rule.id} is not configured: ${rule.remediation.documentName} needs ${missing.join(', ')}. ` +
              `Set remediation.${rule.id}.parameters to configure it.`,
          );
          continue;
        }
        const remediationConfig = new CfnResource(group, 'RemediationConfiguration', {
          type: 'AWS::Config::RemediationConfiguration',
          properties: {
            ...remediationSettings(rule, {
              configRuleName: name,
              assumeRoleArn: resources.role.roleArn,
              automatic: setting.automatic ?? false,
              maximumAutomaticAttempts: setting.maximumAutomaticAttempts,
              retryAttemptSeconds: setting.retryAttemptSeconds,
              concurrentExecutionRatePercentage: setting.concurrentExecutionRatePercentage,
              errorPercentage: setting.errorPercentage,
              staticValues: {
                ...derivedStaticValues(rule, parameters, setting),
                ...setting.parameters,
              },
            }),
          },
        });
        remediationConfig.addResourceDependency(configRule);
        if (resources.document) remediationConfig.addResourceDependency(resources.document);
      } else if (remediation[rule.id]) {
        throw new DeploymentConfigError(`remediation names rule "${rule.id}", which has no remediation.`);
      }
    }

    if (props.templateHook) this.templateHook = templateHook(this, props, selected);

    if (props.notifications?.enabled) {
      this.notifications = new ComplianceNotifications(this, 'Notifications', {
        configRuleNames: ruleNames,
        emails: props.notifications.emails,
      });
    }
  }
}

/**
 * Static values that follow from the rule's parameters, so the fix and the rule agree. When a list
 * is read from Parameter Store at run time, they cannot be derived at synth: the deployer sets them.
 */
function derivedStaticValues(
  rule: AnyRule,
  parameters: Record<string, string>,
  setting: RemediationSetting,
): Record<string, StaticValue> {
  const derive = rule.remediation?.staticValuesFor;
  if (!derive) return {};
  const { values, references } = deployedValues(rule, parameters);
  const derived = derive(values as Record<string, unknown>);
  const unset = Object.keys(derived).filter((name) => setting.parameters?.[name] === undefined);
  if (references.length && unset.length) {
    throw new DeploymentConfigError(
      `Rule ${rule.id} reads ${references.map((r) => `${r.parameter} from SSM parameter ${r.path}`).join(', ')} at run time, ` +
        `but its remediation derives ${unset.join(', ')} from the rule's parameters at deploy time. ` +
        `Set remediation.${rule.id}.parameters.${unset[0]} yourself, or give the list inline.`,
    );
  }
  return derived;
}

/** Remediation settings errors are deployment settings errors: one type, one clear message. */
function remediationSettings(...args: Parameters<typeof remediationConfigurationProps>) {
  try {
    return remediationConfigurationProps(...args);
  } catch (error) {
    if (error instanceof RemediationOptionsError) throw new DeploymentConfigError(error.message);
    throw error;
  }
}

/**
 * The hook enforces the deployed rules with their deployed parameters, or the rules it is given.
 * Its bundle holds the registry, so a rule from outside it (RuleSource) is not among the defaults.
 */
function templateHook(
  stack: Stack,
  props: ElbConfigRulesStackProps,
  deployed: readonly ResolvedRule[],
): TemplateHook {
  const setting = props.templateHook!;
  const enforced = setting.rules?.length
    ? resolveRules({ rules: setting.rules, ruleParameters: pickParameters(props, setting.rules) })
    : deployed.filter((r) => findRule(r.rule.id) === r.rule);
  return new TemplateHook(stack, 'TemplateHook', {
    failureMode: setting.failureMode,
    rules: enforced.map((r) => r.rule),
    ruleParameters: Object.fromEntries(enforced.map((r) => [r.rule.id, r.parameters])),
    failOnUnknown: setting.failOnUnknown,
    alias: setting.alias,
    functions: props.functions,
  });
}

function pickParameters(props: ElbConfigRulesStackProps, ids: readonly string[]) {
  return Object.fromEntries(Object.entries(props.ruleParameters ?? {}).filter(([id]) => ids.includes(id)));
}
