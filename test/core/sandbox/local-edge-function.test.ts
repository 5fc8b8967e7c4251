import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RELOAD_PATH, startLocalEdge } from '../../../src/core/sandbox/local-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

const HTML = { contentType: 'text/html; charset=utf-8', cacheControl: 'max-age=60' };

let dir: string;
let origin: LocalFolderStore;
const edges: LocalEdge[] = [];
const start = async (options: Omit<Parameters<typeof startLocalEdge>[0], 'origin'>) => {
  const edge = await startLocalEdge({ origin, ...options });
  edges.push(edge);
  return edge;
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-edge-fn-'));
  origin = new LocalFolderStore(dir);
  await origin.put('track.html', '<p>track</p>', HTML);
  await origin.put('track/abc', '<p>raw object</p>', HTML);
});
afterEach(async () => {
  await Promise.all(edges.splice(0).map((e) => e.stop()));
  await rm(dir, { recursive: true, force: true });
});

describe('local edge: the viewer-request function it runs', () => {
  it('without a function, requests reach the origin unrewritten', async () => {
    const edge = await start({});
    expect(await (await fetch(`${edge.url}/track/abc`)).text()).toBe('<p>raw object</p>');
  });

  it('runs an async handler, as AWS examples are written', async () => {
    const edge = await start({
      functionCode: `async function handler(event) { event.request.uri = '/track.html'; return event.request; }`,
    });
    expect(await (await fetch(`${edge.url}/track/abc`)).text()).toBe('<p>track</p>');
  });

  it('answers 503 when the function returns a uri without a leading /', async () => {
    const edge = await start({
      functionCode: `function handler(event) { event.request.uri = 'track.html'; return event.request; }`,
    });
    const res = await fetch(`${edge.url}/track/abc`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/does not start with "\/"/);
  });

  it('answers 503 for every request when the function does not load (over 10 KB)', async () => {
    const big = `function handler(e) { return e.request; }\n//${'x'.repeat(10_240)}`;
    const edge = await start({ functionCode: big });
    const res = await fetch(`${edge.url}/track.html`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/10,240 bytes/);
  });

  it('sends a generated response with its status, headers, cookies and body', async () => {
    const edge = await start({
      functionCode: `function handler(event) {
        if (event.request.cookies.seen) return { statusCode: 200, body: 'seen ' + event.request.cookies.seen.value };
        return { statusCode: 302, statusDescription: 'Found',
          headers: { location: { value: '/track.html' } },
          cookies: { seen: { value: 'yes', attributes: 'Path=/' } } };
      }`,
    });
    const first = await fetch(`${edge.url}/x`, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/track.html');
    expect(first.headers.get('set-cookie')).toBe('seen=yes; Path=/');
    const again = await fetch(`${edge.url}/x`, { headers: { cookie: 'seen=yes' } });
    expect(await again.text()).toBe('seen yes');
  });

  it('reloads its function when told, with the admin key only; the cache stays', async () => {
    let code: string | null = null;
    const edge = await start({ loadFunction: () => Promise.resolve(code) });
    expect(await (await fetch(`${edge.url}/track/abc`)).text()).toBe('<p>raw object</p>');
    code = `function handler(event) { event.request.uri = '/track.html'; return event.request; }`;
    const denied = await fetch(edge.url + RELOAD_PATH, { method: 'POST', body: '{}' });
    expect(denied.status).toBe(403);
    expect(await (await fetch(`${edge.url}/track/abc`)).text()).toBe('<p>raw object</p>');
    const ok = await fetch(edge.url + RELOAD_PATH, {
      method: 'POST',
      headers: { 'x-qdn-admin-key': edge.adminKey },
      body: '{}',
    });
    expect(ok.status).toBe(200);
    expect(await (await fetch(`${edge.url}/track/def`)).text()).toBe('<p>track</p>');
  });
});
