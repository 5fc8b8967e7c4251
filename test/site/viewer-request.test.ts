import { readFileSync } from 'node:fs';
import { viewerRequestEvent } from '../../src/core/cdn/viewer-request-event';
import { describe, expect, it } from 'vitest';
import { VIEWER_REQUEST_CASES } from '../../src/shared/edge/viewer-request-cases';
import {
  isEdgeResponse,
  loadViewerRequestFunction,
  MAX_FUNCTION_BYTES,
  testViewerRequest,
} from '../../src/core/sandbox/edge-function';
import type { EdgeRequest } from '../../src/core/sandbox/edge-function';
import { runsStraightThrough } from '../../src/core/sandbox/edge-function-bounds';

const SOURCE_URL = new URL('../../site/edge/viewer-request.js', import.meta.url);
const source = readFileSync(SOURCE_URL, 'utf8');
const handler = loadViewerRequestFunction(source);
const T = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';

/** The event the deploy pipeline sends to TestFunction: the unit test runs the very same shape. */
const event = (uri: string, querystring: EdgeRequest['querystring'] = {}) =>
  viewerRequestEvent(uri, querystring, 'quickdumpnow.com');

async function run(uri: string, querystring: EdgeRequest['querystring'] = {}) {
  const output = await handler(event(uri, querystring));
  if (isEdgeResponse(output)) throw new Error(`expected a request for ${uri}, got a response`);
  return output;
}

describe('viewer-request edge function', () => {
  it.each(VIEWER_REQUEST_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const output = await handler(event(c.uri, c.querystring ?? {}));
    if ('statusCode' in c.expect) {
      expect(isEdgeResponse(output) && output.statusCode).toBe(c.expect.statusCode);
      return;
    }
    expect(isEdgeResponse(output) ? output : output.uri).toBe(c.expect.uri);
    // The query string always goes on untouched: ?t= links keep working.
    if (!isEdgeResponse(output)) expect(output.querystring).toEqual(c.querystring ?? {});
  });

  it('the shared cases give the same answers through TestFunction', async () => {
    for (const c of VIEWER_REQUEST_CASES) {
      const result = await testViewerRequest(source, event(c.uri, c.querystring ?? {}));
      expect(result.error).toBeNull();
      expect(result.output).toMatchObject(
        'uri' in c.expect ? { request: { uri: c.expect.uri } } : { response: c.expect },
      );
    }
  });

  it('keeps method, headers and cookies', async () => {
    const input = event(`/track/${T}`);
    const out = await run(`/track/${T}`);
    expect(out.method).toBe('GET');
    expect(out.headers).toEqual(input.request.headers);
    expect(out.cookies).toEqual({});
  });

  it('fits the CloudFront Functions limits', () => {
    expect(Buffer.byteLength(source)).toBeLessThanOrEqual(MAX_FUNCTION_BYTES);
    // Strip comments first: prose may mention these words.
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*import\b|\bimport\s*\(/m);
    expect(code).not.toMatch(/^\s*export\b/m);
    expect(source).toMatch(/function handler\(event\)/);
  });

  it('is straight-line code, so the edge runs it without a per-call watchdog', () => {
    // If this fails the function still works, at ~100 µs a rewrite instead of a few µs.
    expect(runsStraightThrough(source)).toBe(true);
  });
});
