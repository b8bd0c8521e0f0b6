// Each rule's Lambda bundle, built with the shipped esbuild settings, holds exactly the SDK clients
// its facets call (read from their IAM actions) plus the engine's: Config to report, Elastic Load
// Balancing (both APIs) to list and look up load balancers, STS for cross-account roles. A client
// is detected by its package name, which every bundled client carries in its user-agent metadata.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, handlerEntry } from '../../infra/bundle-options.js';
import { RULES } from '../../rules/index.js';

const CLIENTS = [
  'acm',
  'config-service',
  'ec2',
  'elastic-load-balancing',
  'elastic-load-balancing-v2',
  'iam',
  'shield',
  'sts',
  'waf-regional',
  'wafv2',
] as const;

/** The client packages an IAM service prefix implies. */
const CLIENTS_OF_SERVICE: Record<string, readonly string[]> = {
  acm: ['acm'],
  ec2: ['ec2'],
  elasticloadbalancing: ['elastic-load-balancing', 'elastic-load-balancing-v2'],
  iam: ['iam'],
  shield: ['shield'],
  'waf-regional': ['waf-regional'],
  wafv2: ['wafv2'],
};

const ENGINE_CLIENTS = ['config-service', 'elastic-load-balancing', 'elastic-load-balancing-v2', 'sts'];

async function bundled(entry: string): Promise<{ clients: string[]; gzipBytes: number }> {
  const out = await build({ ...esbuildOptions(entry, 'index.mjs'), write: false });
  const code = out.outputFiles[0]!.text;
  return {
    clients: CLIENTS.filter((c) => code.includes(`"@aws-sdk/client-${c}"`)),
    gzipBytes: gzipSync(code).length,
  };
}

function expectedClients(rule: (typeof RULES)[number]): string[] {
  const clients = new Set(ENGINE_CLIENTS);
  const actions = [...rule.needs.flatMap((f) => f.iamActions), ...(rule.extraIamActions ?? [])];
  for (const action of actions) {
    const service = action.split(':')[0]!;
    const implied = CLIENTS_OF_SERVICE[service];
    if (!implied) throw new Error(`no client known for IAM service ${service} (${action})`);
    for (const c of implied) clients.add(c);
  }
  return CLIENTS.filter((c) => clients.has(c));
}

describe('the SDK clients in each rule bundle', () => {
  it('the Config-only baseline holds the Config client alone', async () => {
    expect((await bundled('test/bench/config-only-entry.ts')).clients).toEqual(['config-service']);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s holds exactly the clients its facets and the engine call',
    async (_id, rule) => {
      const { clients, gzipBytes } = await bundled(handlerEntry(rule.id));
      expect(clients).toEqual(expectedClients(rule));
      expect(gzipBytes).toBeLessThan(400 * 1024);
    },
    60_000,
  );

  it('a rule that reads no security group carries no EC2 client', async () => {
    const rule = RULES.find((r) => r.id === 'alb-https-only')!;
    expect(rule.needs.flatMap((f) => f.iamActions).some((a) => a.startsWith('ec2:'))).toBe(false);
    expect((await bundled(handlerEntry(rule.id))).clients).not.toContain('ec2');
  });
});
