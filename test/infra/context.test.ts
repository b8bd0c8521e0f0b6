import { describe, expect, it } from 'vitest';
import { settingsFromContext } from '../../infra/context.js';
import { DeploymentConfigError } from '../../infra/rule-parameters.js';

const from = (context: Record<string, unknown>) => settingsFromContext((key) => context[key]);

describe('cdk context', () => {
  it('reads -c strings: rule list, JSON parameters, switches, log settings, central mode', () => {
    const settings = from({
      rules: 'alb-https-only, nlb-tls-only',
      ruleParameters: '{"nlb-tls-only":{"allowTcpUdp":true}}',
      notifications: 'true',
      notificationEmails: 'a@example.com,b@example.com',
      logLevel: 'debug',
      logRetentionDays: '30',
      memberAccounts: '111111111111,222222222222',
      organizationId: 'o-abcdef1234',
    });
    expect(settings).toMatchObject({
      rules: ['alb-https-only', 'nlb-tls-only'],
      ruleParameters: { 'nlb-tls-only': { allowTcpUdp: true } },
      notifications: { enabled: true, emails: ['a@example.com', 'b@example.com'] },
      logLevel: 'DEBUG',
      logRetention: 30,
      memberAccounts: ['111111111111', '222222222222'],
      organizationId: 'o-abcdef1234',
    });
  });

  it('reads cdk.json values (lists and objects) and treats "all" as every rule', () => {
    expect(from({ rules: 'all' }).rules).toBeUndefined();
    expect(from({ rules: ['nlb-tls-only'], remediation: { x: { automatic: true } } })).toMatchObject({
      rules: ['nlb-tls-only'],
      remediation: { x: { automatic: true } },
    });
  });

  it.each([
    [{ logLevel: 'verbose' }, 'Context "logLevel" must be DEBUG, INFO, WARN or ERROR; got "verbose".'],
    [
      { logRetentionDays: '31' },
      /Context "logRetentionDays" must be one of CloudWatch's retention periods in days \(1, 3, 5/,
    ],
    [{ ruleParameters: '{not json' }, /Context "ruleParameters" must be JSON object/],
    [{ ruleParameters: '[1]' }, /Context "ruleParameters" must be JSON object/],
    [{ notifications: 'yes' }, /Context "notifications" must be "true"/],
  ])('refuses %o', (context, message) => {
    expect(() => from(context)).toThrow(DeploymentConfigError);
    expect(() => from(context)).toThrow(message);
  });
});
