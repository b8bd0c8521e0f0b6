// Account-wide reads in a multi-region audit: Shield Advanced's subscription belongs to the account
// and is answered by one endpoint (us-east-1), so a two-region audit of one account asks once.
import { expect, it } from 'vitest';
import { type AuditScope, runAudit } from '../../../bin/cli/audit/audit.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { rule as lbShieldAdvanced } from '../../../rules/lb-shield-advanced/rule.js';
import { SIMULATED_CREDENTIALS, SimulatedAws } from '../../support/simulated-aws.js';

const ACCOUNTS = ['111111111111', '222222222222'];
const REGIONS = ['eu-west-1', 'ap-southeast-2'];

it('asks GetSubscriptionState once per account, at us-east-1, however many regions are audited', async () => {
  const asked: string[] = [];
  const sim = new SimulatedAws({
    estates: REGIONS.map((region) => ({ accountId: ACCOUNTS[0]!, region, loadBalancers: 20 })),
    fault: ({ api, region }) => {
      if (api.endsWith('.GetSubscriptionState')) asked.push(region);
      return undefined;
    },
  });
  const scopes: AuditScope[] = ACCOUNTS.flatMap((accountId) =>
    REGIONS.map((region) => ({
      label: `${accountId}/${region}`,
      accountId,
      region,
      open: (io) =>
        LiveEstate.open(io.aws({ region, accountId, credentials: async () => SIMULATED_CREDENTIALS })),
    })),
  );
  const result = await runAudit(scopes, {
    rules: [lbShieldAdvanced],
    parameters: { 'lb-shield-advanced': { requireSubscription: true } },
    clientConfig: { requestHandler: sim.requestHandler },
    apiPressure: { retry: { baseDelayMs: 1, maxDelayMs: 20 } },
  });
  expect(result.errors).toEqual([]);
  // Two accounts, two regions each: one question per account, both signed for us-east-1.
  expect(asked).toEqual(['us-east-1', 'us-east-1']);
  // Every internet-facing ALB and Classic load balancer of both regions was judged on that answer.
  const failed = result.evaluations.filter((e) => e.complianceType === 'NON_COMPLIANT');
  expect(new Set(failed.map((e) => e.region))).toEqual(new Set(REGIONS));
  expect(failed.every((e) => e.annotation.includes('no Shield Advanced subscription'))).toBe(true);
});
