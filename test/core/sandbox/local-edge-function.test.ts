import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testViewerRequest } from '../../../src/core/sandbox/edge-function';
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

  // Issue 18: AWS's published example "normalize query string parameters" (aws-samples/
  // amazon-cloudfront-functions) sorts the parameters and sets request.querystring to the
  // joined string, which CloudFront takes as the raw query string. The local edge refused it
  // ("querystring must be an object."): a 503 for every request. This function does the same.
  const SORTS_QUERY = `function handler(event) {
    var request = event.request, pairs = [];
    for (var name in request.querystring) {
      var entry = request.querystring[name];
      var values = entry.multiValue ? entry.multiValue : [entry];
      for (var i = 0; i < values.length; i++) pairs.push(name + '=' + values[i].value);
    }
    request.querystring = pairs.sort().join('&');
    request.uri = '/track.html';
    return request;
  }`;

  it('takes a querystring the function set to a string, as CloudFront does', async () => {
    const edge = await start({ functionCode: SORTS_QUERY });
    const res = await fetch(`${edge.url}/track/abc?utm=sms&b=2&a=1&a=0`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>track</p>');
    // As TestFunction reports it: the string read back into the runtime's shape, in its order.
    const tested = await testViewerRequest(SORTS_QUERY, {
      request: {
        method: 'GET',
        uri: '/track/abc',
        querystring: {
          utm: { value: 'sms' },
          a: { value: '1', multiValue: [{ value: '1' }, { value: '0' }] },
          flag: { value: '' },
        },
      },
    });
    expect(tested.error).toBeNull();
    expect(tested.output).toEqual({
      request: expect.objectContaining({
        uri: '/track.html',
        querystring: {
          a: { value: '0', multiValue: [{ value: '0' }, { value: '1' }] },
          flag: { value: '' },
          utm: { value: 'sms' },
        },
      }) as unknown,
    });
  });

  it('reads a raw query string as sent: no decoding, a bare name, __proto__ as a parameter', async () => {
    const tested = await testViewerRequest(
      `function handler(event) { event.request.querystring = 'q=a%20b&&flag&__proto__=x'; return event.request; }`,
      { request: { method: 'GET', uri: '/' } },
    );
    const { querystring } = (tested.output as { request: { querystring: object } }).request;
    expect(JSON.parse(JSON.stringify(querystring))).toEqual({
      q: { value: 'a%20b' },
      flag: { value: '' },
      ['__proto__']: { value: 'x' },
    });
    expect(Object.getPrototypeOf(querystring)).toBe(Object.prototype);
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
