// The hook's handler on invocation events shaped exactly as the CloudFormation hooks user guide's
// STACK example, with the payload served by a local HTTP server as S3 serves a presigned URL.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hookConfig } from '../../bin/hook/config.js';
import { MESSAGE_LIMIT } from '../../bin/hook/event.js';
import { createHookHandler } from '../../bin/hook/hook.js';
import { stackEvent } from '../fixtures/hook-event.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'hook');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Payload bodies by path; a path not served answers as S3 does to an expired or forged URL. */
const served = new Map<string, string>();
let server: Server;
let base: string;

function serve(path: string, template: string, previousTemplate = ''): string {
  served.set(path, JSON.stringify({ template, previousTemplate }));
  return `${base}${path}?X-Amz-Signature=abc`;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = served.get(new URL(request.url ?? '/', base).pathname);
    if (body === undefined) {
      response.writeHead(403, { 'content-type': 'application/xml' });
      response.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const silent = { info() {}, error() {} };

function hook(env: Record<string, string>) {
  return createHookHandler(hookConfig(env), { fetch: globalThis.fetch, log: silent });
}

const httpsRules = hook({ ENFORCED_RULES: 'alb-https-only,elbv2-acm-certificate-required' });

describe('the template hook', () => {
  it('answers SUCCESS for a compliant template, with AWS::Region and AWS::AccountId from the event', async () => {
    // The certificate ARN is !Sub'd from AWS::Region and AWS::AccountId: unknown without the event's scope.
    const url = serve('/compliant', fixture('https-alb.template.json'));
    const response = await httpsRules(stackEvent(url));
    expect(response).toMatchObject({
      hookStatus: 'SUCCESS',
      clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    });
    expect(response.errorCode).toBeUndefined();
    expect(response.message).toBe('Compliant: 1 resource evaluated with 2 rules.');
  });

  it('answers FAILED NonCompliant for a YAML template with short-form tags, naming the logical id', async () => {
    const url = serve('/forwarding', fixture('http-forwarding-alb.yaml'));
    const response = await hook({ ENFORCED_RULES: 'alb-https-only,lb-access-logs' })(
      stackEvent(url, 'CREATE_PRE_PROVISION'),
    );
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message.split('\n')).toEqual([
      '2 findings on 1 resource:',
      'PublicAlb alb-https-only: HTTP:80 default action forwards HTTP to targetgroup/Targets instead of redirecting to HTTPS',
      'PublicAlb lb-access-logs: access logs are off (access_logs.s3.enabled=false)',
    ]);
    expect(response.annotations).toEqual([
      expect.objectContaining({ annotationName: 'alb-https-only', status: 'FAILED', severityLevel: 'HIGH' }),
      expect.objectContaining({
        annotationName: 'lb-access-logs',
        status: 'FAILED',
        severityLevel: 'MEDIUM',
      }),
    ]);
  });

  it('lists values unknown before deployment as not evaluated, without blocking on them', async () => {
    const template = fixture('https-alb.template.json').replace(
      '"Protocol": "HTTPS"',
      '"Protocol": { "Ref": "ListenerProtocol" }',
    );
    const withParameter = JSON.stringify({
      Parameters: { ListenerProtocol: { Type: 'String' } },
      ...JSON.parse(template),
    });
    const url = serve('/unknown', withParameter);
    const response = await httpsRules(stackEvent(url));
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.message).toMatch(
      /^Compliant: 1 resource evaluated with 2 rules\.\nNot evaluated, 2 checks on values known only at deployment:\nPublicAlb alb-https-only: .*ListenerProtocol/,
    );
    expect(response.annotations?.map((a) => a.status)).toEqual(['SKIPPED', 'SKIPPED']);
  });

  it('fails closed on unknown values when told to', async () => {
    const template = JSON.stringify({
      Parameters: { Scheme: { Type: 'String' } },
      Resources: {
        Alb: {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: { Type: 'application', Scheme: { Ref: 'Scheme' } },
        },
      },
    });
    const url = serve('/closed', template);
    const response = await hook({ ENFORCED_RULES: 'lb-internet-facing-approved', FAIL_ON_UNKNOWN: 'true' })(
      stackEvent(url),
    );
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toMatch(
      /^Not evaluated, 1 check on values known only at deployment \(failing closed\):\nAlb lb-internet-facing-approved: Scheme of Alb: Ref Scheme: a parameter without a default/,
    );
  });

  it('answers SUCCESS to a deletion, whose templates are empty', async () => {
    const url = serve('/delete', '');
    const response = await httpsRules(stackEvent(url, 'DELETE_PRE_PROVISION'));
    expect(response).toEqual({
      hookStatus: 'SUCCESS',
      message: 'Stack deletion: nothing to evaluate.',
      clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    });
  });

  it('answers InternalFailure when the payload cannot be fetched (403)', async () => {
    const response = await httpsRules(stackEvent(`${base}/expired?X-Amz-Signature=old`));
    expect(response).toEqual({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      message: 'The hook payload (requestData.payload) could not be fetched: HTTP 403 Forbidden',
      clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    });
  });

  it('answers InternalFailure when the template cannot be parsed, or is missing on an update', async () => {
    const broken = await httpsRules(stackEvent(serve('/broken', '{"Resources": {')));
    expect(broken.errorCode).toBe('InternalFailure');
    expect(broken.message).toMatch(/^my-cloudformation-stack: not valid JSON or YAML/);
    const notTemplate = await httpsRules(stackEvent(serve('/list', '- a\n- b\n')));
    expect(notTemplate.errorCode).toBe('InternalFailure');
    expect(notTemplate.message).toContain('has no Resources map');
    served.set('/no-template', JSON.stringify({ previousTemplate: '' }));
    const missing = await httpsRules(stackEvent(`${base}/no-template`));
    expect(missing.errorCode).toBe('InternalFailure');
    expect(missing.message).toContain('holds no template');
    served.set('/not-json', '<html>');
    const notJson = await httpsRules(stackEvent(`${base}/not-json`));
    expect(notJson.message).toContain('is not JSON');
  });

  it('answers InternalFailure naming the field of a malformed event', async () => {
    const event = stackEvent(serve('/x', fixture('https-alb.template.json')));
    const resource = { ...event, requestData: { ...event.requestData, targetType: 'AWS::S3::Bucket' } };
    expect(await httpsRules(resource)).toMatchObject({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      message: expect.stringContaining('requestData.targetType: expected STACK'),
      clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    });
    const { payload: _, ...noPayload } = event.requestData;
    expect((await httpsRules({ ...event, requestData: noPayload })).message).toMatch(
      /^Unexpected hook event: requestData\.payload/,
    );
  });

  it('keeps the message within 4096 characters, cut at a whole line with a count of the rest', async () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++) {
      resources[`Alb${i}`] = {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: { Type: 'application' },
      };
      resources[`Listener${i}`] = {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: `Alb${i}` },
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [
            {
              Type: 'forward',
              TargetGroupArn:
                'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/0123456789abcdef',
            },
          ],
        },
      };
    }
    const url = serve('/many', JSON.stringify({ Resources: resources }));
    const response = await hook({ ENFORCED_RULES: 'alb-https-only,lb-access-logs' })(stackEvent(url));
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const lines = response.message.split('\n');
    expect(lines[0]).toBe('600 findings on 300 resources:');
    const shown = lines.filter((l) => /^Alb\d+ (alb-https-only|lb-access-logs): /.test(l)).length;
    const rest = /^… and (\d+) more findings not shown\.$/.exec(lines.at(-1) ?? '');
    expect(shown).toBeGreaterThan(10);
    expect(Number(rest?.[1])).toBe(600 - shown);
    expect(lines.length).toBe(shown + 2);
    expect(response.annotations?.length).toBe(50);
  });

  it('answers every invocation with the configuration error when the environment is bad', async () => {
    let error: Error | undefined;
    try {
      hookConfig({
        ENFORCED_RULES: 'alb-https-only',
        RULE_PARAMETERS: '{"alb-https-only": {"allowFixedResponse": "maybe"}}',
      });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^RULE_PARAMETERS: .*allowFixedResponse/);
    const handler = createHookHandler(error as Error, { fetch: globalThis.fetch, log: silent });
    const response = await handler(stackEvent(serve('/y', fixture('https-alb.template.json'))));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toMatch(/^The hook is misconfigured: RULE_PARAMETERS: /);
  });
});
