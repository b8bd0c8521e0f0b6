// Every bad CLI input is refused with exit 2, a message naming the flag and the form it expects,
// and before any work: no request reaches AWS (the endpoint counts them), no report is written.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKnownRegion } from '../../../bin/cli/aws-session.js';
import { EXIT } from '../../../bin/cli/exit-codes.js';
import { scheduledEvent } from '../../fixtures/config-items.js';
import { runCli } from '../../support/cli.js';
import { type SimulatedEndpoint, startSimulatedEndpoint } from '../../support/simulated-endpoint.js';

const SAMPLE = 'rules/core/resources/sample-estate';
const work = mkdtempSync(join(tmpdir(), 'strict-inputs-'));
const missingFolder = join(work, 'no-such-folder', 'report.json');
const eventFile = join(work, 'event.json');
writeFileSync(eventFile, JSON.stringify(scheduledEvent({ ruleName: 'alb-https-only' })));

let endpoint: SimulatedEndpoint;
beforeAll(async () => {
  endpoint = await startSimulatedEndpoint({
    estates: [{ accountId: '444444444444', region: 'us-east-1', loadBalancers: 10 }],
  });
});
afterAll(() => endpoint.close());

const CASES: [string, string[], RegExp, Record<string, string>?][] = [
  ['an empty --rules', ['audit', '--rules', ''], /--rules: expected comma-separated rule ids/],
  ['--rules of commas only', ['audit', '--rules', ' , '], /--rules: expected comma-separated rule ids/],
  [
    'a mistyped region under --fail-on',
    ['audit', '--region', 'us-east-l', '--fail-on', 'NON_COMPLIANT'],
    /--region "us-east-l": expected an AWS region name such as us-east-1/,
  ],
  [
    'a region that fits the pattern but does not exist',
    ['audit', '--region', 'us-east-9'],
    /--region "us-east-9": expected an AWS region name/,
  ],
  ['an empty region', ['audit', '--region', ''], /--region "": expected an AWS region name/],
  [
    'a pseudo-region',
    ['audit', '--region', 'aws-global'],
    /--region "aws-global": expected an AWS region name/,
  ],
  [
    'a mistyped region filtering a snapshot under --fail-on',
    ['audit', '--snapshot', SAMPLE, '--region', 'eu-west-l', '--fail-on', 'high'],
    /--region "eu-west-l": expected an AWS region name/,
  ],
  [
    'a mistyped AWS_REGION',
    ['audit'],
    /AWS_REGION "us-east-l": expected an AWS region name/,
    { AWS_REGION: 'us-east-l' },
  ],
  [
    '--output into a missing folder',
    ['audit', '--output', missingFolder],
    /--output .*report\.json: the folder .*no-such-folder does not exist; expected a file path in an existing folder/,
  ],
  [
    '--output onto a folder',
    ['audit', '--format', 'json', '--output', work],
    /--output .*: is a folder; expected a file path in an existing folder/,
  ],
  ['an empty --output', ['audit', '--output', ''], /--output "": expected a file path/],
  [
    'a parameter given twice',
    [
      'audit',
      '--param',
      'alb-https-only.allowFixedResponse=true',
      '--param',
      'alb-https-only.allowFixedResponse=false',
    ],
    /--param alb-https-only.allowFixedResponse: given twice; expected one RULE-ID.PARAMETER=VALUE per parameter/,
  ],
  [
    'an object where a string parameter is expected',
    ['audit', '--param', 'lb-internet-facing-approved.approvalTagKey={"team":"web"}'],
    /approvalTagKey/,
  ],
  ['an empty --profile', ['audit', '--profile', ''], /--profile "": expected the name of a profile/],
  [
    'snapshot --output into a missing folder',
    ['snapshot', '--region', 'us-east-1', '--output', missingFolder],
    /--output .*: the folder .*no-such-folder does not exist/,
  ],
  [
    'snapshot of a mistyped region',
    ['snapshot', '--region', 'us-east-l', '--output', join(work, 'snapshot.json')],
    /--region "us-east-l": expected an AWS region name/,
  ],
  [
    'evaluate --output onto a folder',
    ['evaluate', '--event', eventFile, '--output', work],
    /--output .*: is a folder; expected a file path/,
  ],
];

describe('strict CLI inputs', () => {
  it.each(CASES)('refuses %s with exit 2 before any AWS call', async (_, args, message, env = {}) => {
    const before = endpoint.requests();
    const result = await runCli(args, { ...endpoint.env(), ...env });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(EXIT.USAGE);
    expect(result.stdout).toBe('');
    expect(endpoint.requests() - before).toBe(0);
    expect(existsSync(missingFolder)).toBe(false);
    expect(existsSync(join(work, 'snapshot.json'))).toBe(false);
  });

  it('accepts every region of the SDK partitions, opt-in regions included, and nothing else', () => {
    for (const region of [
      'us-east-1',
      'af-south-1',
      'ap-east-1',
      'me-south-1',
      'il-central-1',
      'ap-southeast-5',
    ])
      expect(isKnownRegion(region), region).toBe(true);
    for (const region of ['cn-north-1', 'us-gov-west-1', 'eu-central-2', 'mx-central-1'])
      expect(isKnownRegion(region), region).toBe(true);
    for (const region of ['us-east-l', 'us-east-9', 'useast1', 'US-EAST-1', 'aws-global', 'constructor', ''])
      expect(isKnownRegion(region), region).toBe(false);
  });

  it('audits a snapshot filtered to an opt-in region without refusing it', async () => {
    const result = await runCli([
      'audit',
      '--snapshot',
      SAMPLE,
      '--region',
      'ap-southeast-5',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(EXIT.OK);
    expect(JSON.parse(result.stdout).evaluations).toEqual([]);
  });
});
