// Every report format of `audit`, its exit codes and its usage errors, through the CLI's main().
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../bin/cli/main.js';
import { findRule } from '../../../rules/index.js';
import { FLEET_EXPECTED, FLEET_SNAPSHOT } from '../fixtures/fleet-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'elb-audit-report-'));
const snapshot = join(dir, 'fleet.json');
const RULE_IDS = 'alb-https-only,nlb-tls-only,clb-https-ssl-only';

beforeAll(() => {
  writeFileSync(snapshot, JSON.stringify(FLEET_SNAPSHOT));
});

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs the CLI in this process; returns its exit code, the report file and stderr. */
async function cli(...args: string[]): Promise<{ code: number; report: string; stderr: string }> {
  const output = join(dir, `report-${Math.random().toString(36).slice(2)}`);
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const withOutput = args.includes('--output') ? args : [...args, '--output', output];
  const code = await main(['node', 'elb-config-rules', ...withOutput]);
  vi.restoreAllMocks();
  let report = '';
  try {
    report = readFileSync(output, 'utf8');
  } catch {
    // no report written (usage error)
  }
  return { code, report, stderr };
}

const audit = (...args: string[]) => cli('audit', '--snapshot', snapshot, '--rules', RULE_IDS, ...args);

describe('audit --format json', () => {
  it('follows the documented schema, and its summary agrees with the evaluations', async () => {
    const { code, report } = await audit('--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(report);
    for (const e of json.evaluations) {
      expect(
        Object.keys(e)
          .filter((k) => k !== 'error')
          .sort(),
      ).toEqual(
        [
          'accountId',
          'annotation',
          'complianceType',
          'findings',
          'region',
          'resourceId',
          'resourceName',
          'resourceType',
          'ruleId',
        ].sort(),
      );
    }
    const named = (type: string) =>
      json.evaluations
        .filter((e: { complianceType: string }) => e.complianceType === type)
        .map((e: { ruleId: string; resourceName: string }) => `${e.ruleId}|${e.resourceName}`)
        .sort();
    expect(named('NON_COMPLIANT')).toEqual([...FLEET_EXPECTED.NON_COMPLIANT].sort());
    expect(named('INSUFFICIENT_DATA')).toEqual(FLEET_EXPECTED.INSUFFICIENT_DATA);
    expect(named('COMPLIANT')).toEqual([...FLEET_EXPECTED.COMPLIANT].sort());
    const s = json.summary;
    expect(s.loadBalancers).toBe(FLEET_EXPECTED.loadBalancers);
    expect(s.compliance).toEqual({ NON_COMPLIANT: 3, INSUFFICIENT_DATA: 1, COMPLIANT: 2, NOT_APPLICABLE: 3 });
    expect(s.byAccount['555566667777']).toEqual({
      NON_COMPLIANT: 0,
      INSUFFICIENT_DATA: 0,
      COMPLIANT: 1,
      NOT_APPLICABLE: 0,
    });
    expect(s.byRule['clb-https-ssl-only'].NON_COMPLIANT).toBe(2);
    expect(s.rules['alb-https-only']).toMatchObject({ severity: findRule('alb-https-only')?.severity });
    expect(s.rules['alb-https-only'].controls).toContain('Security Hub ELB.1');
    expect(s.complete).toBe(false);
    expect(s.scopes).toEqual(['222233334444/us-east-1', '555566667777/eu-west-1']);
  });
});

describe('audit --format csv', () => {
  it('has one row per evaluation with every column, and defuses cells a spreadsheet would run', async () => {
    const { report } = await audit('--format', 'csv');
    const rows: Record<string, string>[] = parse(report, { columns: true });
    expect(rows).toHaveLength(9);
    // The expected report is a file, not the columns written out again beside the code under test.
    // csv streams each load balancer's rows as it is judged, so rows are compared in a fixed order.
    const expected = readFileSync(new URL('../fixtures/fleet-report.csv', import.meta.url), 'utf8');
    expect(csvRecords(report)).toEqual(csvRecords(expected));
    expect(report.split('\r\n')[0]).toBe(
      'accountId,region,ruleId,severity,resourceType,resourceId,resourceName,complianceType,annotation,findings',
    );
    const hostile = rows.find((r) => r.resourceName?.includes('HYPERLINK'));
    expect(hostile?.resourceName).toBe(`'=HYPERLINK("http://x")<script>`);
    expect(rows.every((r) => !/^[=+\-@]/.test(r.resourceName ?? ''))).toBe(true);
    expect(rows.filter((r) => r.complianceType === 'NON_COMPLIANT')).toHaveLength(3);
    expect(
      rows.find((r) => r.resourceName === 'plain-alb' && r.ruleId === 'alb-https-only')?.findings,
    ).toMatch(/HTTP:80/);
  });
});

describe('audit --format sarif', () => {
  it('is valid SARIF 2.1.0 (the OASIS schema), with one result per failing or unjudged load balancer', async () => {
    const { report } = await audit('--format', 'sarif');
    const sarif = JSON.parse(report);
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The schema's language-tag pattern is not valid under the u flag; it is not the part tested here.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_IDS.split(','));
    const failing = run.results.filter((r: { kind: string }) => r.kind === 'fail');
    const open = run.results.filter((r: { kind: string }) => r.kind === 'open');
    expect(failing).toHaveLength(3);
    expect(open).toHaveLength(1);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(
        /^arn:aws:elasticloadbalancing:/,
      );
    }
    expect(open[0].level).toBe('none');
    expect(failing[0].level).toBe('error'); // the three rules are high severity
    expect(
      failing.find((r: { message: { text: string } }) => r.message.text.startsWith('plain-clb'))?.locations[0]
        .physicalLocation.artifactLocation.uri,
    ).toBe('arn:aws:elasticloadbalancing:us-east-1:222233334444:loadbalancer/plain-clb');
  });
});

