// Before and after deployment agree: each CloudFormation fixture's expected verdicts are what scan
// says of the template, and every verdict scan could reach is what the live audit says once the
// template's resources exist (created in moto through the SDK).
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployTemplate } from '../../support/code-on-moto/deploy-template.js';
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

const run = requireMoto();
const REGION = 'us-east-1';
/** Parameters without a default that a created resource needs (stand-ins replace the ARNs in moto). */
const PARAMETERS: Record<string, Record<string, string>> = {
  'AutoScaling-AutoScalingMultiAZWithNotifications.yaml': {
    CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/stand-in',
  },
};
const TEMPLATES = ['cloudformation', 'own'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir)).map((f) => join(FIXTURES, dir, f)),
);

describe.each(TEMPLATES)('%s', (fixture) => {
  it('scans to its expected verdicts', async () => {
    expect(await scanVerdicts(fixture)).toEqual(expectedVerdicts(fixture));
  });

  describe.runIf(run)('once deployed in moto', () => {
    motoForSuite(REGION);

    it('gets from the live rules every verdict scan could reach', async () => {
      const { names } = await deployTemplate(fixture, {
        region: REGION,
        stack: 'fixture',
        parameters: PARAMETERS[basename(fixture)],
      });
      const expected = decided(expectedVerdicts(fixture));
      expect([...names.keys()].sort()).toEqual(Object.keys(expectedVerdicts(fixture)).sort());
      const live = await liveVerdicts(names, REGION);
      expect(asSeenBy(expected, live)).toEqual(expected);
    });
  });
});
