import { describe, expect, it } from 'vitest';
import {
  assertInvalidationPaths,
  MAX_INVALIDATION_PATHS,
  MAX_WILDCARD_PATHS,
} from '../../../src/core/cdn/invalidation-limits';
import { invalidationPathsFor, pathsCoverKey } from '../../../src/core/deploy/invalidation-paths';

const T = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';

/** `n` keys in `folder`, as a build's hashed assets are. */
const keysIn = (folder: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${folder}/file-${String(i).padStart(4, '0')}.js`);

describe('the paths a changed key is invalidated under', () => {
  it.each([
    ['book.html', ['/book', '/book.html', '/book/*']],
    ['track.html', ['/track', '/track.html', '/track/*']],
    ['index.html', ['/', '/index.html']],
    [`api/track/${T}.json`, [`/api/track/${T}.json`, `/track/${T}`]],
    ['api/health.json', ['/api/health.json']],
    ['assets/app 1.js', ['/assets/app%201.js']],
  ])('%s: its own path and every route the edge rewrites onto it', (key, paths) => {
    expect(invalidationPathsFor([key])).toEqual(paths);
  });

  it('a bare route is a path of its own: /book/* alone leaves book.html owed', () => {
    expect(pathsCoverKey(['/book.html', '/book/*'], 'book.html')).toBe(false);
    expect(pathsCoverKey(['/book', '/book.html', '/book/*'], 'book.html')).toBe(true);
    expect(pathsCoverKey(['/track', '/track.html'], 'track.html')).toBe(false);
  });
});

describe('collapsing many paths into wildcards', () => {
  it('keeps 100 single paths as they are', () => {
    const keys = keysIn('assets', 100);
    expect(invalidationPathsFor(keys)).toEqual(keys.map((k) => `/${k}`));
  });

  it('past 100 paths, one wildcard per top-level folder, and each key is still covered', () => {
    const keys = [...keysIn('assets', 100), 'track.html', `api/track/${T}.json`];
    const paths = invalidationPathsFor(keys);
    expect(paths).toEqual(['/api/*', '/assets/*', '/track', '/track.html', '/track/*']);
    for (const key of keys) expect(pathsCoverKey(paths, key), key).toBe(true);
    expect(() => assertInvalidationPaths(paths)).not.toThrow();
  });

  it('more folders than CloudFront takes wildcards at once: one /* for everything', () => {
    const folders = Array.from({ length: MAX_WILDCARD_PATHS + 1 }, (_, i) => `f${i}`);
    const keys = folders.flatMap((f) => keysIn(f, 7));
    expect(keys.length).toBeGreaterThan(100);
    expect(invalidationPathsFor(keys)).toEqual(['/*']);
  });

  it('more top-level files than one batch takes: one /* for everything', () => {
    const keys = Array.from({ length: MAX_INVALIDATION_PATHS + 1 }, (_, i) => `page-${i}.html`);
    const paths = invalidationPathsFor(keys);
    expect(paths).toEqual(['/*']);
    expect(() => assertInvalidationPaths(paths)).not.toThrow();
  });
});
