// The runner itself, against moto: every step type it supports, the flow controls, and the refusals.
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLeanMoto } from '../lean-moto.js';
import { type MotoServer, motoEnv, requireMoto } from '../moto.js';
import {
  AutomationRunner,
  parseAutomationDocument,
  type AutomationRunner as Runner,
  UnsupportedStepError,
} from './index.js';

const run = requireMoto();

const HEADER = `
schemaVersion: '0.3'
description: runner test
assumeRole: '{{ AutomationAssumeRole }}'
`;

const TOUR = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: 'arn:aws:iam::123456789012:role/test' }
  GroupName: { type: String, description: name, allowedPattern: '^[a-z-]+$' }
  Port: { type: Integer, description: port, default: 22 }
  Fail: { type: Boolean, description: fail on purpose, default: false }
mainSteps:
  - name: CreateGroup
    action: aws:executeAwsApi
    inputs:
      Service: ec2
      Api: CreateSecurityGroup
      GroupName: '{{ GroupName }}'
      Description: 'created by {{ automation:EXECUTION_ID }}'
    outputs:
      - { Name: GroupId, Selector: $.GroupId, Type: String }
  - name: Authorize
    action: aws:executeAwsApi
    inputs:
      Service: ec2
      Api: AuthorizeSecurityGroupIngress
      GroupId: '{{ CreateGroup.GroupId }}'
      IpPermissions:
        - { IpProtocol: tcp, FromPort: '{{ Port }}', ToPort: '{{ Port }}', IpRanges: [{ CidrIp: 0.0.0.0/0 }] }
    outputs:
      - { Name: RuleId, Selector: '$.SecurityGroupRules[0].SecurityGroupRuleId', Type: String }
  - name: WaitForGroup
    action: aws:waitForAwsResourceProperty
    timeoutSeconds: 60
    inputs:
      Service: ec2
      Api: DescribeSecurityGroups
      GroupIds: ['{{ CreateGroup.GroupId }}']
      PropertySelector: $.SecurityGroups[0].GroupName
      DesiredValues: ['{{ GroupName }}']
  - name: AssertPort
    action: aws:assertAwsResourceProperty
    inputs:
      Service: ec2
      Api: DescribeSecurityGroups
      GroupIds: ['{{ CreateGroup.GroupId }}']
      PropertySelector: $.SecurityGroups[0].IpPermissions[0].FromPort
      DesiredValues: ['{{ Port }}']
  - name: Inspect
    action: aws:executeScript
    inputs:
      Runtime: python3.11
      Handler: handler
      InputPayload: { GroupId: '{{ CreateGroup.GroupId }}', Port: '{{ Port }}' }
      Script: |-
        import boto3
        def handler(events, context):
            group = boto3.client('ec2').describe_security_groups(GroupIds=[events['GroupId']])['SecurityGroups'][0]
            ports = [str(p['FromPort']) for p in group['IpPermissions']]
            print('inspected', group['GroupId'])
            return {'Count': len(ports), 'Ports': ports, 'Summary': f"{group['GroupName']} opens {','.join(ports)}",
                    'Pairs': [{'Port': p} for p in ports], 'Execution': context['automation:EXECUTION_ID']}
    outputs:
      - { Name: Count, Selector: $.Payload.Count, Type: Integer }
      - { Name: Ports, Selector: $.Payload.Ports, Type: StringList }
      - { Name: Pairs, Selector: $.Payload.Pairs, Type: MapList }
      - { Name: Summary, Selector: $.Payload.Summary, Type: String }
      - { Name: Execution, Selector: $.Payload.Execution, Type: String }
  - name: Decide
    action: aws:branch
    inputs:
      Choices:
        - { NextStep: Explode, Variable: '{{ Fail }}', BooleanEquals: true }
        - { NextStep: Pause, Variable: '{{ Inspect.Count }}', NumericGreater: 0 }
      Default: Finish
  - name: Explode
    action: aws:executeScript
    onFailure: step:Finish
    isCritical: false
    inputs:
      Runtime: python3.11
      Handler: handler
      Script: |-
        def handler(events, context):
            raise RuntimeError('exploded on purpose')
  - name: Pause
    action: aws:sleep
    inputs: { Duration: PT1M30S }
    nextStep: Finish
  - name: Finish
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: DescribeSecurityGroups, GroupIds: ['{{ CreateGroup.GroupId }}'] }
    outputs:
      - { Name: Name, Selector: '$.SecurityGroups[0].GroupName', Type: String }
    isEnd: true
