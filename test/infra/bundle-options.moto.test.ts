// The bundle that ships: built by the CDK app's NodejsFunction (local esbuild), then loaded from the
// built file (not the sources) in a child Node process and invoked with TESTMODE events against moto.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, motoEnv, requireMoto, startMoto } from '../support/moto.js';
import { synthApp } from '../support/synth.js';

const run = promisify(execFile);
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const RULE_ARN = `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-abc123`;

/** Builds the app with real bundling for one rule and returns the one bundle directory it staged. */
function buildBundle(ruleId: string): string {
  const { app } = synthApp({ rules: [ruleId] }, { bundle: true });
  const outdir = app.synth().directory;
  const assets = readdirSync(outdir).filter(
    (d) => d.startsWith('asset.') && statSync(join(outdir, d)).isDirectory(),
  );
  expect(assets, 'one bundle, shared by every stack that deploys the rule').toHaveLength(1);
  return join(outdir, assets[0]!);
}

function event(invokingEvent: Record<string, unknown>) {
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ruleParameters: '{}',
    resultToken: 'TESTMODE',
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: RULE_ARN,
    configRuleName: 'clb-https-ssl-only',
    configRuleId: 'config-rule-abc123',
    accountId: ACCOUNT,
  };
}

/** Imports the built handler in a fresh Node process, as Lambda would, and invokes it once. */
async function invokeBuilt(bundle: string, endpoint: string, payload: unknown) {
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(bundle, 'index.mjs')).href)});
const result = await handler(JSON.parse(process.env.TEST_EVENT));
process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      ...motoEnv(endpoint, REGION),
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'elb-config-rules',
      TEST_EVENT: JSON.stringify(payload),
    },
  });
  const lines = stdout.split('\n').filter(Boolean);
  const result = JSON.parse(lines.find((l) => l.startsWith('RESULT '))!.slice('RESULT '.length));
  const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result, logs };
}

const motoReady = requireMoto();

describe('the shipped bundle', () => {
  let bundle: string;
  let moto: MotoServer | undefined;
  beforeAll(async () => {
    bundle = buildBundle('clb-https-ssl-only');
    if (motoReady) moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('is one minified ESM file with the SDK inside, small enough for a fast cold start', () => {
    expect(readdirSync(bundle)).toEqual(['index.mjs']);
    const code = readFileSync(join(bundle, 'index.mjs'));
    expect(code.toString('utf8', 0, 200)).toContain("from 'node:module'");
    expect(code.includes('@aws-sdk/client-config-service')).toBe(true);
    expect(gzipSync(code).length).toBeLessThan(400 * 1024);
  });

  describe.runIf(motoReady)('invoked against moto', () => {
    it('a periodic run over an empty estate delivers no evaluations', async () => {
      const { result } = await invokeBuilt(
        bundle,
        moto!.endpoint,
        event({
          messageType: 'ScheduledNotification',
          awsAccountId: ACCOUNT,
          notificationCreationTime: new Date().toISOString(),
        }),
      );
      expect(result).toEqual({ delivered: 0, calls: 0 });
    });

    it('a periodic run finds a plaintext Classic load balancer and reports it with PutEvaluations', async () => {
      const elb = new ElasticLoadBalancingClient({
        region: REGION,
        endpoint: moto!.endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      });
      await elb.send(
        new CreateLoadBalancerCommand({
          LoadBalancerName: 'legacy-web',
          Listeners: [
            { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 },
          ],
          AvailabilityZones: [`${REGION}a`],
        }),
      );
      const { result, logs } = await invokeBuilt(
        bundle,
        moto!.endpoint,
        event({
          messageType: 'ScheduledNotification',
          awsAccountId: ACCOUNT,
          notificationCreationTime: new Date().toISOString(),
        }),
      );
      expect(result).toEqual({ delivered: 1, calls: 1 });
      expect(logs).toContainEqual(
        expect.objectContaining({
          message: 'evaluated',
          resourceId: 'legacy-web',
          decision: 'NON_COMPLIANT',
        }),
      );
      await moto!.reset();
    });

    it('a change event for a Classic item is judged from the item alone and delivered in TestMode', async () => {
      const { result, logs } = await invokeBuilt(
        bundle,
        moto!.endpoint,
        event({
          messageType: 'ConfigurationItemChangeNotification',
          notificationCreationTime: '2026-11-21T10:00:00.000Z',
          configurationItem: {
            resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
            resourceId: 'shop-classic',
            resourceName: 'shop-classic',
            awsAccountId: ACCOUNT,
            awsRegion: REGION,
            configurationItemStatus: 'OK',
            configurationItemCaptureTime: '2026-11-21T09:59:00.000Z',
            configuration: {
              loadBalancerName: 'shop-classic',
              scheme: 'internet-facing',
              securityGroups: [],
              listenerDescriptions: [
                {
                  listener: {
                    protocol: 'HTTPS',
                    loadBalancerPort: 443,
                    instanceProtocol: 'HTTP',
                    instancePort: 80,
                    sSLCertificateId: `arn:aws:iam::${ACCOUNT}:server-certificate/shop`,
                  },
                  policyNames: [],
                },
                {
                  listener: {
                    protocol: 'SSL',
                    loadBalancerPort: 8443,
                    instanceProtocol: 'TCP',
                    instancePort: 8443,
                    sSLCertificateId: `arn:aws:iam::${ACCOUNT}:server-certificate/shop`,
                  },
                  policyNames: [],
                },
              ],
            },
            supplementaryConfiguration: {},
            tags: {},
          },
        }),
      );
      expect(result).toEqual({ delivered: 1, calls: 1 });
      expect(logs).toContainEqual(
        expect.objectContaining({ message: 'evaluated', resourceId: 'shop-classic', decision: 'COMPLIANT' }),
      );
    });
  });
});
