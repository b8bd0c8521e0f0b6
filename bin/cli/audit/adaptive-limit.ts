// A concurrency limit that adapts to throttling: additive increase while calls succeed, decrease
// when the service throttles (AIMD, as TCP congestion control does). The decrease aims at what
// the service just showed it sustains, by Little's law: calls in flight = rate × time in flight,
// with the rate of recent successes and their time in flight; it never cuts by more than the
// decrease factor. The limit shrinks at most once per round of calls, so a burst of throttles
// answered to calls all sent before the first one does not collapse it to the minimum.

export interface AdaptiveLimitOptions {
  /** Starting limit. */
  initial: number;
  min?: number;
  max: number;
  /** The deepest cut on throttling (0.7: never below 70% of the limit in one step). */
  decrease?: number;
  /** Clock in milliseconds (tests inject one). */
  now?: () => number;
}

/** Successes remembered for the rate estimate. */
const WINDOW_MS = 1000;

export class AdaptiveLimit {
  private current: number;
  private readonly min: number;
  private readonly max: number;
  private readonly decrease: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Calls started after the last decrease; throttles of older calls are echoes of it. */
  private generation = 0;
  private readonly now: () => number;
  /** The limit at the last throttle: growth slows near it (as CUBIC does), then speeds up past it. */
  private lastThrottledAt = 0;
  /** Completion times of recent successes, and the average time a success held its slot. */
  private readonly completions: number[] = [];
  private heldMs = 0;
  private stats = { throttles: 0, decreases: 0, increases: 0, peak: 0, low: Number.POSITIVE_INFINITY };

  constructor(options: AdaptiveLimitOptions) {
    this.min = Math.max(1, options.min ?? 1);
    this.max = Math.max(this.min, options.max);
    this.current = Math.min(this.max, Math.max(this.min, options.initial));
    this.decrease = options.decrease ?? 0.7;
    this.now = options.now ?? (() => performance.now());
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

  /** A call succeeded after holding its slot for `heldMs` (when known). */
  succeeded(heldMs?: number): void {
    if (heldMs !== undefined) {
      const now = this.now();
      this.completions.push(now);
      while ((this.completions[0] ?? now) < now - WINDOW_MS) this.completions.shift();
      this.heldMs = this.heldMs ? 0.9 * this.heldMs + 0.1 * heldMs : heldMs;
    }
    if (this.current >= this.max) return;
    // +1 per round of calls at the current limit, spread over the round's successes.
    const before = this.limit;
    const nearLastThrottle =
      this.current > 0.85 * this.lastThrottledAt && this.current < 1.15 * this.lastThrottledAt;
    this.current = Math.min(this.max, this.current + (nearLastThrottle ? 0.25 : 1) / this.current);
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
    this.lastThrottledAt = this.current;
    const next = Math.max(
      this.min,
      this.current * this.decrease,
      Math.min(this.sustained(), this.current - 1),
    );
    if (next < this.current) {
      this.current = next;
      this.stats.decreases++;
      this.stats.low = Math.min(this.stats.low, this.limit);
    }
  }

  /** Calls in flight the service just sustained: recent success rate × time in flight. */
  private sustained(): number {
    const now = this.now();
    const recent = this.completions.filter((t) => t >= now - WINDOW_MS).length;
    if (recent < 2 || !this.heldMs) return 0;
    const spanMs = Math.max(this.heldMs, Math.min(WINDOW_MS, now - (this.completions[0] ?? now)));
    return (recent / spanMs) * this.heldMs;
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
