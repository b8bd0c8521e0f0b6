// Working out accounts and regions when some of them fail, with the SDK clients mocked.
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planLiveScopes } from '../../bin/cli/scope-plan.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const organizations = mockClient(OrganizationsClient);

function denied(message: string) {
  return Object.assign(new Error(message), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
}

describe('planLiveScopes', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example');
    vi.stubEnv('AWS_PROFILE', '');
  });
  afterEach(() => {
    sts.reset();
    ec2.reset();
    organizations.reset();
    vi.unstubAllEnvs();
  });

  it('records an organization account whose role cannot be assumed, skips inactive ones, and plans the rest', async () => {
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [
        { Id: '111111111111', Name: 'prod', State: 'ACTIVE' },
        { Id: '222222222222', Name: 'locked', State: 'ACTIVE' },
        { Id: '333333333333', Name: 'gone', State: 'PENDING_CLOSURE' },
      ],
    });
    let call = 0;
    // The first identity lookup is the prod account's, the second the locked one's.
    sts.on(GetCallerIdentityCommand).callsFake(async () => {
      call++;
      if (call === 2)
        throw denied('not authorized to perform: sts:AssumeRole on arn:aws:iam::222222222222:role/Audit');
      return { Account: '111111111111' };
    });
    const plan = await planLiveScopes({
      regions: ['us-east-1', 'eu-west-1'],
      allRegions: false,
      profiles: [],
      roleArn: 'arn:aws:iam::{accountId}:role/Audit',
      organization: true,
    });
    expect(plan.scopes.map((s) => s.label)).toEqual(['111111111111/us-east-1', '111111111111/eu-west-1']);
    expect(plan.errors).toEqual([
      expect.objectContaining({ accountId: '222222222222', region: '*', code: 'AccessDenied' }),
    ]);
    expect(plan.errors[0]?.message).toMatch(/role arn:aws:iam::222222222222:role\/Audit/);
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        accountId: '333333333333',
        reason: expect.stringMatching(/PENDING_CLOSURE/),
      }),
    ]);
  });

  it('fails the whole run with a clear message when the organization cannot be listed', async () => {
    organizations
      .on(ListAccountsCommand)
      .rejects(denied('not authorized to perform: organizations:ListAccounts'));
    await expect(
      planLiveScopes({
        regions: ['us-east-1'],
        allRegions: false,
        profiles: [],
        roleArn: 'Audit',
        organization: true,
      }),
    ).rejects.toThrow(/cannot list the organization's accounts \(AccessDenied.*delegated administrator/);
  });

  it('keeps enabled regions and reports opted-out ones with --all-regions', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
      ],
    });
    const plan = await planLiveScopes({ regions: [], allRegions: true, profiles: [], organization: false });
    expect(plan.scopes.map((s) => s.region)).toEqual(['ap-east-1', 'us-east-1']);
    expect(plan.skipped).toEqual([
      {
        accountId: '111111111111',
        region: 'af-south-1',
        reason: 'region not enabled for this account (opt-in status: not-opted-in)',
      },
    ]);
    expect(ec2.commandCalls(DescribeRegionsCommand)[0]?.args[0].input).toEqual({ AllRegions: true });
  });
});
