// Every AWS SDK client of the project is built here, so every call retries throttling the same way:
// the SDK's adaptive strategy (backoff with jitter, and a client-side rate that slows down when
// throttled), 8 attempts. The SDK default (standard, 3 attempts) loses about one call in sixteen
// when 40% of requests are throttled; 8 attempts lose fewer than one in a thousand.
// test/core/aws/client-construction.test.ts keeps `new …Client(` out of every other file.

/** The retry settings every client starts from (callers may add a retryStrategy, as the audit does). */
export const DEFAULT_CLIENT_CONFIG = { retryMode: 'adaptive', maxAttempts: 8 } as const;

// biome-ignore lint/suspicious/noExplicitAny: SDK client classes have differing config types.
export type ClientClass<C> = new (config: any) => C;

export function createAwsClient<C>(Client: ClientClass<C>, config: Record<string, unknown> = {}): C {
  return new Client({ ...DEFAULT_CLIENT_CONFIG, ...config });
}
