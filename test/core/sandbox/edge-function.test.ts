import { describe, expect, it } from 'vitest';
import {
  EdgeFunctionError,
  GUARDED_TIMEOUT_MS,
  loadViewerRequestFunction,
  MAX_FUNCTION_BYTES,
  testViewerRequest,
} from '../../../src/core/sandbox/edge-function';
import type { ViewerRequestEvent } from '../../../src/core/sandbox/edge-function';
import { runsStraightThrough } from '../../../src/core/sandbox/edge-function-bounds';

const event = (uri = '/track/abc'): ViewerRequestEvent => ({
  version: '1.0',
  context: {
    eventType: 'viewer-request',
    distributionDomainName: 'd111.cloudfront.net',
    distributionId: 'E1',
    requestId: 'r1',
  },
  viewer: { ip: '198.51.100.11' },
  request: {
    method: 'GET',
    uri,
    querystring: { t: { value: 'x' } },
    headers: { host: { value: 'example.com' } },
    cookies: { session: { value: 's1' } },
  },
});

// AWS's own examples are async; this one is the "add a header" shape.
const ASYNC_CODE = `async function handler(event) {
  var request = event.request;
  request.headers['x-route'] = { value: 'async' };
  request.uri = '/track.html';
  return request;
}`;

/** The error a call fails with, whether it throws at once (sync) or rejects (async). */
const failure = async (call: () => unknown) => {
  try {
    await call();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
};

describe('edge function runtime (cloudfront-js-2.0)', () => {
  it('runs an async handler and returns its request', async () => {
    const out = await loadViewerRequestFunction(ASYNC_CODE)(event());
    expect(out).toMatchObject({ uri: '/track.html', headers: { 'x-route': { value: 'async' } } });
  });

  it('runs an async handler that awaits, under the watchdog', async () => {
    const code = `async function handler(event) {
      var uri = await Promise.resolve('/awaited.html');
      event.request.uri = uri;
      return event.request;
    }`;
    expect(runsStraightThrough(code)).toBe(false);
    expect(await loadViewerRequestFunction(code)(event())).toMatchObject({ uri: '/awaited.html' });
  });

  it('passes a generated response through, body and cookies included', async () => {
    const code = `function handler(event) {
      return { statusCode: 302, statusDescription: 'Found',
        headers: { location: { value: 'https://example.com/' } },
        cookies: { seen: { value: '1', attributes: 'Path=/' } },
        body: { encoding: 'text', data: 'moved' } };
    }`;
    expect(await loadViewerRequestFunction(code)(event())).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: 'https://example.com/' } },
      cookies: { seen: { value: '1', attributes: 'Path=/' } },
      body: { encoding: 'text', data: 'moved' },
    });
  });

  it.each([
    [
      'a uri without a leading /',
      `function handler(e) { e.request.uri = 'track.html'; return e.request; }`,
    ],
    [
      'an async one likewise',
      `async function handler(e) { e.request.uri = ''; return e.request; }`,
    ],
    ['nothing', 'function handler(e) {}'],
    ['a response without a number status', `function handler(e) { return { statusCode: '200' }; }`],
  ])('refuses a result with %s', async (_label, code) => {
    const err = await failure(() => loadViewerRequestFunction(code)(event()));
    expect(err).toBeInstanceOf(EdgeFunctionError);
  });

  it('refuses code over 10 KB with a clear error, and takes exactly 10,240 bytes', () => {
    const body = 'function handler(e) { return e.request; }\n';
    const exact = body + '/'.repeat(MAX_FUNCTION_BYTES - body.length - 1) + '\n';
    expect(Buffer.byteLength(exact)).toBe(10_240);
    expect(() => loadViewerRequestFunction(exact)).not.toThrow();
    expect(() => loadViewerRequestFunction(exact + ' ')).toThrow(/10,241 bytes.*10,240 bytes/);
  });

  it('has no Node globals and no code generation, also through an event object', async () => {
    const code = `function handler(e) {
      var found = [typeof require, typeof process, typeof setTimeout, typeof Buffer];
      try { e.constructor.constructor('return process')(); found.push('escaped'); }
      catch (err) { found.push(err.name); }
      e.request.headers.found = { value: found.join(',') };
      return e.request;
    }`;
    const out = await loadViewerRequestFunction(code)(event());
    expect('headers' in out && out.headers?.found?.value).toBe(
      'undefined,undefined,undefined,undefined,EvalError',
    );
  });

  it.each([
    ['a loop that never ends', 'function handler(e) { for (;;) {} }'],
    ['an async loop after an await', 'async function handler(e) { await 0; while (true) {} }'],
    [
      'a promise that never settles',
      'async function handler(e) { await new Promise(function () {}); }',
    ],
    [
      'runaway recursion through a helper',
      'function f(n) { return f(n + 1) + f(n + 2); }\nfunction handler(e) { return f(0); }',
    ],
  ])('cuts off %s with an EdgeFunctionError, and runs again after', async (_label, code) => {
    const handler = loadViewerRequestFunction(code);
    const started = Date.now();
    expect(await failure(() => handler(event()))).toBeInstanceOf(EdgeFunctionError);
    expect(Date.now() - started).toBeLessThan(GUARDED_TIMEOUT_MS * 4);
    expect(await failure(() => handler(event()))).toBeInstanceOf(EdgeFunctionError);
  });

  it('loads each function once: state at top level persists between calls', async () => {
    const code = `var calls = 0;
      function handler(e) { calls = calls + 1; e.request.uri = '/' + calls; return e.request; }`;
    const handler = loadViewerRequestFunction(code);
    await handler(event());
    expect(await handler(event())).toMatchObject({ uri: '/2' });
  });
});

