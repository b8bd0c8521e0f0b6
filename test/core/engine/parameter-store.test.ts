// List parameters read from SSM Parameter Store (ssm:/path): the reference form, the content
// validated like an inline value, one read per invocation, and loud failures (aws-sdk-client-mock).
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancers,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AccessDeniedException,
  GetParameterCommand,
  ParameterNotFound,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../rules/core/engine/handler.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import {
  ParameterStoreError,
  parameterStorePath,
  parameterStoreReferences,
  resolveParameterStore,
} from '../../../rules/core/engine/parameter-store.js';
import { InvalidParameterError } from '../../../rules/core/engine/parameters.js';
import { ssmParameterReader } from '../../../rules/core/engine/ssm-parameter-reader.js';
import { rule as internetFacingApproved } from '../../../rules/lb-internet-facing-approved/rule.js';
import { albArn, REGION, scheduledEvent } from '../../fixtures/config-items.js';

const specs = {
  cidrs: {
    type: 'stringList',
    default: [],
    itemPattern: /^[\d.]+\/\d+$/,
    expected: 'IPv4 CIDRs',
    description: '',
  },
  name: { type: 'string', default: '', description: '' },
} as const;

describe('ssm: references', () => {
  it('recognises only the literal prefix ssm: followed by a parameter path', () => {
    expect(parameterStorePath('cidrs', 'ssm:/elb-config-rules/allowed-cidrs')).toBe(
      '/elb-config-rules/allowed-cidrs',
    );
    expect(parameterStorePath('cidrs', ' ssm:/a.b_c-d/e ')).toBe('/a.b_c-d/e');
    expect(parameterStorePath('cidrs', 'SSM:/x')).toBeUndefined();
    expect(parameterStorePath('cidrs', '10.0.0.0/8')).toBeUndefined();
    for (const bad of ['ssm:', 'ssm:relative', 'ssm:/a//b', 'ssm:/a/', 'ssm:/a b', 'ssm:/a,10.0.0.0/8']) {
      expect(() => parameterStorePath('cidrs', bad), bad).toThrow(
        /Rule parameter "cidrs" must be ssm:\/path\/to\/parameter/,
      );
    }
    expect(() => parameterStorePath('cidrs', `ssm:${'/a'.repeat(16)}`)).toThrow(/at most 15 levels/);
  });

  it('reads only list parameters from Parameter Store', () => {
    expect(parameterStoreReferences(specs, { cidrs: 'ssm:/lists/cidrs', name: 'ssm:/lists/name' })).toEqual([
      { parameter: 'cidrs', path: '/lists/cidrs' },
    ]);
  });

  it('validates the content exactly like an inline value, saying where it came from', async () => {
    const read = async () => '10.0.0.0/8, bogus';
    const inline = () => resolveParameterStore(specs, { cidrs: '10.0.0.0/8, bogus' }, read);
    expect(await inline()).toEqual({ cidrs: '10.0.0.0/8, bogus' });
    await expect(resolveParameterStore(specs, { cidrs: 'ssm:/lists/cidrs' }, read)).rejects.toThrow(
      new InvalidParameterError(
        'Rule parameter "cidrs" must be a comma-separated list of IPv4 CIDRs; item "bogus" is not. (read from SSM parameter /lists/cidrs)',
      ),
    );
    await expect(
      resolveParameterStore(specs, { cidrs: 'ssm:/lists/cidrs' }, async () => '10.0.0.0/8,192.168.0.0/16'),
    ).resolves.toEqual({ cidrs: '10.0.0.0/8,192.168.0.0/16' });
  });

  it('refuses a parameter that holds no items instead of taking the list as empty', async () => {
    await expect(
      resolveParameterStore(specs, { cidrs: 'ssm:/lists/cidrs' }, async () => ' , '),
    ).rejects.toThrow(/"cidrs" refers to SSM parameter \/lists\/cidrs, which holds no items/);
  });

  it('fails when a reference is given and nothing can read Parameter Store', async () => {
    await expect(resolveParameterStore(specs, { cidrs: 'ssm:/lists/cidrs' }, undefined)).rejects.toThrow(
      ParameterStoreError,
    );
  });
});