outputs: [CreateGroup.GroupId, Inspect.Summary, Inspect.Ports, Finish.Name]
`);

describe.runIf(run)('AutomationRunner against moto', () => {
  let moto: MotoServer;
  let runner: Runner;
  let ec2: EC2Client;
  beforeAll(async () => {
    moto = await startLeanMoto();
    runner = new AutomationRunner({ env: motoEnv(moto.endpoint) });
    const env = motoEnv(moto.endpoint);
    ec2 = new EC2Client({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
  });
  afterAll(async () => {
    ec2?.destroy();
    await runner?.close();
    await moto?.stop();
  });
  beforeEach(async () => moto.reset());

  const groupNames = async () =>
    ((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [])
      .map((g) => g.GroupName)
      .filter((name) => name !== 'default')
      .sort();

  it('runs every step type, resolves references with their types and follows the branch', async () => {
    const result = await runner.run(TOUR, { GroupName: 'web', Port: '8443' }, { executionId: 'exec-1' });
    expect(result.status).toBe('Success');
    expect(result.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'CreateGroup:Success',
      'Authorize:Success',
      'WaitForGroup:Success',
      'AssertPort:Success',
      'Inspect:Success',
      'Decide:Success',
      'Pause:Success',
      'Finish:Success',
    ]);
    expect(result.sleeps).toEqual([90]);
    const inspect = result.steps.find((s) => s.name === 'Inspect');
    expect(inspect?.outputs).toMatchObject({
      Count: 1,
      Ports: ['8443'],
      Pairs: [{ Port: '8443' }],
      Summary: 'web opens 8443',
      Execution: 'exec-1',
    });
    expect(inspect?.printed).toMatch(/^inspected sg-/);
    expect(result.outputs).toEqual({
      'CreateGroup.GroupId': expect.stringMatching(/^sg-/),
      'Inspect.Summary': 'web opens 8443',
      'Inspect.Ports': ['8443'],
      'Finish.Name': 'web',
    });
    expect(await groupNames()).toEqual(['web']);
    expect(result.calls.map((c) => `${c.step} ${c.iamAction}`)).toEqual([
      'CreateGroup ec2:CreateSecurityGroup',
      'Authorize ec2:AuthorizeSecurityGroupIngress',
      'WaitForGroup ec2:DescribeSecurityGroups',
      'AssertPort ec2:DescribeSecurityGroups',
      'Inspect ec2:DescribeSecurityGroups',
      'Finish ec2:DescribeSecurityGroups',
    ]);
    expect(result.calls[1]?.params).toMatchObject({
      IpPermissions: [{ FromPort: 8443, ToPort: 8443 }],
    });
  });

  it('continues at the onFailure step after a non-critical script failure and reports the error', async () => {
    const result = await runner.run(TOUR, { GroupName: 'api', Fail: 'true' });
    expect(result.status).toBe('Success');
    const explode = result.steps.find((s) => s.name === 'Explode');
    expect(explode?.status).toBe('Failed');
    expect(explode?.failureMessage).toMatch(/^RuntimeError: exploded on purpose\nTraceback/);
    expect(result.steps.map((s) => s.name)).toEqual([
      'CreateGroup',
      'Authorize',
      'WaitForGroup',
      'AssertPort',
      'Inspect',
      'Decide',
      'Explode',
      'Finish',
    ]);
    expect(result.sleeps).toEqual([]);
  });

  it('aborts at a failed assertion and runs nothing after it', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Create
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: CreateSecurityGroup, GroupName: one, Description: d }
    outputs: [{ Name: Id, Selector: $.GroupId, Type: String }]
  - name: Check
    action: aws:assertAwsResourceProperty
    inputs:
      Service: ec2
      Api: DescribeSecurityGroups
      GroupIds: ['{{ Create.Id }}']
      PropertySelector: $.SecurityGroups[0].GroupName
      DesiredValues: [two, three]
  - name: After
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: CreateSecurityGroup, GroupName: after, Description: d }
`);
    const result = await runner.run(doc, {});
    expect(result.status).toBe('Failed');
    expect(result.failureMessage).toBe(
      'Check: $.SecurityGroups[0].GroupName is one, expected one of two, three',
    );
    expect(result.steps.map((s) => s.name)).toEqual(['Create', 'Check']);
    expect(await groupNames()).toEqual(['one']);
  });

  it('polls until the wait times out, sleeping between polls', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Create
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: CreateSecurityGroup, GroupName: waiting, Description: d }
    outputs: [{ Name: Id, Selector: $.GroupId, Type: String }]
  - name: Wait
    action: aws:waitForAwsResourceProperty
    timeoutSeconds: 15
    inputs:
      Service: ec2
      Api: DescribeSecurityGroups
      GroupIds: ['{{ Create.Id }}']
      PropertySelector: $.SecurityGroups[0].Description
      DesiredValues: [never]