describe('testViewerRequest (TestFunction)', () => {
  it('returns {request}, no error, a utilization and the console.log lines', async () => {
    const code = `function handler(e) { console.log('uri', e.request.uri); return e.request; }`;
    const result = await testViewerRequest(code, event('/x'));
    expect(result).toMatchObject({ output: { request: { uri: '/x' } }, error: null });
    expect(result.logs).toEqual(['uri /x']);
    expect(result.computeUtilization).toBeGreaterThanOrEqual(0);
    expect(result.computeUtilization).toBeLessThanOrEqual(100);
  });

  it('returns {response} for a generated response, and takes the event as JSON too', async () => {
    const code = `function handler(e) { return { statusCode: 404, statusDescription: 'Not Found' }; }`;
    const result = await testViewerRequest(code, JSON.stringify(event()));
    expect(result.output).toEqual({
      response: { statusCode: 404, statusDescription: 'Not Found' },
    });
  });

  it.each([
    ['a throwing function', 'function handler(e) { throw new Error("boom"); }', /boom/],
    ['a syntax error', 'function handler(e) { return', /does not load/],
    ['no handler', 'function other(e) { return e.request; }', /handler/],
    ['a bad uri', 'function handler(e) { e.request.uri = "x"; return e.request; }', /start with/],
  ])('reports %s as an error, with no output', async (_label, code, message) => {
    const result = await testViewerRequest(code, event());
    expect(result.output).toBeNull();
    expect(result.error).toMatch(message);
  });
});

describe('straight-line code check (who skips the watchdog)', () => {
  it.each([
    'function handler(event) { var r = event.request; if (r.uri === "/a") { r.uri = "/b"; } return r; }',
    'async function handler(event) { return event.request; } // for while do are fine in comments',
    'function handler(e) { try { return e.request; } catch (err) { return { statusCode: 500 }; } }',
    "function handler(e) { var s = 'while(true) / regex'; return e.request; }",
  ])('straight through: %s', (code) => {
    expect(runsStraightThrough(code)).toBe(true);
  });

  it.each([
    'function handler(e) { while (true) {} }',
    'function handler(e) { return e.request.uri.match(/^(a+)+$/) ? e.request : e.request; }',
    'function h2() {} function handler(e) { return e.request; }',
    'function handler(e) { return handler(e); }',
    'function handler(e) { var o = { get x() { return 1; } }; return e.request; }',
    'function handler(e) { var f = () => 1; return e.request; }',
    'function handler(e) { return globalThis["hand" + "ler"](e); }',
    'function handler(e) { return \\u0068andler(e); }',
    'function handler(e) { return `${e.request.uri}`; }',
    "function handler(e) { return 'unterminated; }",
  ])('guarded: %s', (code) => {
    expect(runsStraightThrough(code)).toBe(false);
  });
});