describe('ssmParameterReader', () => {
  const ssm = mockClient(SSMClient);
  const client = () =>
    new SSMClient({ region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  beforeEach(() => ssm.reset());

  it('reads a String or StringList once per path for its lifetime, without decryption', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Type: 'StringList', Value: 'a,b' } });
    const read = ssmParameterReader({ GetParameterCommand }, client(), 'here');
    expect(await Promise.all([read('/p'), read('/p'), read('/p')])).toEqual(['a,b', 'a,b', 'a,b']);
    expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: '/p', WithDecryption: false },
    ]);
  });

  it('names the path and the cause when the parameter is missing or denied', async () => {
    ssm
      .on(GetParameterCommand, { Name: '/missing' })
      .rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    ssm
      .on(GetParameterCommand, { Name: '/denied' })
      .rejects(
        new AccessDeniedException({ Message: 'not authorized', message: 'not authorized', $metadata: {} }),
      );
    const read = ssmParameterReader({ GetParameterCommand }, client(), '123456789012/eu-west-1');
    await expect(read('/missing')).rejects.toThrow(
      /SSM parameter \/missing could not be read: it does not exist in 123456789012\/eu-west-1 \(ParameterNotFound/,
    );
    await expect(read('/denied')).rejects.toThrow(
      /SSM parameter \/denied could not be read: the role may not read it: grant ssm:GetParameter/,
    );
  });

  it('refuses a SecureString and a parameter without a value', async () => {
    ssm
      .on(GetParameterCommand, { Name: '/secret' })
      .resolves({ Parameter: { Type: 'SecureString', Value: 'AQI' } });
    ssm.on(GetParameterCommand, { Name: '/empty' }).resolves({ Parameter: { Type: 'String' } });
    const read = ssmParameterReader({ GetParameterCommand }, client(), 'here');
    await expect(read('/secret')).rejects.toThrow(/\/secret is a SecureString/);
    await expect(read('/empty')).rejects.toThrow(/\/empty came back without a value/);
  });
});

describe('a rule invocation with a list in Parameter Store', () => {
  const ssm = mockClient(SSMClient);
  const config = mockClient(ConfigServiceClient);
  const elbv2 = mockClient(ElasticLoadBalancingV2Client);
  const classic = mockClient(ElasticLoadBalancingClient);
  const options = {
    log: silentLog,
    sleep: async () => {},
    clientConfig: { region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
  };
  const names = ['web-0', 'web-1', 'web-2', 'web-3', 'web-4'];
  const event = scheduledEvent({
    resultToken: 'real-token',
    parameters: { allowedLoadBalancers: 'ssm:/elb-config-rules/approved' },
  });

  beforeEach(() => {
    for (const mock of [ssm, config, elbv2, classic]) mock.reset();
    classic.on(DescribeClassicLoadBalancers).resolves({ LoadBalancerDescriptions: [] });
    config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
    elbv2.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: names.map((name, i) => ({
        LoadBalancerArn: albArn(name, String(1000 + i)),
        LoadBalancerName: name,
        Type: 'application',
        Scheme: 'internet-facing',
      })) as LoadBalancer[],
    });
    elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((arn) => ({ ResourceArn: arn, Tags: [] })),
    }));
  });

  it('reads the parameter once per invocation, not per load balancer, and judges with its items', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Type: 'StringList', Value: 'web-0, web-3' } });
    const handler = createHandler(internetFacingApproved, options);
    await handler(event);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    const sent = config.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);
    const verdicts = Object.fromEntries(sent.map((e) => [e.ComplianceResourceId, e.ComplianceType]));
    expect(Object.values(verdicts)).toHaveLength(5);
    expect(names.map((name, i) => verdicts[albArn(name, String(1000 + i))])).toEqual([
      'COMPLIANT',
      'NON_COMPLIANT',
      'NON_COMPLIANT',
      'COMPLIANT',
      'NON_COMPLIANT',
    ]);
    // A second invocation reads it again: an edit to the list takes effect on the next run.
    await handler(event);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('fails the invocation loudly, reading and sending nothing, when the parameter is denied or missing', async () => {
    for (const error of [
      new AccessDeniedException({
        Message: 'not authorized to perform ssm:GetParameter',
        message: 'not authorized to perform ssm:GetParameter',
        $metadata: {},
      }),
      new ParameterNotFound({ message: 'no such parameter', $metadata: {} }),
    ]) {
      ssm.reset();
      ssm.on(GetParameterCommand).rejects(error);
      await expect(createHandler(internetFacingApproved, options)(event)).rejects.toThrow(
        /SSM parameter \/elb-config-rules\/approved could not be read/,
      );
    }
    expect(elbv2.calls()).toHaveLength(0);
    expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
  });

  it('refuses bad content with the inline error, before any load balancer is read', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Type: 'String', Value: ',' } });
    await expect(createHandler(internetFacingApproved, options)(event)).rejects.toThrow(/holds no items/);
    expect(elbv2.calls()).toHaveLength(0);
  });
});
