// Credentials for reading another account (central-account mode). One cached session per role,
// kept for the life of the Lambda container and renewed before it expires (renewal.ts).
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createAwsClient } from './client.js';
import { RenewingCredentials } from './renewal.js';

const sessions = new Map<string, RenewingCredentials>();

export function assumedRoleCredentials(
  roleArn: string,
  region: string,
  sessionName = 'elb-config-rules',
): AwsCredentialIdentityProvider {
  return () => {
    let session = sessions.get(roleArn);
    if (!session) {
      // The region and session name of the caller that first needs the role.
      session = new RenewingCredentials(() => assume(roleArn, region, sessionName));
      sessions.set(roleArn, session);
    }
    return session.get();
  };
}

async function assume(roleArn: string, region: string, sessionName: string): Promise<AwsCredentialIdentity> {
  const sts = createAwsClient(STSClient, { region });
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

/** For tests: forget every cached session. */
export function clearCredentialCache(): void {
  sessions.clear();
}
