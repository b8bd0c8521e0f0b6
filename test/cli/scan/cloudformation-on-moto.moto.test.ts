// Before and after deployment agree on every CloudFormation fixture (public AWS samples and our
// own cases): test/support/code-on-moto/before-and-after.ts.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeBeforeAndAfter } from '../../support/code-on-moto/before-and-after.js';
import { deployTemplate } from '../../support/code-on-moto/deploy-template.js';
import { FIXTURES } from '../../support/code-on-moto/verdicts.js';

/** Parameters without a default that a created resource needs (stand-ins replace the ARNs in moto). */
const PARAMETERS: Record<string, Record<string, string>> = {
  'AutoScaling-AutoScalingMultiAZWithNotifications.yaml': {
    CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/stand-in',
  },
};

const TEMPLATES = ['cloudformation', 'own'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir)).map((f) => join(FIXTURES, dir, f)),
);

describeBeforeAndAfter(TEMPLATES, async (fixture, region) => {
  const { names } = await deployTemplate(fixture, {
    region,
    stack: `s${TEMPLATES.indexOf(fixture)}`,
    parameters: PARAMETERS[basename(fixture)],
  });
  return names;
});
