// Throttling is retried by the SDK's own retry strategy: these tests drive real clients over a
// fake HTTP transport, so the retry middleware actually runs.

import { Readable } from 'node:stream';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { HttpResponse } from '@smithy/protocol-http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_CONFIG } from '../../../rules/core/aws/client.js';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import { putEvaluations } from '../../../rules/core/engine/put-evaluations.js';

function transport(responses: { status: number; body: unknown }[]) {
  const requests: string[] = [];
  return {
    requests,
    handler: {
      async handle(request: { body?: unknown; headers: Record<string, string> }) {
        requests.push(String(request.body ?? ''));
        const next = responses.shift() ?? { status: 200, body: { FailedEvaluations: [] } };
        return {
          response: new HttpResponse({
            statusCode: next.status,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify(next.body))]),
          }),
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
  };
}

const evaluation: Evaluation = {
  ruleId: 'r',
  resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
  resourceId: 'legacy',
  resourceName: 'legacy',
  accountId: '123456789012',
  region: 'us-east-1',
  complianceType: 'COMPLIANT',
  annotation: 'ok',
  findings: [],
};

describe('throttling', () => {
  it('retries a throttled PutEvaluations with the SDK strategy until it succeeds', async () => {
    const fake = transport([
      { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
      { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
    ]);
    const client = new ConfigServiceClient({
      ...DEFAULT_CLIENT_CONFIG,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: fake.handler,
    });
    const calls = await putEvaluations(client, [evaluation], {
      resultToken: 't',
      testMode: false,
      orderingTimestamp: new Date(),
      log: silentLog,
    });
    expect(calls).toBe(1);
    expect(fake.requests).toHaveLength(3);
    expect(JSON.parse(fake.requests[2]!).Evaluations[0].ComplianceResourceId).toBe('legacy');
  });

  it('gives up after the configured attempts and surfaces the throttling error', async () => {
    const fake = transport(
      Array.from({ length: 10 }, () => ({
        status: 400,
        body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
      })),
    );
    const client = new ConfigServiceClient({
      retryMode: 'standard',
      maxAttempts: 3,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: fake.handler,
    });
    await expect(
      putEvaluations(client, [evaluation], {
        resultToken: 't',
        testMode: false,
        orderingTimestamp: new Date(),
        log: silentLog,
      }),
    ).rejects.toThrow(/Rate exceeded/);
    expect(fake.requests).toHaveLength(3);
  });
});
