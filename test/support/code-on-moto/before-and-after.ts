// One fixture of infrastructure code, judged before deployment (scan) and after it (the live
// audit of what the fixture created in moto through the SDK): scan gives the fixture's expected
// verdicts, and every one it could decide is the live rules' verdict on the same load balancer.
import { describe, expect, it } from 'vitest';
import { requireMoto } from '../moto.js';
import { motoForSuite } from '../moto-suite.js';
import { asSeenBy, decided, expectedVerdicts, liveVerdicts, scanVerdicts } from './verdicts.js';

/** Deploys the fixture into moto; the live load balancer's name by the fixture's id. */
export type DeployFixture = (fixture: string, region: string) => Promise<ReadonlyMap<string, string>>;

const REGION = 'us-east-1';

/** One moto for all the fixtures (each deploys under names of its own), as a live region holds many stacks. */
export function describeBeforeAndAfter(fixtures: readonly string[], deploy: DeployFixture): void {
  describe.each(fixtures)('%s', (fixture) => {
    it('scans to its expected verdicts', async () => {
      expect(await scanVerdicts(fixture)).toEqual(expectedVerdicts(fixture));
    });
  });

  describe.runIf(requireMoto())('once deployed in moto', () => {
    motoForSuite(REGION);

    it.each(fixtures)(
      '%s: the live rules give every verdict scan could reach',
      async (fixture) => {
        const expected = expectedVerdicts(fixture);
        const names = await deploy(fixture, REGION);
        expect([...names.keys()].sort()).toEqual(Object.keys(expected).sort());
        const live = await liveVerdicts(names, REGION);
        expect(asSeenBy(decided(expected), live)).toEqual(decided(expected));
      },
      120_000,
    );
  });
}
