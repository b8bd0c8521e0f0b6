// Works out what a live audit covers: which accounts (the default credentials, one per
// --profile, one assumed --role-arn, or every active account of the organization) and which
// regions in each (--region, the default region, or every enabled region with --all-regions).
// A problem with one account is recorded and the others go on.
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { createAwsClient } from '../../rules/core/aws/client.js';
import { errorCode } from '../../rules/core/resources/fetched.js';
import { LiveEstate } from '../../rules/core/resources/live/live-estate.js';
import type { AuditScope, ScopeError, SkippedScope } from './audit/audit.js';
import { assumeRole, openSession, type Session, validateRegions } from './aws-session.js';
import { UsageError } from './usage-error.js';

export interface ScopeRequest {
  regions: readonly string[];
  allRegions: boolean;
  profiles: readonly string[];
  roleArn?: string;
  organization: boolean;
}

export interface ScopePlan {
  scopes: AuditScope[];
  errors: ScopeError[];
  skipped: SkippedScope[];
}

interface AccountTarget {
  /** How the user named it: profile, role or organization account. */
  via: string;
  accountId?: string;
  credentials: AwsCredentialIdentityProvider;
}

const FALLBACK_REGION = 'us-east-1';
/** Accounts whose identity and regions are looked up at once. */
const ACCOUNT_LOOKUPS_AT_ONCE = 8;

export function checkScopeRequest(request: ScopeRequest): void {
  if (request.allRegions && request.regions.length)
    throw new UsageError('--all-regions and --region exclude each other: pass one or the other');
  if (request.organization && !request.roleArn)
    throw new UsageError(
      '--organization needs --role-arn: a role ARN with {accountId}, or a role name, to assume in each account',
    );
  if (request.roleArn && request.profiles.length > 1)
    throw new UsageError('--role-arn takes at most one --profile (the credentials that assume the role)');
  if (request.roleArn && !request.organization) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(request.roleArn))
      throw new UsageError(
        `--role-arn ${request.roleArn}: expected a role ARN such as arn:aws:iam::123456789012:role/Audit`,
      );
  } else if (request.roleArn && !isRoleTemplate(request.roleArn)) {
    throw new UsageError(
      `--role-arn ${request.roleArn}: with --organization, expected a role name (Audit) or an ARN with {accountId} (arn:aws:iam::{accountId}:role/Audit)`,
    );
  }
  validateRegions(request.regions);
}

function isRoleTemplate(value: string): boolean {
  return /^[\w+=,.@/-]{1,512}$/.test(value) || /^arn:aws[a-z-]*:iam::\{accountId\}:role\/.+$/.test(value);
}

