// Settings from cdk context: cdk.json's "context" block or `-c key=value` on the command line.
// Command-line values arrive as strings; cdk.json may hold real lists and objects. Every bad value
// fails synth with the key's name and the expected form.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RemediationSetting, RuleSelectionProps } from './deployment.js';
import type { PowertoolsLogLevel } from './rule-function.js';
import { DeploymentConfigError, type RuleParameterOverrides } from './rule-parameters.js';
import type { TemplateHookSetting } from './stacks/rules-stack.js';

export interface AppSettings {
  rules?: RuleSelectionProps['rules'];
  ruleParameters?: RuleParameterOverrides;
  ruleNamePrefix?: string;
  remediation?: Record<string, RemediationSetting>;
  notifications?: { enabled: boolean; emails?: string[] };
  logLevel?: PowertoolsLogLevel;
  logRetention?: RetentionDays;
  /** Central-account mode: member accounts allowed to invoke the central functions. */
  memberAccounts?: string[];
  organizationId?: string;
  evaluationRoleName?: string;
  /** The CloudFormation template hook, in the single-account stack. */
  templateHook?: TemplateHookSetting;
}

/** The context keys read, with their expected form, for errors and docs. */
export const CONTEXT_KEYS = {
  rules: 'comma-separated rule ids, or "all" (default all)',
  ruleParameters: 'JSON object: {"<rule id>": {"<parameter>": value}}',
  ruleNamePrefix: 'text prepended to every Config rule name',
  remediation:
    'JSON object: {"<rule id>": {"automatic": true, "maximumAutomaticAttempts": 5, "retryAttemptSeconds": 60, "parameters": {...}}}',
  notifications: '"true" to send NON_COMPLIANT transitions to SNS',
  notificationEmails: 'comma-separated email addresses to subscribe',
  logLevel: 'DEBUG, INFO, WARN or ERROR',
  logRetentionDays: `one of CloudWatch's retention periods in days (${validRetentions().join(', ')})`,
  memberAccounts: 'comma-separated 12-digit account ids (central-account mode)',
  organizationId: 'your organization id, o-...',
  evaluationRoleName: 'name of the evaluation role in member accounts',
  templateHook: 'FAIL or WARN: deploy the CloudFormation template hook with that failure mode',
  templateHookRules: 'comma-separated rule ids the template hook enforces (default the deployed rules)',
  templateHookFailOnUnknown: '"true" to block templates whose values are known only at deployment',
} as const;

export function settingsFromContext(get: (key: string) => unknown): AppSettings {
  const settings: AppSettings = {};
  const rules = list(get, 'rules');
  if (rules && !(rules.length === 1 && rules[0] === 'all')) settings.rules = rules;
  const ruleParameters = object(get, 'ruleParameters');
  if (ruleParameters) settings.ruleParameters = ruleParameters as RuleParameterOverrides;
  const prefix = text(get, 'ruleNamePrefix');
  if (prefix) settings.ruleNamePrefix = prefix;
  const remediation = object(get, 'remediation');
  if (remediation) settings.remediation = remediation as Record<string, RemediationSetting>;
  const notifications = bool(get, 'notifications');
  const emails = list(get, 'notificationEmails');
  if (notifications || emails) settings.notifications = { enabled: notifications ?? true, emails };
  const logLevel = text(get, 'logLevel');
  if (logLevel) {
    const upper = logLevel.toUpperCase();
    if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(upper)) fail('logLevel', logLevel);
    settings.logLevel = upper as PowertoolsLogLevel;
  }
  const retention = text(get, 'logRetentionDays');
  if (retention) {
    const days = Number(retention);
    if (!validRetentions().includes(days)) fail('logRetentionDays', retention);
    settings.logRetention = days as RetentionDays;
  }
  settings.memberAccounts = list(get, 'memberAccounts');
  settings.organizationId = text(get, 'organizationId');
  settings.evaluationRoleName = text(get, 'evaluationRoleName');
  const hookMode = text(get, 'templateHook');
  const hookRules = list(get, 'templateHookRules');
  const failOnUnknown = bool(get, 'templateHookFailOnUnknown');
  if (hookMode !== undefined) {
    const mode = hookMode.toUpperCase();
    if (mode !== 'FAIL' && mode !== 'WARN') fail('templateHook', hookMode);
    settings.templateHook = { failureMode: mode, rules: hookRules, failOnUnknown };
  } else if (hookRules || failOnUnknown !== undefined) {
    throw new DeploymentConfigError(
      'Context "templateHookRules" and "templateHookFailOnUnknown" need "templateHook" (FAIL or WARN) to deploy the hook.',
    );
  }
  return settings;
}

function validRetentions(): number[] {
  return Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);
}

function fail(key: keyof typeof CONTEXT_KEYS, value: unknown): never {
  throw new DeploymentConfigError(
    `Context "${key}" must be ${CONTEXT_KEYS[key]}; got ${JSON.stringify(value)}.`,
  );
}

function text(get: (key: string) => unknown, key: keyof typeof CONTEXT_KEYS): string | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') fail(key, value);
  return String(value).trim();
}

function list(get: (key: string) => unknown, key: keyof typeof CONTEXT_KEYS): string[] | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(',')
      : fail(key, value);
  const out = items.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

function bool(get: (key: string) => unknown, key: keyof typeof CONTEXT_KEYS): boolean | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fail(key, value);
}

function object(
  get: (key: string) => unknown,
  key: keyof typeof CONTEXT_KEYS,
): Record<string, unknown> | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      fail(key, value);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(key, value);
  return parsed as Record<string, unknown>;
}
