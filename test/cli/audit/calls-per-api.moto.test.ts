// How many requests a live audit sends, by API, for a small moto fleet over two regions, counted at
// the endpoint: region-wide listings are called per region and page, not per load balancer; listener
// rules are read for HTTP listeners only; nothing is read for a load balancer no selected rule covers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from '../../bench/counting-proxy.js';
import { type MotoServer, motoEnv, requireMoto, startMoto, useMotoEnv } from '../../support/moto.js';
import { createFleet } from '../../support/moto-fleet.js';

const run = requireMoto();
/** Asynchronous: the counting proxy runs in this process and must keep answering while the CLI runs. */
const execFileAsync = promisify(execFile);
const REGIONS = ['us-east-1', 'eu-west-1'];

describe.runIf(run)('requests per API of a live audit', () => {
  let moto: MotoServer;
  let proxy: CountingProxy;
  let restore: () => void;

  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto.endpoint);
    // 6 load balancers: us-east-1 ALB, ALB, NLB; eu-west-1 NLB, Classic, Classic. Each ALB has
    // HTTP:80 and HTTPS:443, each ELBv2 load balancer one target group.
    await createFleet(3, 6, { region: 'us-east-1' });
    await createFleet(7, 10, { region: 'eu-west-1' });
    proxy = await startCountingProxy(moto.endpoint);
  }, 120_000);
  beforeEach(() => proxy?.reset());
  afterAll(async () => {
    await proxy?.close();
    restore?.();
    await moto?.stop();
  });

  async function audit(loadBalancers: number, ...extra: string[]): Promise<Record<string, number>> {
    const child = await execFileAsync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bin/cli/main.ts',
        'audit',
        ...REGIONS.flatMap((r) => ['--region', r]),
        '--format',
        'json',
        '--no-progress',
        ...extra,
      ],
      {
        // moto has no WAF Classic: those calls go to its stand-in directly, uncounted.
        env: {
          ...process.env,
          ...motoEnv(proxy.endpoint),
          AWS_ENDPOINT_URL_WAF_REGIONAL: moto.wafClassicEndpoint,
        },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch(
      // A non-compliant finding exits non-zero; the report on stdout is what is read here.
      (error: { stdout: string; stderr: string }) => error,
    );
    const report = JSON.parse(child.stdout) as { summary: { errors: unknown[]; loadBalancers: number } };
    expect(report.summary.errors).toEqual([]);
    expect(report.summary.loadBalancers).toBe(loadBalancers);
    return Object.fromEntries(proxy.counts);
  }

  it('all rules: target groups once per region, rules of HTTP listeners only, per-resource APIs once per resource', async () => {
    const calls = await audit(6);
    // 4 ELBv2 load balancers in 2 regions, one page each: 2, not 4.
    expect(calls['ELBv2.DescribeTargetGroups']).toBe(2);
    // 2 ALBs, each with one HTTP and one HTTPS listener: only the HTTP ones' rules are read.
    expect(calls['ELBv2.DescribeRules']).toBe(2);
    expect(calls['ELBv2.DescribeListeners']).toBe(4);
    expect(calls['ELBv2.DescribeTargetHealth']).toBe(4);
    expect(calls['ELBv2.DescribeLoadBalancerAttributes']).toBe(4);
    expect(calls['ELB.DescribeInstanceHealth']).toBe(2);
    expect(calls['wafv2.GetWebACLForResource']).toBe(2);
    // Listings: one page per region and API that has load balancers of its family there.
    expect(calls['ELBv2.DescribeLoadBalancers']).toBe(2);
    expect(calls['ELB.DescribeLoadBalancers']).toBe(2);
    // One batch per region for the load balancers' tags and one for their target groups' tags.
    expect(calls['ELBv2.DescribeTags']).toBe(4);
    expect(calls['ELBv2.DescribeTargetGroupAttributes']).toBe(4);
    expect(calls['ELB.DescribeTags']).toBe(1);
  });

  it('one ALB rule: nothing is read for the NLBs and Classic load balancers it does not cover', async () => {
    // The rule covers ELBv2 load balancers only: the Classic ones are not even listed.
    const calls = await audit(4, '--rules', 'alb-https-only');
    expect(calls['ELBv2.DescribeListeners']).toBe(2);
    expect(calls['ELBv2.DescribeRules']).toBe(2);
    for (const api of Object.keys(calls))
      expect(api, 'only listings and the facets alb-https-only reads').toMatch(
        /^(ELBv2\.(DescribeLoadBalancers|DescribeListeners|DescribeRules)|ELB\.DescribeLoadBalancers|sts\.GetCallerIdentity)$/,
      );
  });
});
