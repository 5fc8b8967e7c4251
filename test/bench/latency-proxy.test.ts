import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Agent } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../src/core/http/loopback-server';
import { describeRequest, roundTripTable, startLatencyProxy } from '../../bench/latency-proxy';
import type { LatencyProxy } from '../../bench/latency-proxy';

// The bench's latency proxy (bench/latency-proxy.ts) in front of a plain HTTP server on
// loopback: what it counts must be what was sent, or every round-trip budget built on it lies.
let server: Server;
let proxy: LatencyProxy;
let agent: Agent;

/** Answers after `?wait=MS` ms: a HEAD with a length and no body, a GET chunked, a PUT echoed. */
function answer(req: IncomingMessage, res: ServerResponse): void {
  const wait = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('wait') ?? 0);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    setTimeout(() => {
      if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-length': '1234' }).end();
      } else if (req.method === 'GET') {
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        res.write('first part;');
        res.end('second part');
      } else {
        res.writeHead(201, { 'content-length': String(Buffer.concat(chunks).length) });
        res.end(Buffer.concat(chunks));
      }
    }, wait);
  });
}

beforeAll(async () => {
  server = createServer(answer);
  const { port } = await listenOnLoopback(server, 0);
  proxy = await startLatencyProxy({ targetPort: port });
});
afterEach(() => {
  proxy.setRtt(0);
  proxy.reset();
  agent?.destroy();
});
afterAll(async () => {
  await proxy?.close();
  if (server) await closeServer(server);
});

/** One request through the proxy; `agent` decides whether connections are shared. */
function send(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${proxy.endpoint}${path}`,
      {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the latency proxy', () => {
  it('counts requests one after another as that many sequential round trips', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // One kept-alive connection: each answer must be framed exactly (a HEAD's length with no
    // body, a chunked body, a PUT's body) or the next request on it is misread.
    expect(await send('HEAD', '/bucket/a.txt')).toEqual({ status: 200, body: '' });
    expect(await send('GET', '/bucket/b.txt')).toEqual({
      status: 200,
      body: 'first part;second part',
    });
    expect(await send('PUT', '/bucket/c.txt', 'hello', { expect: '100-continue' })).toEqual({
      status: 201,
      body: 'hello',
    });
    expect(await send('GET', '/bucket/d.txt')).toMatchObject({ status: 200 });
    expect(proxy.count()).toEqual({ requests: 4, roundTrips: 4, waves: 4 });
    expect(proxy.requests().map((r) => [r.method, r.target, r.status, r.depth])).toEqual([
      ['HEAD', '/bucket/a.txt', 200, 1],
      ['GET', '/bucket/b.txt', 200, 2],
      ['PUT', '/bucket/c.txt', 201, 3],
      ['GET', '/bucket/d.txt', 200, 4],
    ]);
  });

  it('counts requests sent together as one round trip, and what waited for them as the next', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 8 });
    // The server holds each answer, so all five are in flight at once.
    await Promise.all([1, 2, 3, 4, 5].map((i) => send('GET', `/bucket/p${i}?wait=50`)));
    await send('PUT', '/bucket/after', 'x');
    expect(proxy.count()).toEqual({ requests: 6, roundTrips: 2, waves: 2 });
    expect(roundTripTable(proxy.requests())).toEqual([
      expect.stringMatching(/^ {2}1 {2}GET bucket\/p\d\?wait( \| GET bucket\/p\d\?wait){4}$/),
      '  2  PUT bucket/after',
    ]);
  });

  it('counts a queue that keeps two in flight by its longest chain, not as one wave', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 2 });
    // Six requests, two connections: three rounds of two, with never a moment idle between.
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => send('GET', `/bucket/q${i}?wait=30`)));
    const { requests, roundTrips } = proxy.count();
    expect(requests).toBe(6);
    expect(roundTrips).toBe(3);
  });

  it('counts a body held back for a 100 Continue as one more round trip', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // As the SDK sends a body of 2 MB or more: the head first, the body once the server agrees.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${proxy.endpoint}/bucket/big`, {
        method: 'PUT',
        agent,
        headers: { expect: '100-continue', 'content-length': 5 },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('continue', () => req.end('hello'));
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(201);
    await send('GET', '/bucket/next');
    expect(proxy.count()).toEqual({ requests: 2, roundTrips: 3, waves: 2 });
    expect(roundTripTable(proxy.requests())).toEqual([
      '  2  PUT bucket/big (after a 100 Continue)',
      '  3  GET bucket/next',
    ]);
  });

  it('holds every request and answer half the round-trip time each way', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    proxy.setRtt(200);
    const started = performance.now();
    await send('GET', '/bucket/slow');
    await send('HEAD', '/bucket/slow');
    // A floor, not a measurement: nothing can come back sooner than the proxy lets it.
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 200 - 5);
    expect(proxy.count()).toMatchObject({ requests: 2, roundTrips: 2 });
  });

  it('names S3 requests by bucket, key, query and copy source', () => {
    const base = { status: 200, depth: 1, continued: false, start: 0, end: 1 };
    expect(
      describeRequest({
        ...base,
        method: 'PUT',
        target: '/prod/assets/a%20b.js?x-id=CopyObject',
        copySource: 'staging/assets/a%20b.js',
      }),
    ).toBe('PUT prod/assets/a b.js ← staging/assets/a b.js');
    expect(
      describeRequest({
        ...base,
        method: 'GET',
        target: '/data/?list-type=2&prefix=releases%2F',
        copySource: null,
      }),
    ).toBe('GET data/?list-type&prefix prefix=releases/');
  });
});
