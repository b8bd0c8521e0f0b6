import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, readSnapshots } from '../../../../rules/core/resources/snapshot/load.js';

const SAMPLE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'rules',
  'core',
  'resources',
  'sample-estate',
);

describe('snapshots', () => {
  it('loads the sample estate: at least 10 load balancers of every kind and scheme', () => {
    const regions = readSnapshots([SAMPLE]);
    const lbs = regions.flatMap((r) => r.loadBalancers.map((l) => l.loadBalancer));
    expect(lbs.length).toBeGreaterThanOrEqual(10);
    expect(new Set(lbs.map((l) => l.kind))).toEqual(
      new Set(['application', 'network', 'gateway', 'classic']),
    );
    expect(new Set(lbs.map((l) => l.scheme))).toEqual(new Set(['internet-facing', 'internal']));
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['{"format":"other"}', /format: Invalid input: expected "elb-config-rules\/snapshot"/],
    [
      JSON.stringify({
        format: 'elb-config-rules/snapshot',
        version: 1,
        recordedAt: 'x',
        regions: [
          {
            accountId: '1',
            region: 'r',
            loadBalancers: [{ loadBalancer: { kind: 'classic' }, facets: { listners: [] } }],
          },
        ],
      }),
      /regions\.0\.loadBalancers\.0\.(loadBalancer|facets\.listners)/,
    ],
  ])('refuses a malformed file with the path of the bad field', (text, message) => {
    expect(() => parseSnapshot(text, 'estate.json')).toThrow(message);
  });

  it('names a missing path', () => {
    expect(() => readSnapshots(['/nonexistent/estate.json'])).toThrow(
      /\/nonexistent\/estate.json: no such file or folder/,
    );
  });

  it('merges a later file’s facets into the same load balancer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snap-'));
    const lb = {
      kind: 'classic',
      resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
      resourceId: 'c',
      accountId: '1',
      region: 'r',
      name: 'c',
      scheme: 'internal',
      securityGroupIds: [],
      listeners: [],
      instanceIds: [],
    };
    const file = (facets: object, failures?: object) =>
      JSON.stringify({
        format: 'elb-config-rules/snapshot',
        version: 1,
        recordedAt: 'x',
        regions: [
          {
            accountId: '1',
            region: 'r',
            loadBalancers: [{ loadBalancer: lb, facets, ...(failures ? { failures } : {}) }],
          },
        ],
      });
    writeFileSync(join(dir, 'a.json'), file({ tags: { a: '1' } }, { attributes: 'AccessDenied' }));
    writeFileSync(join(dir, 'b.json'), file({ attributes: { 'accessLog.enabled': 'true' } }));
    const [region] = readSnapshots([dir]);
    expect(region?.loadBalancers).toHaveLength(1);
    expect(region?.loadBalancers[0]?.facets).toEqual({
      tags: { a: '1' },
      attributes: { 'accessLog.enabled': 'true' },
    });
    expect(region?.loadBalancers[0]?.failures).toBeUndefined();
  });
});
