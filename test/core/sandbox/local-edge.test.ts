import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchesInvalidationPath, edgeTtlSeconds } from '../../../src/core/sandbox/edge-cache';
import { ADMIN_PATH, startLocalEdge } from '../../../src/core/sandbox/local-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { VIEWER_REQUEST_CASES } from '../../../src/shared/edge/viewer-request-cases';

const functionCode = await readFile(path.resolve('site/edge/viewer-request.js'), 'utf8');
const HTML = {
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, max-age=60, s-maxage=86400',
};
const TOKEN = 'Qm9vdHN0cmFwVG9rZW5Gb3JNYXJrc0pvYjAwMDAwMDA';

let dir: string;
let origin: LocalFolderStore;
let edge: LocalEdge;
let clock: number;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-edge-'));
  origin = new LocalFolderStore(dir);
  clock = Date.parse('2026-11-28T09:00:00Z');
  await origin.put('track.html', '<p>track v1</p>', HTML);
  await origin.put('book.html', '<p>book v1</p>', HTML);
  edge = await startLocalEdge({ origin, functionCode, now: () => clock });
});
afterEach(async () => {
  await edge.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => fetch(edge.url + p, init);

describe('local edge', () => {
  it('listens on loopback only', () => {
    expect(new URL(edge.url).hostname).toBe('127.0.0.1');
  });

  it('answers an origin it cannot read with a bare 502 that names no path on this machine', async () => {
    await mkdir(path.join(dir, 'index.html'));
    const res = await get('/index.html');
    expect(res.status).toBe(502);
    const body = await res.text();
    expect(body).toBe('Bad gateway: the site could not be read.');
    expect(body).not.toContain(dir);
  });

  it('serves /track/<token> and /book/… through the real rewrite function', async () => {
    const track = await get(`/track/${TOKEN}?utm=sms`);
    expect(track.status).toBe(200);
    expect(track.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await track.text()).toBe('<p>track v1</p>');
    expect(await (await get('/book/')).text()).toBe('<p>book v1</p>');
  });

  // Issue 18: "//book/ answers 404". The function routes doubled slashes (its cases, run by
  // test/site/viewer-request.test.ts and by TestFunction); the edge must hand it the path as the
  // viewer sent it — `//book/` read as a URL is the host "book" — for every case it routes.
  it.each(
    VIEWER_REQUEST_CASES.filter(
      (c) => 'uri' in c.expect && c.expect.uri !== c.uri && c.expect.uri.endsWith('.html'),
    ).map((c) => [c.uri, (c.expect as { uri: string }).uri] as const),
  )('serves %s as %s, as the function routes it', async (uri, page) => {
    const res = await get(uri);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(page === '/track.html' ? '<p>track v1</p>' : '<p>book v1</p>');
  });

  it('answers a missing object as a private S3 origin does (403), never a stale 200', async () => {
    const res = await get(`/api/track/${TOKEN}.json`);
    expect(res.status).toBe(403);
  });

  it('answers a path S3 could hold no key for (bad %-encoding, empty segment) with 403', async () => {
    expect((await get('/api/track/%E0%A4%A.json')).status).toBe(403);
    expect((await get('/api//track.html')).status).toBe(403);
    // The folder store's own bookkeeping is not an object either.
    expect((await get('/.qdn/meta/track.html.json')).status).toBe(403);
  });

  it('answers 502 when the origin fails, and does not cache the failure', async () => {
    const failingEdge = await startLocalEdge({
      origin: new (class extends LocalFolderStore {
        override get(): Promise<never> {
          return Promise.reject(new Error('EIO: i/o error'));
        }
      })(dir),
      functionCode,
    });
    try {
      const first = await fetch(`${failingEdge.url}/track/${TOKEN}`);
      expect(first.status).toBe(502);
      const second = await fetch(`${failingEdge.url}/track/${TOKEN}`);
      expect(second.status).toBe(502);
      expect(second.headers.get('x-cache')).toBeNull();
    } finally {
      await failingEdge.stop();
    }
  });

  it.each([
    ['never returns', 'function handler(event) { for (;;) {} }'],
    ['throws', 'function handler(event) { return event.request.nope.uri; }'],
  ])(
    'answers 503, as CloudFront does, when the function %s — and keeps serving',
    async (_l, code) => {
      const broken = await startLocalEdge({ origin, functionCode: code });
      try {
        const res = await fetch(`${broken.url}/track/${TOKEN}`);
        expect(res.status).toBe(503);
        expect(await res.text()).toMatch(/edge function failed/);
        expect((await fetch(`${broken.url}/track.html`)).status).toBe(503); // still answering
      } finally {
        await broken.stop();
      }
    },
  );

  it('keeps serving the cached page after a deploy until the rewritten path is invalidated', async () => {
    const first = await get(`/track/${TOKEN}`);
    expect(first.headers.get('x-cache')).toMatch(/^Miss/);
    await first.text();
    await origin.put('track.html', '<p>track v2</p>', HTML);
    clock += 3600_000; // an hour later, still within the CDN TTL

    const stale = await get(`/track/${TOKEN}`);
    expect(stale.headers.get('x-cache')).toMatch(/^Hit/);
    expect(stale.headers.get('age')).toBe('3600');
    expect(await stale.text()).toBe('<p>track v1</p>');

    // The seed's mistake: invalidating only the viewer path leaves the cached page in place…
    expect(edge.invalidate(['/track/*'])).toBe(0);
    expect(await (await get(`/track/${TOKEN}`)).text()).toBe('<p>track v1</p>');
    // …the cache key is the rewritten path.
    expect(edge.invalidate(['/track/*', '/track.html'])).toBe(1);
    const fresh = await get(`/track/${TOKEN}`);
    expect(fresh.headers.get('x-cache')).toMatch(/^Miss/);
    expect(await fresh.text()).toBe('<p>track v2</p>');
  });

  it('lets a status document go stale for seconds only (its own Cache-Control)', async () => {
    const key = `api/track/${TOKEN}.json`;
    const cc = { contentType: 'application/json', cacheControl: 'public, max-age=5, s-maxage=5' };
    await origin.put(key, '{"status":"scheduled"}', cc);
    expect(await (await get(`/${key}`)).text()).toContain('scheduled');
    await origin.put(key, '{"status":"en_route"}', cc);
    expect(await (await get(`/${key}`)).text()).toContain('scheduled');
    clock += 5_000;
    expect(await (await get(`/${key}`)).text()).toContain('en_route');
  });

  it('answers a conditional GET with 304 when the ETag matches', async () => {
    const first = await get('/track.html');
    const etag = first.headers.get('etag')!;
    await first.text();
    const again = await get('/track.html', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('accepts invalidations from other local processes only with the admin key', async () => {
    await (await get('/book.html')).text();
    await origin.put('book.html', '<p>book v2</p>', HTML);
    const denied = await get(ADMIN_PATH, {
      method: 'POST',
      body: JSON.stringify({ paths: ['/*'] }),
    });
    expect(denied.status).toBe(403);
    expect(await (await get('/book.html')).text()).toBe('<p>book v1</p>');
    const ok = await get(ADMIN_PATH, {
      method: 'POST',
      headers: { 'x-qdn-admin-key': edge.adminKey },
      body: JSON.stringify({ paths: ['/*'] }),
    });
    expect(await ok.json()).toEqual({ cleared: 1 });
    expect(await (await get('/book.html')).text()).toBe('<p>book v2</p>');
  });

  it('refuses methods a CloudFront GET/HEAD behavior refuses', async () => {
    expect((await get('/track.html', { method: 'POST', body: 'x' })).status).toBe(403);
  });
});

describe('edge cache rules', () => {
  it('follows s-maxage, then max-age, then the 1-day default; errors for 10 s; no-store never', () => {
    expect(edgeTtlSeconds(200, 'public, max-age=60, s-maxage=86400')).toBe(86400);
    expect(edgeTtlSeconds(200, 'max-age=5')).toBe(5);
    expect(edgeTtlSeconds(200, undefined)).toBe(86400);
    expect(edgeTtlSeconds(200, 'no-store')).toBe(0);
    expect(edgeTtlSeconds(404, 'max-age=600')).toBe(10);
  });

  it('matches invalidation paths exactly, or by prefix when they end in *', () => {
    expect(matchesInvalidationPath('/track/*', '/track/abc')).toBe(true);
    expect(matchesInvalidationPath('/track/*', '/track.html')).toBe(false);
    expect(matchesInvalidationPath('/track.html', '/track.html')).toBe(true);
    expect(matchesInvalidationPath('/*', '/anything')).toBe(true);
  });
});
