// The audit's retry strategy. The SDK's standard strategy stops retrying once its retry quota is
// spent, which a long throttling storm does: the audit would then lose resources to
// INSUFFICIENT_DATA. Here throttles are retried with full-jitter exponential backoff for many
// more attempts, and the pressure is relieved where it belongs, by the per-API adaptive limits
// (audit-aws.ts), not by giving up.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

export interface AuditRetryOptions {
  /** Attempts for a call that keeps being throttled. */
  maxThrottledAttempts?: number;
  /** Attempts for transient failures (timeouts, 5xx). */
  maxTransientAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

export class AuditRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly maxThrottled: number;
  private readonly maxTransient: number;
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly random: () => number;

  constructor(options: AuditRetryOptions = {}) {
    this.maxThrottled = options.maxThrottledAttempts ?? 15;
    this.maxTransient = options.maxTransientAttempts ?? 4;
    this.baseDelay = options.baseDelayMs ?? 100;
    this.maxDelay = options.maxDelayMs ?? 10_000;
    this.random = options.random ?? Math.random;
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const attempts = token.getRetryCount() + 1;
    const limit =
      info.errorType === 'THROTTLING'
        ? this.maxThrottled
        : info.errorType === 'TRANSIENT'
          ? this.maxTransient
          : 1;
    if (attempts >= limit) throw info.error ?? new Error('no more retries');
    const ceiling = Math.min(this.maxDelay, this.baseDelay * 2 ** token.getRetryCount());
    let delay = this.random() * ceiling;
    if (info.retryAfterHint instanceof Date)
      delay = Math.max(delay, info.retryAfterHint.getTime() - Date.now());
    return new Token(attempts, Math.min(this.maxDelay, delay));
  }

  recordSuccess(): void {}
}
