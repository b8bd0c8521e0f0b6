// One resource type's listing failing (Classic DescribeLoadBalancers denied or throttled past its
// retries) must not cost the other type its results: the ALBs are still printed, the failed
// listing is shown in the report, and --fail-on exits "incomplete".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../bin/cli/exit-codes.js';
import { CLASSIC_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { runCli } from '../../support/cli.js';
import { type SimulatedEndpoint, startSimulatedEndpoint } from '../../support/simulated-endpoint.js';

const ACCOUNT = '222222222222';
// Three ALBs (one internal) and no Classic load balancer: every ALB is approved by its team tag.
const ARGS = [
  'audit',
  '--region',
  'us-east-1',
  '--rules',
  'lb-internet-facing-approved',
  '--param',
  'lb-internet-facing-approved.approvalTagKey=team',
  '--param',
  'lb-internet-facing-approved.approvalTagValues=*',
  '--no-progress',
];

// Throttled past its retries is covered in test/core/engine/delivery.test.ts: the audit's patient
// retries would make it a minute long here.
describe.each([['denied', 'access-denied', 'AccessDenied']] as const)(
  'audit when the Classic listing is %s',
  (_, fault, code) => {
    let endpoint: SimulatedEndpoint;
    beforeAll(async () => {
      endpoint = await startSimulatedEndpoint({
        estates: [{ accountId: ACCOUNT, region: 'us-east-1', loadBalancers: 3, mix: { alb: 10, nlb: 0 } }],
        fault: ({ api }) => (api === 'ELB.DescribeLoadBalancers' ? fault : undefined),
      });
    });
    afterAll(() => endpoint.close());

    it('still reports the ALBs, shows the failed listing in the JSON, and exits incomplete under --fail-on', async () => {
      const result = await runCli(
        [...ARGS, '--format', 'json', '--fail-on', 'NON_COMPLIANT'],
        endpoint.env(),
      );
      expect(result.code).toBe(EXIT.INCOMPLETE);
      const report = JSON.parse(result.stdout);
      expect(
        report.evaluations.map((e: { resourceName: string; complianceType: string }) => [
          e.resourceName,
          e.complianceType,
        ]),
      ).toEqual([
        ['lb-1', 'COMPLIANT'],
        ['lb-2', 'COMPLIANT'],
        ['lb-0', 'NOT_APPLICABLE'],
      ]);
      expect(report.summary.complete).toBe(false);
      expect(report.summary.errors).toEqual([
        expect.objectContaining({
          accountId: ACCOUNT,
          region: 'us-east-1',
          resourceType: CLASSIC_LOAD_BALANCER,
          code,
          message: expect.stringContaining(`listing ${CLASSIC_LOAD_BALANCER}`),
        }),
      ]);
    }, 60_000);

    it('prints the ALBs and the failed listing in the table', async () => {
      const result = await runCli(ARGS, endpoint.env());
      expect(result.code).toBe(EXIT.OK);
      expect(result.stdout).toMatch(
        /3 load balancer\(s\), 1 rule\(s\): 0 non-compliant, 2 compliant, 1 not applicable/,
      );
      expect(result.stdout).toMatch(
        new RegExp(`! ${ACCOUNT}/us-east-1: ${code}: listing AWS::ElasticLoadBalancing::LoadBalancer`),
      );
    }, 60_000);
  },
);
