// SDK clients and request batchers for one account and region. Clients are created on first use,
// share one retry strategy, and count every request so audits and benchmarks can report calls.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import DataLoader from 'dataloader';
import { callName, type MiddlewareClient } from './call-name.js';
import { type ClientClass, createAwsClient } from './client.js';

/** Answers loaded once by name and shared; a failure is shared too (it is not retried). */
class LoadedOnce {
  private readonly answers = new Map<string, Promise<unknown>>();

  once<T>(name: string, load: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(name) as Promise<T> | undefined;
    if (!answer) {
      answer = load();
      this.answers.set(name, answer);
    }
    return answer;
  }
}

/**
 * Answers shared by every region of one account (Shield's subscription is account-wide): loaded
 * once, failures included, like a regional listing.
 */
export class AccountShared extends LoadedOnce {}

export interface AwsScope {
  region: string;
  accountId?: string;
  /** Shared with the account's other regions (a multi-region audit); without it, account answers are per region. */
  accountShared?: AccountShared;
  credentials?: AwsCredentialIdentityProvider;
  /** Extra SDK client settings (tests inject a faster retry strategy or a request handler). */
  clientConfig?: Record<string, unknown>;
}

export class RegionalAws {
  readonly region: string;
  readonly accountId: string | undefined;
  /** Requests sent, by "Client.Command" (one per logical call, before SDK retries). */
  readonly calls = new Map<string, number>();
  private readonly clients = new Map<unknown, unknown>();
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private readonly listings = new LoadedOnce();
  /** Values primed before their batcher exists, applied when it is created. */
  private readonly primed = new Map<string, Map<unknown, unknown>>();

  constructor(private readonly scope: AwsScope) {
    this.region = scope.region;
    this.accountId = scope.accountId;
  }

  /**
   * The client of this scope. `endpointRegion` is for services with a single endpoint (Shield
   * Advanced answers only in us-east-1): the same credentials and settings, that region.
   */
  client<C>(Client: ClientClass<C>, endpointRegion?: string): C {
    const key = endpointRegion ? `${Client.name}@${endpointRegion}` : Client;
    let client = this.clients.get(key) as C | undefined;
    if (!client) {
      client = createAwsClient(Client, {
        region: this.scope.region,
        ...(this.scope.credentials ? { credentials: this.scope.credentials } : {}),
        ...this.scope.clientConfig,
        ...(endpointRegion ? { region: endpointRegion } : {}),
      });
      this.countRequests(client as unknown as MiddlewareClient);
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * A per-region batcher: loads issued in the same tick are grouped into calls of at most
   * `maxBatchSize` keys, and each key is loaded once (results are cached).
   */
  batcher<K, V>(
    name: string,
    maxBatchSize: number,
    load: (keys: readonly K[]) => Promise<(V | Error)[]>,
  ): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(load, { maxBatchSize });
      for (const [key, value] of this.primed.get(name) ?? []) loader.prime(key as K, value as V);
      this.primed.delete(name);
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /**
   * Replaces what a batcher returns for one key, whether or not the batcher exists yet. The caller
   * needs only its name, not its loader, so priming pulls in no SDK client.
   */
  prime<K, V>(name: string, key: K, value: V): void {
    const loader = this.loaders.get(name);
    if (loader) {
      loader.clear(key).prime(key, value);
      return;
    }
    let pending = this.primed.get(name);
    if (!pending) {
      pending = new Map();
      this.primed.set(name, pending);
    }
    pending.set(key, value);
  }

  /** A per-region listing, loaded once and shared (a failure is shared too: it is not retried). */
  once<T>(name: string, load: () => Promise<T>): Promise<T> {
    return this.listings.once(name, load);
  }

  /** An account-wide answer, loaded once for every region that shares this scope's account. */
  onceForAccount<T>(name: string, load: () => Promise<T>): Promise<T> {
    return this.scope.accountShared
      ? this.scope.accountShared.once(name, load)
      : this.once(`account:${name}`, load);
  }

  totalCalls(): number {
    let total = 0;
    for (const count of this.calls.values()) total += count;
    return total;
  }

  private countRequests(client: MiddlewareClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const key = callName(context);
        this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'elbConfigRulesCallCounter' },
    );
  }
}
