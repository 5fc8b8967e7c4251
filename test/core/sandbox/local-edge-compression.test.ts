import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCompressible } from '../../../src/core/sandbox/edge-compression';
import { startLocalEdge } from '../../../src/core/sandbox/local-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

// Issue 18: "the local edge serves text uncompressed where CloudFront, with compression on,
// would not". CloudFront's rules (developer guide, "Serve compressed files"): br when the viewer
// takes br and gzip, else gzip; only listed Content-Types, 1,000–10,000,000 bytes, no
// Content-Encoding already, not over HTTP/1.0; a strong ETag made weak; each encoding cached
// apart. Over real HTTP on 127.0.0.1, with raw requests (fetch would decompress for us).

const functionCode = await readFile(path.resolve('site/edge/viewer-request.js'), 'utf8');
const HTML = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' };
const PAGE = `<!doctype html><p>${'Your pickup is on its way. '.repeat(200)}</p>`;

let dir: string;
let origin: LocalFolderStore;
let edge: LocalEdge;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-edge-gzip-'));
  origin = new LocalFolderStore(dir);
  await origin.put('track.html', PAGE, HTML);
  edge = await startLocalEdge({ origin, functionCode });
});
afterEach(async () => {
  await edge.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET with exactly these headers, its body as sent (no decoding). */
function raw(p: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(edge.url + p, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local edge compression, as CloudFront with compression on', () => {
  it('serves br to a viewer that takes br and gzip, weak ETag, Vary, cached as br', async () => {
    const first = await raw('/track/abc', { 'accept-encoding': 'gzip, deflate, br' });
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({
      'content-encoding': 'br',
      vary: 'accept-encoding',
      'x-cache': 'Miss from cloudfront',
      'content-length': String(first.body.length),
    });
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.body.length).toBeLessThan(PAGE.length / 5);
    expect(brotliDecompressSync(first.body).toString('utf8')).toBe(PAGE);
    const again = await raw('/track/abc', { 'accept-encoding': 'br' });
    expect(again.headers['x-cache']).toBe('Hit from cloudfront');
    expect(again.body).toEqual(first.body);
    // Its weak ETag answers a conditional GET.
    const cond = await raw('/track/abc', {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });
    expect(cond.status).toBe(304);
  });

  it('serves gzip to a gzip-only viewer, and caches each encoding apart', async () => {
    const gz = await raw('/track.html', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(PAGE);
    // No br copy yet: a miss, not the gzip copy; a refused br (q=0) gets gzip from the cache.
    const br = await raw('/track.html', { 'accept-encoding': 'br' });
    expect(br.headers).toMatchObject({
      'content-encoding': 'br',
      'x-cache': 'Miss from cloudfront',
    });
    const noBr = await raw('/track.html', { 'accept-encoding': 'br;q=0, gzip' });
    expect(noBr.headers).toMatchObject({
      'content-encoding': 'gzip',
      'x-cache': 'Hit from cloudfront',
    });
    // Without Accept-Encoding (or with only deflate): the bytes as stored, the strong ETag.
    for (const headers of [{}, { 'accept-encoding': 'deflate' }] as Record<string, string>[]) {
      const plain = await raw('/track.html', headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.etag).toMatch(/^"/);
      expect(plain.body.toString('utf8')).toBe(PAGE);
    }
    // One invalidation of the path clears every copy: br, gzip and uncompressed.
    expect(edge.invalidate(['/track.html'])).toBe(3);
    const fresh = await raw('/track.html', { 'accept-encoding': 'gzip' });
    expect(fresh.headers['x-cache']).toBe('Miss from cloudfront');
  });

  it('compresses only the listed types, from 1,000 bytes', async () => {
    await origin.put('small.html', 'x'.repeat(999), HTML);
    await origin.put('edge.html', 'x'.repeat(1000), HTML);
    await origin.put('api/health.json', JSON.stringify({ pad: 'y'.repeat(2000) }), {
      contentType: 'application/json',
    });
    await origin.put('photo.jpg', Buffer.alloc(5000, 7), { contentType: 'image/jpeg' });
    await origin.put('icon.svg', `<svg>${' '.repeat(3000)}</svg>`, {
      contentType: 'image/svg+xml',
    });
    const encodingOf = async (p: string) =>
      (await raw(p, { 'accept-encoding': 'gzip' })).headers['content-encoding'];
    expect(await encodingOf('/small.html')).toBeUndefined();
    expect(await encodingOf('/edge.html')).toBe('gzip');
    expect(await encodingOf('/api/health.json')).toBe('gzip');
    expect(await encodingOf('/photo.jpg')).toBeUndefined();
    expect(await encodingOf('/icon.svg')).toBe('gzip');
  });

  it('serves HTTP/1.0 uncompressed', async () => {
    const { port } = new URL(edge.url);
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /track.html HTTP/1.0\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response.toLowerCase()).not.toContain('content-encoding');
    expect(response.endsWith(PAGE)).toBe(true);
  });

  it('never compresses a response that has a Content-Encoding already, nor one over 10,000,000 bytes', () => {
    const html = { 'content-type': 'text/html' };
    expect(isCompressible({ headers: html, body: Buffer.alloc(5000) })).toBe(true);
    expect(
      isCompressible({
        headers: { ...html, 'content-encoding': 'identity' },
        body: Buffer.alloc(5000),
      }),
    ).toBe(false);
    expect(isCompressible({ headers: html, body: Buffer.alloc(10_000_000) })).toBe(true);
    expect(isCompressible({ headers: html, body: Buffer.alloc(10_000_001) })).toBe(false);
  });
});
