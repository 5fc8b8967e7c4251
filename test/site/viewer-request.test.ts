import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEdgeResponse, loadViewerRequestFunction } from '../../src/core/sandbox/edge-function';
import type { EdgeRequest, ViewerRequestEvent } from '../../src/core/sandbox/edge-function';

const SOURCE_URL = new URL('../../site/edge/viewer-request.js', import.meta.url);
const source = readFileSync(SOURCE_URL, 'utf8');
const handler = loadViewerRequestFunction(source);
const T = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';

/** The shape CloudFront passes to a cloudfront-js-2.0 viewer-request function. */
function event(uri: string, querystring: EdgeRequest['querystring'] = {}): ViewerRequestEvent {
  return {
    version: '1.0',
    context: {
      eventType: 'viewer-request',
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri,
      querystring,
      headers: {
        host: { value: 'quickdumpnow.com' },
        'user-agent': { value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' },
      },
      cookies: {},
    },
  };
}

function run(uri: string, querystring: EdgeRequest['querystring'] = {}): EdgeRequest {
  const input = event(uri, querystring);
  const output = handler(input);
  if (isEdgeResponse(output)) throw new Error(`expected a request for ${uri}, got a response`);
  return output;
}

describe('viewer-request edge function', () => {
  it.each([
    [`/track/${T}`, '/track.html'],
    [`/track/${T}/`, '/track.html'],
    [`/track/${T}.`, '/track.html'],
    ['/track', '/track.html'],
    ['/track/', '/track.html'],
    ['/book', '/book.html'],
    ['/book/', '/book.html'],
    [`/book/${T}`, '/book.html'],
  ])('serves %s from %s', (uri, expected) => {
    expect(run(uri).uri).toBe(expected);
  });

  it('keeps the query string, so ?t= links still work', () => {
    const querystring = { t: { value: T }, utm_source: { value: 'sms' } };
    const out = run(`/track/${T}`, querystring);
    expect(out.uri).toBe('/track.html');
    expect(out.querystring).toEqual(querystring);
  });

  it('keeps method, headers and cookies', () => {
    const input = event(`/track/${T}`);
    const out = run(`/track/${T}`);
    expect(out.method).toBe('GET');
    expect(out.headers).toEqual(input.request.headers);
    expect(out.cookies).toEqual({});
  });

  it.each([
    `/api/track/${T}.json`,
    '/assets/icon-1a2b3c4d.svg',
    '/track.html',
    '/book.html',
    '/trackers',
    '/bookkeeping',
    '/',
    '/index.html',
  ])('leaves %s untouched', (uri) => {
    const querystring = { v: { value: '1' } };
    const out = run(uri, querystring);
    expect(out.uri).toBe(uri);
    expect(out.querystring).toEqual(querystring);
  });

  it('fits the CloudFront Functions limits', () => {
    expect(Buffer.byteLength(source)).toBeLessThan(10 * 1024);
    // Strip comments first: prose may mention these words.
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*import\b|\bimport\s*\(/m);
    expect(code).not.toMatch(/^\s*export\b/m);
    expect(source).toMatch(/function handler\(event\)/);
  });
});
