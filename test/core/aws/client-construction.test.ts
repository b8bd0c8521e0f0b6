// Every AWS call retries throttling with the same strategy: every SDK client is built by
// createAwsClient, and the CLI's own STS call survives a throttling burst like the others do.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { planLiveScopes } from '../../../bin/cli/scope-plan.js';
import { ROOT } from '../../support/cli.js';
import { startSimulatedEndpoint } from '../../support/simulated-endpoint.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const SHIPPED = ['rules', 'bin', 'infra'].flatMap((dir) => sourceFiles(join(ROOT, dir)));

describe('client construction', () => {
  it('builds every SDK client through createAwsClient', () => {
    expect(SHIPPED.length).toBeGreaterThan(50);
    const constructions = SHIPPED.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/new\s+([A-Za-z0-9]*Client)\s*\(/g)].map(
        (m) => `${relative(ROOT, file)}: new ${m[1]}(`,
      ),
    );
    expect(constructions).toEqual(['rules/core/aws/client.ts: new Client(']);
  });

  it('gives the STS clients of the credential providers the same retry settings', () => {
    const providers = SHIPPED.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [
        ...text.matchAll(/\b(fromIni|fromNodeProviderChain|fromTemporaryCredentials)\(([^;]*?)\)/gs),
      ].map((m) => ({ at: `${relative(ROOT, file)}: ${m[1]}`, args: m[2] ?? '' }));
    });
    expect(providers.map((p) => p.at).sort()).toEqual([
      'bin/cli/aws-session.ts: fromIni',
      'bin/cli/aws-session.ts: fromNodeProviderChain',
      'bin/cli/aws-session.ts: fromTemporaryCredentials',
    ]);
    for (const p of providers)
      expect(p.args, p.at).toMatch(/clientConfig: \{?\s*(\.\.\.)?DEFAULT_CLIENT_CONFIG/);
  });
});

describe('the CLI identity call under throttling', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('retries a throttled sts:GetCallerIdentity like every other call instead of losing the account', async () => {
    let identityCalls = 0;
    const endpoint = await startSimulatedEndpoint({
      estates: [{ accountId: '333333333333', region: 'us-east-1', loadBalancers: 0 }],
      // Three throttles in a row: the SDK default (3 attempts) gives up, the shared strategy does not.
      fault: ({ api }) => (api === 'STS.GetCallerIdentity' && ++identityCalls <= 3 ? 'throttle' : undefined),
    });
    try {
      for (const [key, value] of Object.entries(endpoint.env())) vi.stubEnv(key, value);
      vi.stubEnv('AWS_PROFILE', undefined);
      const plan = await planLiveScopes({
        regions: ['us-east-1'],
        allRegions: false,
        profiles: [],
        organization: false,
      });
      expect(plan.errors).toEqual([]);
      expect(plan.scopes.map((s) => s.label)).toEqual(['333333333333/us-east-1']);
      expect(endpoint.sim.counts.get('STS.GetCallerIdentity')).toMatchObject({ ok: 1, throttled: 3 });
    } finally {
      await endpoint.close();
    }
  }, 30_000);
});
