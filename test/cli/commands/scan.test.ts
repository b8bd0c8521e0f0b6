// elb-config-rules scan: the same rules, options, formats and exit codes as the audit, on
// infrastructure code; findings carry the logical id or Terraform address with file and line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../../bin/cli/exit-codes.js';
import { main } from '../../../bin/cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'scan-'));
const OWN = 'test/fixtures/code/own';
const ECS = 'test/fixtures/code/cloudformation/ECS-EC2LaunchType-clusters-public-vpc.yaml';
const PLAN = 'test/fixtures/code/terraform/web-alb.tfplan.json';

async function scan(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    process.exitCode = undefined;
    const code = await main(['node', 'elb-config-rules', 'scan', ...args]);
    return { code, stderr };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

const out = (name: string) => join(work, name);

describe('scan', () => {
  it('writes SARIF whose results point at the template file and the line of the logical id', async () => {
    const { code } = await scan([
      ECS,
      '--format',
      'sarif',
      '--output',
      out('r.sarif'),
      '--rules',
      'alb-https-only',
    ]);
    expect(code).toBe(EXIT.OK);
    const log = JSON.parse(readFileSync(out('r.sarif'), 'utf8')) as Log;
    const [result] = log.runs[0]?.results ?? [];
    const line = readFileSync(ECS, 'utf8').split('\n').indexOf('  PublicLoadBalancer:') + 1;
    expect(result?.ruleId).toBe('alb-https-only');
    expect(result?.kind).toBe('fail');
    expect(result?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: ECS },
      region: { startLine: line },
    });
  });

  it('reports Terraform findings on the resource address, in the JSON report', async () => {
    await scan([
      PLAN,
      '--format',
      'json',
      '--output',
      out('r.json'),
      '--rules',
      'clb-https-ssl-only,lb-deletion-protection',
    ]);
    const report = JSON.parse(readFileSync(out('r.json'), 'utf8')) as {
      evaluations: { ruleId: string; resourceId: string; complianceType: string }[];
    };
    expect(report.evaluations.map((e) => `${e.ruleId} ${e.resourceId} ${e.complianceType}`).sort()).toEqual([
      'clb-https-ssl-only aws_elb.legacy NON_COMPLIANT',
      'lb-deletion-protection aws_lb.web COMPLIANT',
    ]);
  });

  it('exits 3 under --fail-on when a rule of the severity fails, 0 without it', async () => {
    expect((await scan([ECS, '--fail-on', 'high', '--output', out('a.txt')])).code).toBe(EXIT.FINDINGS);
    expect((await scan([ECS, '--output', out('b.txt')])).code).toBe(EXIT.OK);
  });

  it('exits 4 under --fail-on when nothing fails but a value the rules need is unknown', async () => {
    const { code } = await scan([
      'test/fixtures/code/cloudformation/ELB_Access_Logs_And_Connection_Draining.yaml',
      '--rules',
      'lb-access-logs',
      '--fail-on',
      'NON_COMPLIANT',
      '--output',
      out('c.txt'),
    ]);
    expect(code).toBe(EXIT.INCOMPLETE);
  });

  it('applies --param and --severity as the audit does', async () => {
    await scan([
      `${OWN}/alb-http-open.yaml`,
      '--rules',
      'lb-internet-facing-approved',
      '--param',
      'lb-internet-facing-approved.allowedLoadBalancers=WebLb',
      '--format',
      'jsonl',
      '--output',
      out('p.jsonl'),
    ]);
    // WebLb is the logical id, not a name: the name CloudFormation generates at deployment is unknown, so no entry matches it.
    expect(readFileSync(out('p.jsonl'), 'utf8')).toContain('"complianceType":"NON_COMPLIANT"');
    const { code, stderr } = await scan([ECS, '--severity', 'loud']);
    expect(code).toBe(EXIT.USAGE);
    expect(stderr).toMatch(/--severity loud: expected one of critical/);
  });

  it('writes CSV and the table from the same evaluations', async () => {
    await scan([ECS, '--format', 'csv', '--output', out('r.csv'), '--rules', 'alb-https-only']);
    const csv = readFileSync(out('r.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('resourceId');
    expect(csv).toContain('PublicLoadBalancer');
  });

  it.each([
    [
      'a path that does not exist',
      [join(work, 'missing.yaml')],
      /missing\.yaml: no such file or folder \(expected a CloudFormation template/,
    ],
    [
      'a file that is neither a template nor a plan',
      ['package.json'],
      /package\.json: neither a CloudFormation template .* nor a Terraform plan/,
    ],
    [
      'a file that is not JSON or YAML',
      ['README.md'],
      /README\.md: (not valid JSON or YAML|neither a CloudFormation template)/,
    ],
    ['an unknown --format', [ECS, '--format', 'xml'], /--format xml: expected one of table, json/],
    [
      'a bad --fail-on',
      [ECS, '--fail-on', 'sometimes'],
      /--fail-on sometimes: expected NON_COMPLIANT or a severity/,
    ],
    [
      'an ssm: parameter',
      [ECS, '--param', 'lb-internet-facing-approved.allowedLoadBalancers=ssm:/x'],
      /scan reads none/,
    ],
    ['a bad --account', [ECS, '--account', '12'], /--account 12: expected a 12-digit AWS account id/],
  ])('refuses %s with exit 2 and the expected form', async (_, args, message) => {
    const { code, stderr } = await scan([...args, '--output', out('never.txt')]);
    expect(code).toBe(EXIT.USAGE);
    expect(stderr).toMatch(message);
  });

  it('refuses an unknown flag as a usage error', async () => {
    const { code } = await scan([ECS, '--snapshot', 'x']);
    expect(code).toBe(EXIT.USAGE);
  });

  it('scans a cdk.out folder through its *.template.json files only', async () => {
    const cdkOut = mkdtempSync(join(work, 'cdk.out-'));
    writeFileSync(join(cdkOut, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
    writeFileSync(join(cdkOut, 'tree.json'), JSON.stringify({ version: 'tree-0.1', tree: {} }));
    const template = readFileSync(`${OWN}/alb-http-open.yaml`, 'utf8');
    const { parse } = await import('yaml');
    writeFileSync(
      join(cdkOut, 'Web.template.json'),
      JSON.stringify(
        parse(template, {
          customTags: [
            { tag: '!Ref', resolve: (v: string) => ({ Ref: v }) },
            { tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v.split('.') }) },
          ],
        }),
        null,
        1,
      ),
    );
    const { code } = await scan([
      cdkOut,
      '--format',
      'json',
      '--output',
      out('cdk.json'),
      '--rules',
      'alb-https-only',
    ]);
    expect(code).toBe(EXIT.OK);
    const report = JSON.parse(readFileSync(out('cdk.json'), 'utf8')) as {
      evaluations: { resourceName: string }[];
    };
    expect(report.evaluations.map((e) => e.resourceName)).toEqual([
      expect.stringMatching(/^WebLb \(.*Web\.template\.json:\d+\)$/),
    ]);
  });
});
