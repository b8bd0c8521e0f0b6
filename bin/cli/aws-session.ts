// Credentials and regions for the live commands: the standard credential chain, or a named
// profile that must exist. AWS_ENDPOINT_URL is honoured by the SDK itself. The credential
// providers load when a session opens, so a snapshot audit that checks --region loads none.

import { createRequire } from 'node:module';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { DEFAULT_CLIENT_CONFIG } from '../../rules/core/aws/client.js';
import { RenewingCredentials } from '../../rules/core/aws/renewal.js';
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
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const files = await loadSharedConfigFiles();
  if (profile !== undefined) {
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
    // A profile's role or SSO login calls AWS too: those clients retry like every other.
    credentials: profile
      ? fromIni({ profile, clientConfig: DEFAULT_CLIENT_CONFIG })
      : fromNodeProviderChain({ clientConfig: DEFAULT_CLIENT_CONFIG }),
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
  validateRegions(regions);
  return regions;
}

/**
 * Regions the SDK knows (its partition data, opt-in regions included), so a typo such as
 * us-east-l is refused before any call instead of auditing nothing. The aws-*-global entries
 * are signing pseudo-regions, not places load balancers live.
 */
export function isKnownRegion(region: string): boolean {
  // Required on first use, not imported: a run given no --region (a snapshot audit) never loads it.
  const { partition } = createRequire(import.meta.url)(
    '@aws-sdk/core/client',
  ) as typeof import('@aws-sdk/core/client');
  // partition() spreads the region's own entry (with its description) only for a region it lists.
  return !region.startsWith('aws-') && 'description' in partition(region);
}

export function validateRegions(regions: readonly string[], field = '--region'): void {
  for (const region of regions) {
    if (!isKnownRegion(region)) {
      throw new UsageError(
        `${field} ${JSON.stringify(region)}: expected an AWS region name such as us-east-1 or eu-west-1 (not a region this SDK knows)`,
      );
    }
  }
}

/**
 * Credentials of a role assumed from `base`, shared by every region of the account: one
 * AssumeRole per account (and per renewal), not one per SDK client.
 */
export function assumeRole(
  base: AwsCredentialIdentityProvider,
  roleArn: string,
  region: string,
): AwsCredentialIdentityProvider {
  const provider = import('@aws-sdk/credential-providers').then(({ fromTemporaryCredentials }) =>
    fromTemporaryCredentials({
      masterCredentials: base,
      params: { RoleArn: roleArn, RoleSessionName: 'elb-config-rules-audit', DurationSeconds: 3600 },
      // The STS client the provider builds retries like every other client.
      clientConfig: { ...DEFAULT_CLIENT_CONFIG, region },
    }),
  );
  const session = new RenewingCredentials(async () => (await provider)());
  return () => session.get();
}
