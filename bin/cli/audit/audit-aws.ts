// SDK clients for one audited account and region, with back-pressure. AWS throttles each API
// per account and region, so each API gets its own adaptive limit on requests in flight: a
// throttled DescribeRules slows DescribeRules, not DescribeTags. Every request actually sent
// (retries included) is counted by API, beside RegionalAws's count of logical calls.

import { callName, type MiddlewareClient } from '../../../rules/core/aws/call-name.js';
import { type AwsScope, RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { isThrottling } from '../../../rules/core/aws/throttling.js';
import { AdaptiveLimit } from './adaptive-limit.js';
import { type AuditRetryOptions, AuditRetryStrategy } from './retry.js';

export interface ApiPressureOptions {
  /** Requests in flight per API when a scope starts. */
  initial?: number;
  /** Ceiling of requests in flight per API. */
  max?: number;
  retry?: AuditRetryOptions;
  /** Told of every throttled request (the audit shrinks its scope limit on account-level APIs). */
  onThrottle?(api: string): void;
}

export interface ApiTraffic {
  requests: number;
  throttled: number;
}

export const DEFAULT_API_PRESSURE = { initial: 8, max: 32 } as const;

export class AuditAws extends RegionalAws {
  /** Requests sent to the endpoint by API, retries included, and how many were throttled. */
  readonly traffic = new Map<string, ApiTraffic>();
  private readonly limits = new Map<string, AdaptiveLimit>();
  private readonly instrumented = new WeakSet<object>();

  constructor(
    scope: AwsScope,
    private readonly pressure: ApiPressureOptions = {},
  ) {
    super({
      ...scope,
      clientConfig: { ...scope.clientConfig, retryStrategy: new AuditRetryStrategy(pressure.retry) },
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: SDK client classes have differing config types.
  override client<C>(Client: new (config: any) => C, endpointRegion?: string): C {
    const client = super.client(Client, endpointRegion);
    if (!this.instrumented.has(client as object)) {
      this.instrumented.add(client as object);
      this.limitRequests(client as unknown as MiddlewareClient);
    }
    return client;
  }

  limitOf(api: string): AdaptiveLimit {
    let limit = this.limits.get(api);
    if (!limit) {
      limit = new AdaptiveLimit({
        initial: this.pressure.initial ?? DEFAULT_API_PRESSURE.initial,
        max: this.pressure.max ?? DEFAULT_API_PRESSURE.max,
      });
      this.limits.set(api, limit);
    }
    return limit;
  }

  totals(): ApiTraffic {
    let requests = 0;
    let throttled = 0;
    for (const t of this.traffic.values()) {
      requests += t.requests;
      throttled += t.throttled;
    }
    return { requests, throttled };
  }

  /** Each attempt (the retry middleware sits above this step) waits for a slot of its API. */
  private limitRequests(client: MiddlewareClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const api = callName(context);
        const traffic = this.traffic.get(api) ?? { requests: 0, throttled: 0 };
        this.traffic.set(api, traffic);
        const limit = this.limitOf(api);
        const generation = await limit.acquire();
        const sent = performance.now();
        traffic.requests++;
        try {
          const out = await next(args);
          limit.succeeded(performance.now() - sent);
          return out;
        } catch (error) {
          if (isThrottling(error)) {
            traffic.throttled++;
            limit.throttled(generation);
            this.pressure.onThrottle?.(api);
          }
          throw error;
        } finally {
          limit.release();
        }
      },
      { step: 'deserialize', name: 'elbConfigRulesApiPressure', priority: 'high' },
    );
  }
}