`);
    const result = await runner.run(doc, {});
    expect(result.status).toBe('Failed');
    expect(result.failureMessage).toBe(
      'Wait: timed out after 15s: $.SecurityGroups[0].Description is d, expected one of never',
    );
    expect(result.calls.filter((c) => c.step === 'Wait')).toHaveLength(3);
    expect(result.sleeps).toEqual([5, 5]);
  });

  it('retries a step up to maxAttempts', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Flaky
    action: aws:executeScript
    maxAttempts: 2
    inputs:
      Runtime: python3.11
      Handler: handler
      Script: |-
        import boto3
        def handler(events, context):
            ec2 = boto3.client('ec2')
            names = [g['GroupName'] for g in ec2.describe_security_groups()['SecurityGroups']]
            if 'attempted' not in names:
                ec2.create_security_group(GroupName='attempted', Description='first try')
                raise RuntimeError('first attempt fails')
            return {'Ok': True}
    outputs: [{ Name: Ok, Selector: $.Payload.Ok, Type: Boolean }]
`);
    const result = await runner.run(doc, {});
    expect(result.status).toBe('Success');
    expect(result.steps[0]).toMatchObject({ attempts: 2, outputs: { Ok: true } });
  });

  it('ends at a branch with isEnd when no choice holds', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
  Go: { type: String, description: go, default: 'no' }
mainSteps:
  - name: Choose
    action: aws:branch
    inputs:
      Choices: [{ NextStep: Create, Variable: '{{ Go }}', StringEquals: 'yes' }]
    isEnd: true
  - name: Create
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: CreateSecurityGroup, GroupName: created, Description: d }
`);
    expect((await runner.run(doc, {})).steps.map((s) => s.name)).toEqual(['Choose']);
    expect((await runner.run(doc, { Go: 'yes' })).steps.map((s) => s.name)).toEqual(['Choose', 'Create']);
  });

  it('fails a step whose output does not have its declared type, or that reads a missing output', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Typed
    action: aws:executeScript
    onFailure: Continue
    inputs: { Runtime: python3.11, Handler: h, Script: "def h(e, c):\\n    return {'N': 'three'}" }
    outputs: [{ Name: N, Selector: $.Payload.N, Type: Integer }]
  - name: Missing
    action: aws:executeScript
    inputs: { Runtime: python3.11, Handler: h, Script: "def h(e, c):\\n    return {}", InputPayload: { V: '{{ Typed.N }}' } }
`);
    const result = await runner.run(doc, {});
    expect(result.steps.map((s) => s.failureMessage)).toEqual([
      'output N is declared Integer but $.Payload.N holds "three"',
      '{{ Typed.N }}: step Typed produced no output N',
    ]);
    expect(result.status).toBe('Failed');
  });

  it('refuses an action it cannot execute before running any step', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Create
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: CreateSecurityGroup, GroupName: never, Description: d }
  - name: Loop
    action: aws:loop
    inputs: { Iterators: [a], Steps: [] }
