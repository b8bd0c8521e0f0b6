// Before and after apply agree on every Terraform plan fixture (open-source projects' plans and our
// own): test/support/code-on-moto/before-and-after.ts. What the deployer does where moto differs
// from AWS is listed in test/support/code-on-moto/deploy-plan.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeBeforeAndAfter } from '../../support/code-on-moto/before-and-after.js';
import { deployPlan } from '../../support/code-on-moto/deploy-plan.js';
import { FIXTURES } from '../../support/code-on-moto/verdicts.js';

const PLANS = readdirSync(join(FIXTURES, 'terraform'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(FIXTURES, 'terraform', f));

it('has public plans and our own', () => {
  expect(PLANS.length).toBeGreaterThanOrEqual(4);
});

describeBeforeAndAfter(PLANS, deployPlan);
