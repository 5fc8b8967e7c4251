import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { watched } from '../../bench/event-loop';

// The probe behind bench/event-loop.ts and docs/architecture.md's decision: a stall it
// misses, or a tick it counts as delay, would turn "move the core out of main" into a guess.

/** Holds the loop for `ms`, as a JSON.parse of a large jobs.json does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe('the event-loop probe of bench/event-loop.ts', () => {
  it('sees a synchronous stall in the middle of the work, by both measures', async () => {
    const { window } = await watched(async () => {
      await sleep(50);
      block(150);
      await sleep(50);
    });
    // A stall can only lengthen a tick's interval, so these hold on a busy machine too.
    expect(window.max).toBeGreaterThanOrEqual(140);
    expect(window.timer).toBeGreaterThanOrEqual(140);
    expect(window.took).toBeGreaterThanOrEqual(240); // timers may fire a ms early
  });

  it('sees a stall in the last moment of the work, before the work resolves', async () => {
    const { window, value } = await watched(async () => {
      await sleep(30);
      block(150);
      return 'done';
    });
    expect(value).toBe('done');
    expect(window.max).toBeGreaterThanOrEqual(140);
    expect(window.timer).toBeGreaterThanOrEqual(140);
  });

  it('counts delay beyond the 10 ms tick, not the tick itself', async () => {
    const { window } = await watched(() => sleep(300));
    // A free loop's typical tick is 10 ms late by the histogram's raw reading, ~0 once taken off.
    expect(window.p50).toBeLessThan(5);
  });
});
