// The sample estate exercises every TLS rule, and its verdicts hold whatever the clock says.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../../rules/index.js';
import { auditSampleEstate } from '../../../support/sample-estate.js';

const TLS_RULE_IDS = [
  'elbv2-tls-policy',
  'clb-tls-policy',
  'lb-certificate-expiry',
  'lb-certificate-key-strength',
  'elbv2-acm-certificate-required',
  'clb-acm-certificate-required',
];

async function audit(now: Date) {
  const { evaluations } = await auditSampleEstate({
    rules: RULES.filter((r) => TLS_RULE_IDS.includes(r.id)),
    now,
  });
  const find = (ruleId: string, name: string) =>
    evaluations.find((e) => e.ruleId === ruleId && e.resourceName === name)?.complianceType;
  return { find, evaluations };
}

const EXPECTED: [rule: string, lb: string, compliance: string][] = [
  ['elbv2-tls-policy', 'pq-legacy-clients', 'NON_COMPLIANT'],
  ['elbv2-tls-policy', 'partner-api', 'NON_COMPLIANT'],
  ['elbv2-tls-policy', 'api-legacy', 'NON_COMPLIANT'],
  ['elbv2-tls-policy', 'iot-broker', 'COMPLIANT'],
  ['elbv2-tls-policy', 'eu-storefront', 'COMPLIANT'],
  ['clb-tls-policy', 'billing-clb', 'NON_COMPLIANT'],
  ['clb-tls-policy', 'legacy-web', 'NON_COMPLIANT'],
  ['clb-tls-policy', 'payments-clb', 'COMPLIANT'],
  ['lb-certificate-expiry', 'pq-legacy-clients', 'NON_COMPLIANT'],
  ['lb-certificate-expiry', 'campaign-2025', 'NON_COMPLIANT'],
  ['lb-certificate-expiry', 'billing-clb', 'NON_COMPLIANT'],
  ['lb-certificate-expiry', 'web-public', 'COMPLIANT'],
  ['lb-certificate-key-strength', 'partner-api', 'NON_COMPLIANT'],
  ['lb-certificate-key-strength', 'iot-broker', 'COMPLIANT'],
  ['elbv2-acm-certificate-required', 'partner-api', 'NON_COMPLIANT'],
  ['clb-acm-certificate-required', 'billing-clb', 'NON_COMPLIANT'],
  ['clb-acm-certificate-required', 'legacy-web', 'COMPLIANT'],
];

describe('sample estate TLS cases', () => {
  // The snapshot's own day, after the expiring certificate's date, and years later: the fixed dates keep every verdict.
  it.each(['2026-11-20T09:00:00Z', '2026-12-15T00:00:00Z', '2031-06-01T00:00:00Z'])('at %s', async (when) => {
    const { find, evaluations } = await audit(new Date(when));
    for (const [rule, lb, compliance] of EXPECTED) expect(find(rule, lb), `${rule} ${lb}`).toBe(compliance);
    // Every load balancer of 10-estate.json got its TLS facets from 30-tls.json.
    const unread = evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA');
    expect(unread.map((e) => `${e.ruleId} ${e.resourceName}`)).toEqual([]);
  });
});
