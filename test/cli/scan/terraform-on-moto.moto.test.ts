// Each Terraform plan fixture, judged before apply (scan) and after (the live audit of what the plan
// creates in moto through the SDK): every verdict scan could decide is the verdict the live rules
// give the same load balancer. What the deployer does where moto differs from AWS is listed in
// test/support/code-on-moto/deploy-plan.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployPlan } from '../../support/code-on-moto/deploy-plan.js';
import {
  asSeenBy,
  decided,
  expectedVerdicts,
  FIXTURES,
  liveVerdicts,
  scanVerdicts,
} from '../../support/code-on-moto/verdicts.js';
import { requireMoto } from '../../support/moto.js';
import { motoForSuite } from '../../support/moto-suite.js';

const REGION = 'us-east-1';
const PLANS = readdirSync(join(FIXTURES, 'terraform'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(FIXTURES, 'terraform', f));

describe.runIf(requireMoto())('Terraform plans before and after apply', () => {
  motoForSuite(REGION);

  it('has public plans and our own', () => {
    expect(PLANS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(PLANS)(
    '%s: scan gives the expected verdicts, and the live rules agree on every decided one',
    async (plan) => {
      const expected = expectedVerdicts(plan);
      expect(await scanVerdicts(plan)).toEqual(expected);
      const names = await deployPlan(plan, REGION);
      expect([...names.keys()].sort()).toEqual(Object.keys(expected).sort());
      const live = await liveVerdicts(names, REGION);
      expect(asSeenBy(decided(expected), live)).toEqual(decided(expected));
    },
    120_000,
  );
});
