import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadViewerRequestFunction } from '../../src/core/sandbox/edge-function';
import type { EdgeRequest, ViewerRequestEvent } from '../../src/core/sandbox/edge-function';
import { check } from './property-runs';

// The deployed CloudFront Function, run by the sandbox's runtime: only /track… and /book… are
// rewritten, to their page; everything else passes untouched; the query string always stays.
// Written to hold whether the routes match in one letter case or in any (and with or without
// doubled slashes): a lowercase route must be rewritten; a path that is no route in any case
// must never be.
const handler = loadViewerRequestFunction(readFileSync('site/edge/viewer-request.js', 'utf8'));

const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/);
const rest = fc.array(segment, { maxLength: 4 }).map((parts) => parts.map((p) => `/${p}`).join(''));
const querystring = fc.dictionary(
  fc.stringMatching(/^[a-z_]{1,6}$/),
  fc.record({ value: fc.string({ maxLength: 20 }) }),
  { maxKeys: 4 },
);

const event = (uri: string, qs: Record<string, { value: string }>): ViewerRequestEvent => ({
  version: '1.0',
  context: {
    eventType: 'viewer-request',
    distributionDomainName: 'd111.cloudfront.net',
    distributionId: 'E1',
    requestId: 'r1',
  },
  viewer: { ip: '198.51.100.11' },
  request: { method: 'GET', uri, querystring: qs, headers: {}, cookies: {} },
});

async function run(uri: string, qs: Record<string, { value: string }>): Promise<EdgeRequest> {
  return (await handler(event(uri, qs))) as EdgeRequest;
}

/** The route a path names, whatever its case and doubled slashes; null when none. */
function routeOf(uri: string): 'track' | 'book' | null {
  const u = uri.toLowerCase().replace(/\/{2,}/g, '/');
  for (const route of ['track', 'book'] as const) {
    if (u === `/${route}` || u.startsWith(`/${route}/`)) return route;
  }
  return null;
}

describe('the edge function (properties)', () => {
  it('rewrites /track and /book, and anything under them, to their page; keeps the query', () =>
    check(
      fc.asyncProperty(
        fc.constantFrom('track', 'book'),
        fc.boolean(),
        rest,
        querystring,
        async (route, slash, tail, qs) => {
          const uri = `/${route}${slash || tail ? '/' : ''}${tail.slice(1)}`;
          const out = await run(uri, qs);
          expect(out.uri).toBe(`/${route}.html`);
          expect(out.querystring).toEqual(qs);
        },
      ),
    ));

  it('never rewrites a path that is no route, in any case: the request passes as it came', () =>
    check(
      fc.asyncProperty(
        fc.oneof(
          rest.map((r) => r || '/'),
          fc.constantFrom(
            '/tracks',
            '/track.html',
            '/booking',
            '/book.html',
            '/trac',
            '/api/track/x',
            '/x/book',
          ),
          rest.map((r) => `/trackx${r}`),
        ),
        querystring,
        async (uri, qs) => {
          fc.pre(routeOf(uri) === null);
          const out = await run(uri, qs);
          expect(out.uri).toBe(uri);
          expect(out.querystring).toEqual(qs);
        },
      ),
    ));

  it('whatever the path, a rewrite goes only to the route it names, and the query stays', () =>
    check(
      fc.asyncProperty(
        fc.tuple(
          fc.constantFrom('', 'track', 'TRACK', 'Book', 'book', 'bo'),
          fc.constantFrom('/', '//', ''),
          rest,
        ),
        querystring,
        async ([head, sep, tail], qs) => {
          const uri = `/${head}${sep}${tail.slice(1)}`;
          const out = await run(uri, qs);
          const route = routeOf(uri);
          if (out.uri !== uri) expect(out.uri).toBe(`/${route}.html`);
          if (route === null) expect(out.uri).toBe(uri);
          expect(out.querystring).toEqual(qs);
        },
      ),
    ));
});
