// The template hook's Lambda bundle, built with the shipped esbuild settings, loads as the Lambda
// runtime loads it (an ES module with the handler export), reads its environment and answers a
// STACK invocation. It reads the payload URL only: no AWS SDK client is called.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { esbuildOptions, HOOK_ENTRY } from '../../infra/bundle-options.js';
import { stackEvent } from '../fixtures/hook-event.js';

afterEach(() => vi.unstubAllEnvs());

describe('the template hook bundle', () => {
  it('answers a STACK invocation with the rules of its environment', async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'hook-bundle-')), 'index.mjs');
    await build(esbuildOptions(HOOK_ENTRY, outfile));
    const template = JSON.stringify({
      Resources: {
        Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
        Http: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: {
            LoadBalancerArn: { Ref: 'Alb' },
            Port: 80,
            Protocol: 'HTTP',
            DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Targets' } }],
          },
        },
        Targets: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: { Port: 80, Protocol: 'HTTP' },
        },
      },
    });
    const server = createServer((_, response) =>
      response.end(JSON.stringify({ template, previousTemplate: '' })),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      vi.stubEnv('ENFORCED_RULES', 'alb-https-only');
      vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
      const { handler } = await import(pathToFileURL(outfile).href);
      const payload = `http://127.0.0.1:${(server.address() as AddressInfo).port}/payload`;
      const response = await handler(stackEvent(payload, 'CREATE_PRE_PROVISION'));
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
      expect(response.message).toContain('Alb alb-https-only: HTTP:80 default action forwards HTTP');
    } finally {
      server.close();
    }
  });
});
