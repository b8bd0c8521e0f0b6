// The live audit end to end on moto: every active account of an organization through an
// assumed role, several regions, every enabled region, and the report of what was skipped.
import { spawnSync } from 'node:child_process';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireMoto } from '../../support/moto.js';
import { createFleet, type FleetMember } from '../../support/moto-fleet.js';
import { motoForSuite } from '../../support/moto-suite.js';

const run = requireMoto();
const MANAGEMENT = '123456789012';
/** The fleet's expected verdicts are those of the three listener-encryption rules. */
const RULES = 'alb-https-only,nlb-tls-only,clb-https-ssl-only';

interface Report {
  evaluations: {
    ruleId: string;
    resourceName: string;
    accountId: string;
    region: string;
    complianceType: string;
  }[];
  summary: {
    skipped: { accountId?: string; region: string; reason: string }[];
    errors: unknown[];
    scopes: string[];
  };
}

describe.runIf(run)('live fleet audit on moto', () => {
  const moto = motoForSuite();
  let member = '';
  let closed = '';
  const fleets: { accountId: string; region: string; members: FleetMember[] }[] = [];

  beforeAll(async () => {
    const org = new OrganizationsClient({});
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    member =
      (await org.send(new CreateAccountCommand({ AccountName: 'workloads', Email: 'w@example.com' })))
        .CreateAccountStatus?.AccountId ?? '';
    closed =
      (await org.send(new CreateAccountCommand({ AccountName: 'retired', Email: 'r@example.com' })))
        .CreateAccountStatus?.AccountId ?? '';
    await org.send(new CloseAccountCommand({ AccountId: closed }));
    const assumed = await new STSClient({}).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/Setup`, RoleSessionName: 'setup' }),
    );
    const credentials = {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    };
    fleets.push({
      accountId: member,
      region: 'us-east-1',
      members: await createFleet(0, 6, { credentials, prefix: 'wl' }),
    });
    fleets.push({
      accountId: member,
      region: 'eu-west-1',
      members: await createFleet(6, 10, { credentials, prefix: 'wl', region: 'eu-west-1' }),
    });
    fleets.push({
      accountId: MANAGEMENT,
      region: 'us-east-1',
      members: await createFleet(0, 4, { prefix: 'mgmt' }),
    });
  });

  /** The three listener-encryption rules' verdict on each load balancer, as the fleet pattern predicts. */
  function expected(): string[] {
    return fleets
      .flatMap(({ accountId, region, members }) =>
        members.map((m) => `${accountId}|${region}|${m.name}|${m.expected}`),
      )
      .sort();
  }

  function verdicts(report: Report): string[] {
    return report.evaluations
      .filter((e) => e.complianceType !== 'NOT_APPLICABLE')
      .map((e) => `${e.accountId}|${e.region}|${e.resourceName}|${e.complianceType}`)
      .sort();
  }

  it('audits every active account of the organization through the role, and says which it skipped', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bin/cli/main.ts',
        'audit',
        '--organization',
        '--role-arn',
        'OrganizationAccountAccessRole',
        '--region',
        'us-east-1',
        '--region',
        'eu-west-1',
        '--rules',
        RULES,
        '--format',
        'json',
      ],
      { env: { ...process.env, ...moto.env }, encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout) as Report;
    expect(verdicts(report)).toEqual(expected());
    expect(report.summary.errors).toEqual([]);
    expect(report.summary.scopes.sort()).toEqual(
      [
        `${MANAGEMENT}/eu-west-1`,
        `${MANAGEMENT}/us-east-1`,
        `${member}/eu-west-1`,
        `${member}/us-east-1`,
      ].sort(),
    );
    expect(report.summary.skipped).toEqual([
      expect.objectContaining({
        accountId: closed,
        region: '*',
        reason: expect.stringMatching(/SUSPENDED, not ACTIVE/),
      }),
    ]);
    // stderr is not a terminal here: no progress bar, nothing but warnings from the runtime.
    expect(child.stderr).not.toContain('load balancers judged');
    expect(child.stderr).not.toContain(`${String.fromCharCode(27)}[`);
  });

  it('takes every enabled region with --all-regions and skips the opted-out ones, saying why', async () => {
    const { main } = await import('../../../bin/cli/main.js');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const output = join(mkdtempSync(join(tmpdir(), 'elb-all-regions-')), 'report.json');
    const code = await main([
      'node',
      'elb-config-rules',
      'audit',
      '--all-regions',
      '--rules',
      RULES,
      '--format',
      'json',
      '--output',
      output,
    ]);
    process.exitCode = undefined;
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    const optedOut = report.summary.skipped.filter((s) => /opt-in status: not-opted-in/.test(s.reason));
    expect(optedOut.length).toBeGreaterThan(0);
    expect(optedOut.every((s) => s.accountId === MANAGEMENT)).toBe(true);
    const audited = new Set(report.summary.scopes.map((s) => s.split('/')[1]));
    expect(audited.has('us-east-1')).toBe(true);
    for (const s of optedOut) expect(audited.has(s.region)).toBe(false);
    // The management account's own load balancers, and nothing of the member account.
    expect(verdicts(report)).toEqual(expected().filter((v) => v.startsWith(MANAGEMENT)));
  });
});