describe('audit --format html', () => {
  it('is one self-contained file that forbids network fetches and escapes what it shows', async () => {
    const { report } = await audit('--format', 'html');
    expect(report).toMatch(/^<!doctype html>/);
    expect(report).toContain(`content="default-src 'none';`);
    expect(report).not.toMatch(/<link\b|\ssrc=|url\(/i);
    // Two scripts of ours (the data and the table code); the hostile name only as \u003c in the data.
    expect(report.match(/<script\b/g)).toHaveLength(2);
    expect(report).toContain('=HYPERLINK(\\"http://x\\")\\u003cscript>');
    expect(report).toContain('<svg');
    expect(report).toMatch(/id="total-NON_COMPLIANT">3</);
    expect(report).toContain('Security Hub ELB.1');
  });
});

describe('audit --format table', () => {
  it('groups per account, region and rule, worst first', async () => {
    const { report } = await audit('--format', 'table');
    const at = (text: string) => {
      const i = report.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('Account 222233334444')).toBeLessThan(at('Account 555566667777'));
    expect(at('FAIL     plain-alb')).toBeLessThan(at('NO DATA  nodata-alb'));
    expect(at('NO DATA  nodata-alb')).toBeLessThan(at('PASS     good-alb'));
    expect(report).toMatch(
      /6 load balancer\(s\), 3 rule\(s\): 3 non-compliant, 2 compliant, 3 not applicable, 1 insufficient data/,
    );
  });
});

describe('audit exit codes', () => {
  it('is 0 without --fail-on, whatever it found', async () => {
    expect((await audit('--format', 'json')).code).toBe(0);
  });

  it('is 3 when --fail-on NON_COMPLIANT meets a non-compliant load balancer', async () => {
    expect((await audit('--fail-on', 'NON_COMPLIANT')).code).toBe(3);
  });

  it('compares --fail-on severity with each failing rule severity', async () => {
    const severity = findRule('clb-https-ssl-only')?.severity ?? 'high';
    expect((await audit('--fail-on', severity)).code).toBe(3);
  });

  it('is 4 under --fail-on when nothing tripped it but the audit is incomplete, and 0 when complete', async () => {
    // Only the Network rule: nothing fails, nothing is unjudged.
    expect(
      (await cli('audit', '--snapshot', snapshot, '--rules', 'nlb-tls-only', '--fail-on', 'NON_COMPLIANT'))
        .code,
    ).toBe(0);
    // The ALB rule without the Classic: one unjudged ALB, one failing.
    const onlyUnjudged = join(dir, 'unjudged.json');
    writeFileSync(
      onlyUnjudged,
      JSON.stringify({
        ...FLEET_SNAPSHOT,
        regions: [
          {
            ...FLEET_SNAPSHOT.regions[0],
            loadBalancers: FLEET_SNAPSHOT.regions[0]?.loadBalancers.filter(
              (r) => r.loadBalancer.name !== 'plain-alb',
            ),
          },
        ],
      }),
    );
    const { code } = await cli(
      'audit',
      '--snapshot',
      onlyUnjudged,
      '--rules',
      'alb-https-only',
      '--fail-on',
      'NON_COMPLIANT',
    );
    expect(code).toBe(4);
  });
});

describe('audit usage errors exit 2 with a clear message', () => {
  it.each([
    [['--format', 'xml'], /--format xml: expected one of table, json, csv, sarif, html/],
    [['--fail-on', 'sometimes'], /--fail-on sometimes: expected NON_COMPLIANT or a severity/],
    [['--severity', 'urgent'], /--severity urgent: expected one of critical, high/],
    [['--max-concurrency', '0'], /--max-concurrency 0: expected a whole number from 1 to 256/],
    [['--profile', 'prod'], /--profile cannot be combined with --snapshot/],
  ])('%s', async (args, message) => {
    const { code, stderr } = await audit(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('names the file and the field of a malformed snapshot', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...FLEET_SNAPSHOT,
        regions: [
          {
            accountId: '1',
            region: 'us-east-1',
            loadBalancers: [{ loadBalancer: { kind: 'classic' }, facets: {} }],
          },
        ],
      }),
    );
    const { code, stderr } = await cli('audit', '--snapshot', bad);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: not a valid snapshot`);
    expect(stderr).toMatch(/regions\.0\.loadBalancers\.0\.loadBalancer/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": ');
    const second = await cli('audit', '--snapshot', broken);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`${broken}: not valid JSON`);
  });

  it('names a profile that does not exist, and the ones that do', async () => {
    const config = join(dir, 'config');
    writeFileSync(config, '[profile audit-prod]\nregion = eu-west-1\n');
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      '[audit-prod]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n',
    );
    vi.stubEnv('AWS_CONFIG_FILE', config);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
    try {
      const { code, stderr } = await cli(
        'audit',
        '--profile',
        'audit-prod',
        '--profile',
        'audit-typo',
        '--region',
        'us-east-1',
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(/--profile audit-typo: no such profile .*known: audit-prod/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each([
    [['--all-regions', '--region', 'us-east-1'], /--all-regions and --region exclude each other/],
    [['--organization'], /--organization needs --role-arn/],
    [['--role-arn', 'Audit'], /--role-arn Audit: expected a role ARN/],
  ])('live scope %s', async (args, message) => {
    const { code, stderr } = await cli('audit', ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

/** The header, then every record, in sorted order; a record may span lines (quoted line breaks). */
function csvRecords(csv: string): string[] {
  const [header, ...records]: string[][] = parse(csv, { relax_column_count: false });
  return [JSON.stringify(header), ...records.map((r) => JSON.stringify(r)).sort()];
}
