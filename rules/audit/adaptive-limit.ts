// A concurrency limit that adapts to throttling: additive increase while calls succeed,
// multiplicative decrease when the service throttles (AIMD, as TCP congestion control does).
// The limit shrinks at most once per round of calls, so a burst of throttles answered to calls
// that were all sent before the first throttle does not collapse it to the minimum.

export interface AdaptiveLimitOptions {
  /** Starting limit. */
  initial: number;
  min?: number;
  max: number;
  /** Factor applied on throttling; 0.7 keeps utilisation high while backing off firmly. */
  decrease?: number;
}

export class AdaptiveLimit {
  private current: number;
  private readonly min: number;
  private readonly max: number;
  private readonly decrease: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Calls started after the last decrease; throttles of older calls are echoes of it. */
  private generation = 0;
  private stats = { throttles: 0, decreases: 0, increases: 0, peak: 0, low: Number.POSITIVE_INFINITY };

  constructor(options: AdaptiveLimitOptions) {
    this.min = Math.max(1, options.min ?? 1);
    this.max = Math.max(this.min, options.max);
    this.current = Math.min(this.max, Math.max(this.min, options.initial));
    this.decrease = options.decrease ?? Number(process.env.AIMD_DECREASE ?? 0.7);
    this.stats.peak = this.stats.low = this.current;
  }

  get limit(): number {
    return Math.floor(this.current);
  }

  get queued(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.inFlight;
  }

  /** Waits for a slot; returns the generation the caller reports a throttle with. */
  acquire(): Promise<number> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return Promise.resolve(this.generation);
    }
    return new Promise<number>((resolve) => this.waiting.push(() => resolve(this.generation)));
  }

  release(): void {
    this.inFlight--;
    this.drain();
  }

  /** Runs fn in a slot. */
  async run<T>(fn: (generation: number) => Promise<T>): Promise<T> {
    const generation = await this.acquire();
    try {
      return await fn(generation);
    } finally {
      this.release();
    }
  }

  succeeded(): void {
    if (this.current >= this.max) return;
    // +1 per round of calls at the current limit, spread over the round's successes.
    const before = this.limit;
    this.current = Math.min(this.max, this.current + 1 / this.current);
    if (this.limit > before) {
      this.stats.increases++;
      this.stats.peak = Math.max(this.stats.peak, this.limit);
      this.drain();
    }
  }

  /** A call started in `generation` was throttled. */
  throttled(generation: number): void {
    this.stats.throttles++;
    if (generation !== this.generation) return;
    this.generation++;
    const next = Math.max(this.min, this.current * this.decrease);
    if (next < this.current) {
      this.current = next;
      this.stats.decreases++;
      this.stats.low = Math.min(this.stats.low, this.limit);
    }
  }

  snapshot() {
    return { limit: this.limit, ...this.stats };
  }

  /** Hands free slots to waiters in arrival order; the slot is counted before they resume. */
  private drain(): void {
    while (this.waiting.length && this.inFlight < this.limit) {
      this.inFlight++;
      this.waiting.shift()?.();
    }
  }
}