`);
    await expect(runner.run(doc, {})).rejects.toThrow(UnsupportedStepError);
    await expect(runner.run(doc, {})).rejects.toThrow(/cannot execute Loop \(aws:loop\)/);
    expect(await groupNames()).toEqual([]);
  });

  it('fails a step that names a service or API it has no binding for', async () => {
    const doc = parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Dynamo
    action: aws:executeAwsApi
    onFailure: Continue
    inputs: { Service: dynamodb, Api: ListTables }
  - name: Typo
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: DescribeSecurityGroup }
`);
    const result = await runner.run(doc, {});
    expect(result.steps.map((s) => s.failureMessage)).toEqual([
      expect.stringMatching(/^Service "dynamodb" has no SDK v3 binding in the runner/),
      'Service ec2 has no API named DescribeSecurityGroup (no DescribeSecurityGroupCommand in its SDK client)',
    ]);
  });

  it('refuses missing, unknown and mistyped parameters, naming them', async () => {
    await expect(runner.run(TOUR, {})).rejects.toThrow('Parameter GroupName is required (it has no default)');
    await expect(runner.run(TOUR, { GroupName: 'a', Colour: 'red' })).rejects.toThrow(
      /^Unknown parameter Colour; the document takes AutomationAssumeRole, GroupName, Port, Fail$/,
    );
    await expect(runner.run(TOUR, { GroupName: 'Bad Name' })).rejects.toThrow(
      'Parameter GroupName must match ^[a-z-]+$; got "Bad Name"',
    );
    expect(await groupNames()).toEqual([]);
  });

  describe('as strict as SSM Automation', () => {
    const scriptDoc = (inputs: string, outputs = '', timeout = '') =>
      parseAutomationDocument(`${HEADER}
parameters:
  AutomationAssumeRole: { type: String, description: role, default: r }
mainSteps:
  - name: Script
    action: aws:executeScript${timeout}
    inputs: ${inputs}
${outputs}`);
    const failure = async (doc: ReturnType<typeof parseAutomationDocument>) => {
      const result = await runner.run(doc, {});
      expect(result.status).toBe('Failed');
      return result.steps[0]?.failureMessage ?? '';
    };

    it('runs only the Python runtimes aws:executeScript documents today', async () => {
      for (const runtime of ['python3.12', 'python3.9', 'python3.8', 'python3']) {
        const doc = scriptDoc(`{ Runtime: ${runtime}, Handler: h, Script: "def h(e, c):\\n    return {}" }`);
        await expect(runner.run(doc, {}), runtime).rejects.toThrow(/Runtime|runtime/);
      }
      const ok = scriptDoc(`{ Runtime: python3.10, Handler: h, Script: "def h(e, c):\\n    return {}" }`);
      expect((await runner.run(ok, {})).status).toBe('Success');
    });

    it('fails a step whose output exceeds 100 KB', async () => {
      const big = scriptDoc(
        `{ Runtime: python3.11, Handler: h, Script: "def h(e, c):\\n    return {'X': 'x' * 102400}" }`,
      );
      expect(await failure(big)).toMatch(
        /output is 102408 bytes; aws:executeScript returns at most 102400 \(100 KB\)/,
      );
      const fits = scriptDoc(
        `{ Runtime: python3.11, Handler: h, Script: "def h(e, c):\\n    return {'X': 'x' * 100000}" }`,
      );
      expect((await runner.run(fits, {})).status).toBe('Success');
    });

    it('fails a step whose return value is not JSON-serializable instead of turning it into a string', async () => {
      const doc = scriptDoc(
        `{ Runtime: python3.11, Handler: h, Script: "import datetime\\ndef h(e, c):\\n    return {'When': datetime.datetime(2026, 1, 1)}" }`,
        '    outputs: [{ Name: When, Selector: $.Payload.When, Type: String }]',
      );
      expect(await failure(doc)).toMatch(/TypeError: Object of type datetime is not JSON serializable/);
    });

    it('fails a step whose output selector finds nothing instead of dropping the output', async () => {
      const doc = scriptDoc(
        `{ Runtime: python3.11, Handler: h, Script: "def h(e, c):\\n    return {'Other': 'x'}" }`,
        '    outputs: [{ Name: Result, Selector: $.Payload.Result, Type: String }]',
      );
      expect(await failure(doc)).toBe('output Result: $.Payload.Result selects nothing');
    });

    it('fails a script that runs past the step time limit (timeoutSeconds)', async () => {
      const doc = scriptDoc(
        `{ Runtime: python3.11, Handler: h, Script: "import time\\ndef h(e, c):\\n    time.sleep(5)\\n    return {}" }`,
        '',
        '\n    timeoutSeconds: 1',
      );
      const started = Date.now();
      expect(await failure(doc)).toMatch(/Step timed out: the script ran longer than 1s/);
      expect(Date.now() - started).toBeLessThan(4500);
      // The worker was replaced: the next script runs.
      const next = scriptDoc(`{ Runtime: python3.11, Handler: h, Script: "def h(e, c):\\n    return {}" }`);
      expect((await runner.run(next, {})).status).toBe('Success');
    });

    it('takes parameters as Config passes them: every value a list of strings', async () => {
      const result = await runner.run(TOUR, {
        AutomationAssumeRole: ['arn:aws:iam::123456789012:role/test'],
        GroupName: ['from-config'],
        Port: ['443'],
        Fail: ['false'],
      });
      expect(result.status).toBe('Success');
      expect(await groupNames()).toEqual(['from-config']);
      await expect(runner.run(TOUR, { GroupName: ['one', 'two'] })).rejects.toThrow(
        'Parameter GroupName (String) must be a string; got ["one","two"]',
      );
    });
  });
});
