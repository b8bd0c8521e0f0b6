import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { assumedRoleCredentials, clearCredentialCache } from '../../../rules/core/aws/credentials.js';

const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::210987654321:role/elb-config-rules-evaluation';

beforeEach(() => {
  sts.reset();
  clearCredentialCache();
});

describe('cross-account credentials', () => {
  it('assumes a role once and reuses the session for every client and invocation', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'AKIA1',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const first = await assumedRoleCredentials(ROLE, 'us-east-1')();
    const second = await assumedRoleCredentials(ROLE, 'eu-west-1')();
    expect(first.accessKeyId).toBe('AKIA1');
    expect(second).toBe(first);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({
      RoleArn: ROLE,
      RoleSessionName: 'elb-config-rules',
    });
  });

  it('renews a session that is about to expire', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce({
        Credentials: {
          AccessKeyId: 'OLD',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 60_000),
        },
      })
      .resolves({
        Credentials: {
          AccessKeyId: 'NEW',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 3600_000),
        },
      });
    expect((await assumedRoleCredentials(ROLE, 'us-east-1')()).accessKeyId).toBe('OLD');
    expect((await assumedRoleCredentials(ROLE, 'us-east-1')()).accessKeyId).toBe('NEW');
  });

  it('does not cache a failed AssumeRole', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(new Error('AccessDenied'))
      .resolves({
        Credentials: {
          AccessKeyId: 'AKIA2',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 3600_000),
        },
      });
    await expect(assumedRoleCredentials(ROLE, 'us-east-1')()).rejects.toThrow('AccessDenied');
    expect((await assumedRoleCredentials(ROLE, 'us-east-1')()).accessKeyId).toBe('AKIA2');
  });
});
