import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../../../bin/cli/audit/adaptive-limit.js';

describe('AdaptiveLimit', () => {
  it('never lets more calls run than the limit, and hands slots over in arrival order', async () => {
    const limit = new AdaptiveLimit({ initial: 2, max: 2 });
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limit.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      }),
    );
    while (order.length < 5) {
      await new Promise((r) => setTimeout(r, 0));
      releases.shift()?.();
    }
    releases.forEach((r) => {
      r();
    });
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('shrinks on throttling, once per round of calls sent before the throttle', async () => {
    const limit = new AdaptiveLimit({ initial: 10, max: 20 });
    const generations = await Promise.all([1, 2, 3].map(() => limit.acquire()));
    // Three calls sent together are all throttled: one decrease, not three.
    for (const g of generations) limit.throttled(g);
    expect(limit.limit).toBe(7);
    // A call sent after the decrease that is throttled again shrinks it further.
    const later = await limit.acquire();
    limit.throttled(later);
    expect(limit.limit).toBe(4);
    expect(limit.snapshot()).toMatchObject({ throttles: 4, decreases: 2 });
  });

  it('grows back by about one per round of successes, up to the ceiling, and never below the floor', () => {
    const limit = new AdaptiveLimit({ initial: 2, max: 4, min: 1 });
    for (let g = 0; g < 10; g++) limit.throttled(g);
    expect(limit.limit).toBe(1);
    for (let i = 0; i < 3; i++) limit.succeeded();
    expect(limit.limit).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 100; i++) limit.succeeded();
    expect(limit.limit).toBe(4);
  });

  it('cuts to the calls in flight the service just sustained, when that is a smaller cut', async () => {
    let now = 0;
    const limit = new AdaptiveLimit({ initial: 10, max: 10, now: () => now });
    // 80 successes in the last second, each holding its slot 100 ms: 8 calls in flight sustained.
    for (let i = 0; i < 80; i++) {
      now = 1000 + (i * 1000) / 80;
      limit.succeeded(100);
    }
    limit.throttled(await limit.acquire());
    expect(limit.limit).toBe(8);
  });

  it('grows more slowly near the limit it was last throttled at', async () => {
    const probing = new AdaptiveLimit({ initial: 10, max: 40, decrease: 0.9 });
    probing.throttled(await probing.acquire()); // throttled at 10, cut to 9
    const fresh = new AdaptiveLimit({ initial: 9, max: 40 });
    for (let i = 0; i < 20; i++) {
      probing.succeeded();
      fresh.succeeded();
    }
    expect(fresh.limit).toBe(11);
    expect(probing.limit).toBe(9);
  });
});
