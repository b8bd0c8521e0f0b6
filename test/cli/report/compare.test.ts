// Config's stored results beside a live audit: each kind of difference, and what is not compared.
import { describe, expect, it } from 'vitest';
import {
  compareResults,
  countAgreements,
  formatComparisonCsv,
  formatComparisonTable,
} from '../../../bin/cli/report/compare.js';
import type { StoredResult } from '../../../bin/cli/report/stored-results.js';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { ComplianceType } from '../../../rules/core/engine/outcome.js';
import { albArn } from '../../fixtures/config-results.js';

const A = '111111111111';
const R = 'us-east-1';
const TYPE = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

const stored = (name: string, complianceType: ComplianceType, region = R): StoredResult => ({
  accountId: A,
  region,
  configRuleName: 'alb-https-only',
  ruleId: 'alb-https-only',
  resourceType: TYPE,
  resourceId: albArn(A, region, name),
  complianceType,
  annotation: `stored ${complianceType}`,
  recordedAt: new Date('2026-11-30T08:15:00Z'),
});

const live = (name: string, complianceType: ComplianceType, region = R): Evaluation => ({
  ruleId: 'alb-https-only',
  resourceType: TYPE,
  resourceId: albArn(A, region, name),
  resourceName: name,
  accountId: A,
  region,
  complianceType,
  annotation: `live ${complianceType}`,
  findings: [],
});

describe('compareResults', () => {
  const audited = new Set([`${A}/${R}`]);

  it('tells agreement, disagreement, a result without a resource, a resource without a result, and an unread one', () => {
    const comparisons = compareResults(
      [
        stored('same', 'COMPLIANT'),
        stored('changed', 'COMPLIANT'),
        stored('deleted', 'NON_COMPLIANT'),
        stored('unread', 'COMPLIANT'),
      ],
      [
        live('same', 'COMPLIANT'),
        live('changed', 'NON_COMPLIANT'),
        live('untriggered', 'NON_COMPLIANT'),
        live('unread', 'INSUFFICIENT_DATA'),
      ],
      audited,
      { storesNotApplicable: true },
    );
    const by = Object.fromEntries(
      comparisons.map((c) => [c.resourceName.replace(/^arn:.*\/app\/(\w+)\/.*$/, '$1'), c.agreement]),
    );
    expect(by).toEqual({
      same: 'agree',
      changed: 'disagree',
      deleted: 'stored-only',
      untriggered: 'live-only',
      unread: 'live-unread',
    });
    // Differences first.
    expect(comparisons[0]?.agreement).toBe('disagree');
    expect(comparisons.find((c) => c.agreement === 'disagree')).toMatchObject({
      stored: { complianceType: 'COMPLIANT', recordedAt: '2026-11-30T08:15:00.000Z' },
      live: { complianceType: 'NON_COMPLIANT', annotation: 'live NON_COMPLIANT' },
    });
  });

  it('does not compare scopes the live audit did not cover', () => {
    const comparisons = compareResults(
      [stored('elsewhere', 'NON_COMPLIANT', 'eu-west-1')],
      [live('elsewhere', 'COMPLIANT', 'eu-west-1')],
      audited,
      { storesNotApplicable: true },
    );
    expect(comparisons).toEqual([]);
  });

  it('an aggregator keeps no NOT_APPLICABLE result: a live NOT_APPLICABLE without one agrees there, not in one account', () => {
    const onlyLive = [live('internal', 'NOT_APPLICABLE')];
    expect(compareResults([], onlyLive, audited, { storesNotApplicable: false })[0]?.agreement).toBe('agree');
    expect(compareResults([], onlyLive, audited, { storesNotApplicable: true })[0]?.agreement).toBe(
      'live-only',
    );
  });

  it('prints the differences and the counts; CSV cells a spreadsheet would run are defused', () => {
    const comparisons = compareResults(
      [stored('same', 'COMPLIANT'), { ...stored('changed', 'COMPLIANT'), annotation: '=HYPERLINK("x")' }],
      [live('same', 'COMPLIANT'), live('changed', 'NON_COMPLIANT')],
      audited,
      { storesNotApplicable: true },
    );
    expect(countAgreements(comparisons)).toMatchObject({ agree: 1, disagree: 1 });
    const table = formatComparisonTable(comparisons);
    expect(table.split('\n')).toHaveLength(2);
    expect(table).toMatch(
      /^disagree .* changed: Config COMPLIANT at 2026-11-30T08:15:00.000Z, live NON_COMPLIANT/,
    );
    expect(table).toMatch(/2 result\(s\) compared: 1 agree, 1 disagree/);
    const csv = formatComparisonCsv(comparisons);
    expect(csv.split('\r\n')[0]).toBe(
      'agreement,accountId,region,ruleId,resourceType,resourceId,storedComplianceType,storedRecordedAt,storedAnnotation,liveComplianceType,liveAnnotation',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