export async function planLiveScopes(request: ScopeRequest): Promise<ScopePlan> {
  checkScopeRequest(request);
  const sessions = request.profiles.length
    ? await Promise.all(request.profiles.map((p) => openSession(p)))
    : [await openSession(undefined)];
  if (!request.allRegions && !request.regions.length) {
    const lacking = sessions.filter((s) => !s.defaultRegion);
    if (lacking.length)
      throw new UsageError(
        `No region${lacking[0]?.profile ? ` for profile ${lacking[0].profile}` : ''}: pass --region R (repeatable), --all-regions, or set AWS_REGION`,
      );
  }
  if (!request.regions.length) {
    for (const s of sessions)
      if (s.defaultRegion)
        validateRegions([s.defaultRegion], s.profile ? `the region of profile ${s.profile}` : 'AWS_REGION');
  }
  const home = request.regions[0] ?? sessions[0]?.defaultRegion ?? FALLBACK_REGION;
  const plan: ScopePlan = { scopes: [], errors: [], skipped: [] };
  const targets = await accountTargets(request, sessions, home, plan);

  const seen = new Map<string, string>();
  const queue = [...targets];
  const planned: { target: AccountTarget; accountId: string; regions: string[] }[] = [];
  await Promise.all(
    Array.from({ length: Math.min(ACCOUNT_LOOKUPS_AT_ONCE, queue.length) }, async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        try {
          const accountId = await identify(target, home);
          const regions = await regionsFor(request, target, accountId, home, sessions, plan);
          planned.push({ target, accountId, regions });
        } catch (error) {
          plan.errors.push({
            accountId: target.accountId,
            region: '*',
            code: errorCode(error),
            message: `${target.via}: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
    }),
  );
  planned.sort((a, b) => a.accountId.localeCompare(b.accountId));
  for (const { target, accountId, regions } of planned) {
    const earlier = seen.get(accountId);
    if (earlier) {
      plan.skipped.push({
        accountId,
        region: '*',
        reason: `${target.via} reaches the same account as ${earlier}; audited once`,
      });
      continue;
    }
    seen.set(accountId, target.via);
    for (const region of regions) {
      plan.scopes.push({
        label: `${accountId}/${region}`,
        accountId,
        region,
        open: (io) => LiveEstate.open(io.aws({ region, accountId, credentials: target.credentials })),
      });
    }
  }
  return plan;
}

async function accountTargets(
  request: ScopeRequest,
  sessions: Session[],
  home: string,
  plan: ScopePlan,
): Promise<AccountTarget[]> {
  const base = sessions[0]!;
  if (request.organization && request.roleArn) {
    const template = request.roleArn;
    const organizations = createAwsClient(OrganizationsClient, {
      region: home,
      credentials: base.credentials,
    });
    const targets: AccountTarget[] = [];
    try {
      for await (const page of paginateListAccounts({ client: organizations }, {})) {
        for (const account of page.Accounts ?? []) {
          const id = account.Id ?? '';
          const state = account.State ?? account.Status;
          if (state !== 'ACTIVE') {
            plan.skipped.push({
              accountId: id,
              region: '*',
              reason: `account ${account.Name ?? id} is ${state ?? 'in an unknown state'}, not ACTIVE`,
            });
            continue;
          }
          const roleArn = roleArnFor(template, id);
          targets.push({
            via: `role ${roleArn}`,
            accountId: id,
            credentials: assumeRole(base.credentials, roleArn, home),
          });
        }
      }
    } catch (error) {
      // Without the account list there is nothing to audit: that is the run failing, not one account.
      throw new Error(
        `--organization: cannot list the organization's accounts (${errorCode(error)}: ${error instanceof Error ? error.message : String(error)}). ` +
          'Run from the management account or a delegated administrator with organizations:ListAccounts.',
      );
    }
    return targets;
  }
  if (request.roleArn) {
    return [
      {
        via: `role ${request.roleArn}`,
        accountId: /::(\d{12}):/.exec(request.roleArn)?.[1],
        credentials: assumeRole(base.credentials, request.roleArn, home),
      },
    ];
  }
  return sessions.map((s) => ({
    via: s.profile ? `profile ${s.profile}` : 'default credentials',
    credentials: s.credentials,
  }));
}

function roleArnFor(template: string, accountId: string): string {
  if (template.startsWith('arn:')) return template.replaceAll('{accountId}', accountId);
  return `arn:aws:iam::${accountId}:role/${template.replace(/^\/+/, '')}`;
}

/** The account id, which also proves the credentials work (and assumes the role once). */
async function identify(target: AccountTarget, home: string): Promise<string> {
  const sts = createAwsClient(STSClient, { region: home, credentials: target.credentials });
  const out = await sts.send(new GetCallerIdentityCommand({}));
  if (!out.Account) throw new Error('GetCallerIdentity returned no account id');
  return out.Account;
}

async function regionsFor(
  request: ScopeRequest,
  target: AccountTarget,
  accountId: string,
  home: string,
  sessions: Session[],
  plan: ScopePlan,
): Promise<string[]> {
  if (request.regions.length) return [...new Set(request.regions)];
  if (!request.allRegions) {
    const session = sessions.find((s) => target.via === `profile ${s.profile}`) ?? sessions[0];
    return [session?.defaultRegion ?? home];
  }
  const ec2 = createAwsClient(EC2Client, { region: home, credentials: target.credentials });
  const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
  const enabled: string[] = [];
  for (const r of out.Regions ?? []) {
    const name = r.RegionName ?? '';
    if (r.OptInStatus === 'opt-in-not-required' || r.OptInStatus === 'opted-in' || !r.OptInStatus) {
      enabled.push(name);
    } else {
      plan.skipped.push({
        accountId,
        region: name,
        reason: `region not enabled for this account (opt-in status: ${r.OptInStatus})`,
      });
    }
  }
  return enabled.sort();
}
