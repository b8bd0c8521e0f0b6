// Credentials for reading another account (central-account mode). One cached session per role,
// kept for the life of the Lambda container and renewed five minutes before it expires.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createAwsClient } from '../resources/live/aws-client.js';

const RENEW_BEFORE_MS = 5 * 60_000;
const sessions = new Map<string, Promise<AwsCredentialIdentity>>();

export function assumedRoleCredentials(
  roleArn: string,
  region: string,
  sessionName = 'elb-config-rules',
): AwsCredentialIdentityProvider {
  return async () => {
    const cached = sessions.get(roleArn);
    if (cached) {
      const identity = await cached.catch(() => undefined);
      if (identity?.expiration && identity.expiration.getTime() - Date.now() > RENEW_BEFORE_MS)
        return identity;
    }
    const fresh = assume(roleArn, region, sessionName);
    sessions.set(roleArn, fresh);
    fresh.catch(() => sessions.delete(roleArn));
    return fresh;
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
