// Credentials and regions for the live commands: the standard credential chain, or a named
// profile that must exist. AWS_ENDPOINT_URL is honoured by the SDK itself.
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from './usage-error.js';

export class ProfileNotFoundError extends Error {
  override name = 'ProfileNotFoundError';
}

export interface Session {
  profile?: string;
  credentials: AwsCredentialIdentityProvider;
  /** The profile's or environment's region, if any. */
  defaultRegion?: string;
}

export async function openSession(profile?: string): Promise<Session> {
  const files = await loadSharedConfigFiles();
  if (profile) {
    const known = new Set([
      ...Object.keys(files.configFile ?? {}),
      ...Object.keys(files.credentialsFile ?? {}),
    ]);
    if (!known.has(profile)) {
      throw new ProfileNotFoundError(
        `--profile ${profile}: no such profile in the shared AWS config or credentials files (known: ${[...known].sort().join(', ') || 'none'})`,
      );
    }
  }
  const profileName = profile ?? process.env.AWS_PROFILE ?? 'default';
  const defaultRegion =
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION ??
    files.configFile?.[profileName]?.region ??
    undefined;
  return {
    profile,
    credentials: profile ? fromIni({ profile }) : fromNodeProviderChain(),
    defaultRegion,
  };
}

export function regionsOf(requested: readonly string[], session: Session): string[] {
  const regions = requested.length
    ? [...new Set(requested)]
    : session.defaultRegion
      ? [session.defaultRegion]
      : [];
  if (regions.length === 0) throw new UsageError('No region: pass --region R (repeatable) or set AWS_REGION');
  for (const region of regions) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      throw new UsageError(`--region ${region}: expected a region name such as us-east-1`);
    }
  }
  return regions;
}
