import { describe, expect, it } from 'vitest';
import type { DeployProgress } from '../../../src/shared/deploy/deploy-api';
import { RunProgress } from '../../../src/core/deploy/deploy-context';
import { COPY_CONCURRENCY, copyAssetsThenPages } from '../../../src/core/deploy/ordered-copy';

// The copy queue of a promote or rollback (src/core/deploy/ordered-copy.ts): as many copies in
// flight as the SDK's default HTTP agent opens sockets (50), every asset before any page.
function progress(): { run: RunProgress; seen: DeployProgress[] } {
  const seen: DeployProgress[] = [];
  const run = new RunProgress({ emit: (p) => seen.push(p), now: () => new Date() }, 'promote');
  return { run, seen };
}

/** 300 keys of a built site: 297 assets, the health document and two pages. */
const site = [
  ...Array.from({ length: 297 }, (_, i) => `assets/chunk-${String(i).padStart(3, '0')}.js`),
  'api/health.json',
  'track.html',
  'book.html',
];

describe('copyAssetsThenPages', () => {
  it('keeps 50 copies in flight, never more, and starts no page before every asset is copied', async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const done = new Set<string>();
    const copy = async (key: string) => {
      if (key.endsWith('.html')) {
        // A page starts only once no asset is missing or still being copied.
        expect(site.filter((k) => !k.endsWith('.html')).every((k) => done.has(k))).toBe(true);
      }
      inFlight++;
      most = Math.max(most, inFlight);
      order.push(key);
      await new Promise((resolve) => setTimeout(resolve, 2 + (key.length % 3)));
      inFlight--;
      done.add(key);
    };
    const { run, seen } = progress();
    const copied = await copyAssetsThenPages(site, copy, run, 'copy');
    expect(COPY_CONCURRENCY).toBe(50);
    expect(most).toBe(50);
    expect(new Set(copied)).toEqual(new Set(site));
    expect(order.slice(-2).sort()).toEqual(['book.html', 'track.html']);
    expect(seen.at(-1)).toMatchObject({ done: 300, total: 300 });
  });

  it('starts no page when an asset fails, and names it', async () => {
    const started: string[] = [];
    const copy = async (key: string) => {
      started.push(key);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (key === 'assets/chunk-120.js') throw new Error('InternalError');
    };
    const { run } = progress();
    await expect(copyAssetsThenPages(site, copy, run, 'copy')).rejects.toThrow(
      /Copying assets\/chunk-120\.js failed \(InternalError\)\. 297 of 300 files were copied/,
    );
    expect(started.filter((k) => k.endsWith('.html'))).toEqual([]);
  });
});
