// `audit` with reportOn=listener: one row per listener, typed as a Listener, in every report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../../../bin/cli/main.js';
import type { SnapshotFile } from '../../../rules/core/resources/snapshot/format.js';

const ACCOUNT = '222233334444';
const REGION = 'us-east-1';
const NLB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/net/edge/0123456789abcdef`;
const listenerArn = (id: string) => `${NLB.replace(':loadbalancer/', ':listener/')}/${id}`;
const listener = (id: string, protocol: string, port: number, sslPolicy?: string) => ({
  arn: listenerArn(id),
  loadBalancerArn: NLB,
  port,
  protocol,
  ...(sslPolicy ? { sslPolicy } : {}),
  certificates: [],
  alpnPolicy: [],
  defaultActions: [],
});

const SNAPSHOT: SnapshotFile = {
  format: 'elb-config-rules/snapshot',
  version: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  regions: [
    {
      accountId: ACCOUNT,
      region: REGION,
      loadBalancers: [
        {
          loadBalancer: {
            kind: 'network',
            resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
            resourceId: NLB,
            arn: NLB,
            accountId: ACCOUNT,
            region: REGION,
            name: 'edge',
            scheme: 'internet-facing',
            securityGroupIds: [],
          },
          facets: {
            listeners: [
              listener('tcp', 'TCP', 80),
              listener('tls', 'TLS', 443, 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
            ],
          },
        },
      ] as never,
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'elb-audit-per-listener-'));
const snapshot = join(dir, 'nlb.json');
beforeAll(() => writeFileSync(snapshot, JSON.stringify(SNAPSHOT)));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function audit(format: string, ...params: string[]): Promise<string> {
  const output = join(dir, `report-${format}-${params.length}`);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const args = ['audit', '--snapshot', snapshot, '--rules', 'nlb-tls-only', '--format', format];
  for (const p of params) args.push('--param', p);
  const code = await main(['node', 'elb-config-rules', ...args, '--output', output]);
  vi.restoreAllMocks();
  expect(code).toBe(0);
  return readFileSync(output, 'utf8');
}

it('lists each listener with its resource type under reportOn=listener, and the load balancer without it', async () => {
  const perListener: Record<string, string>[] = parse(await audit('csv', 'nlb-tls-only.reportOn=listener'), {
    columns: true,
  });
  expect(perListener.map((r) => [r.resourceType, r.resourceId, r.resourceName, r.complianceType])).toEqual([
    ['AWS::ElasticLoadBalancingV2::Listener', listenerArn('tcp'), 'edge listener TCP:80', 'NON_COMPLIANT'],
    ['AWS::ElasticLoadBalancingV2::Listener', listenerArn('tls'), 'edge listener TLS:443', 'COMPLIANT'],
  ]);
  const perLoadBalancer: Record<string, string>[] = parse(await audit('csv'), { columns: true });
  expect(perLoadBalancer.map((r) => [r.resourceType, r.resourceId, r.complianceType])).toEqual([
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', NLB, 'NON_COMPLIANT'],
  ]);
});

it('shows listeners in the table and still counts one load balancer', async () => {
  const table = await audit('table', 'nlb-tls-only.reportOn=listener');
  expect(table).toMatch(/FAIL\s+edge listener TCP:80\s+TCP:80 is plaintext TCP/);
  expect(table).toMatch(/PASS\s+edge listener TLS:443/);
  expect(table).toMatch(/1 load balancer\(s\), 1 rule\(s\): 1 non-compliant, 1 compliant/);
  const json = JSON.parse(await audit('json', 'nlb-tls-only.reportOn=listener'));
  expect(json.summary.loadBalancers).toBe(1);
  expect(json.evaluations.map((e: { resourceType: string }) => e.resourceType)).toEqual([
    'AWS::ElasticLoadBalancingV2::Listener',
    'AWS::ElasticLoadBalancingV2::Listener',
  ]);
});
