// One cached set of temporary credentials, renewed five minutes before it expires. Concurrent
// callers share one request; a failed request is not kept, so the next caller asks again.
import type { AwsCredentialIdentity } from '@smithy/types';

/** Renew temporary credentials this long before they expire. */
export const RENEW_BEFORE_MS = 5 * 60_000;

export class RenewingCredentials {
  private current: Promise<AwsCredentialIdentity> | undefined;

  constructor(private readonly fetch: () => Promise<AwsCredentialIdentity>) {}

  async get(): Promise<AwsCredentialIdentity> {
    const held = this.current ? await this.current.catch(() => undefined) : undefined;
    if (held && isFresh(held)) return held;
    const attempt = this.fetch();
    this.current = attempt;
    attempt.catch(() => {
      if (this.current === attempt) this.current = undefined;
    });
    return attempt;
  }
}

/** Temporary credentials without an expiry are of unknown age: ask again rather than keep them. */
function isFresh(identity: AwsCredentialIdentity): boolean {
  return identity.expiration !== undefined && identity.expiration.getTime() - Date.now() > RENEW_BEFORE_MS;
}
