import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaleEtagError } from '../../../src/core/cdn/cdn';
import type { Cdn, InvalidationState } from '../../../src/core/cdn/cdn';

/** The function the site really ships, read from disk so the contract follows its changes. */
export const VIEWER_REQUEST_CODE = readFileSync(
  new URL('../../../site/edge/viewer-request.js', import.meta.url),
  'utf8',
);

/** A function that always throws, as the runtime would report an error. */
const THROWING_CODE = "function handler(event) { throw new Error('boom at the edge'); }\n";
/** A different, valid function: a marker in the URI shows which code ran. */
const codeMarking = (marker: string) =>
  `function handler(event) { var r = event.request; r.uri = '/${marker}' + r.uri; return r; }\n`;

const TOKEN = 'abcDEF123_-xyz7890QRSTuvw';

/**
 * The cloudfront-js-2.0 viewer-request event, written out here rather than taken from the
 * sandbox's runtime: the contract states CloudFront's shape, not an adapter's.
 */
export interface ViewerRequestEvent {
  version: '1.0';
  context: {
    eventType: 'viewer-request';
    distributionDomainName: string;
    distributionId: string;
    requestId: string;
  };
  viewer: { ip: string };
  request: EdgeRequest;
}
interface EdgeRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string; multiValue?: { value: string }[] }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}

/**
 * A viewer-request event in the exact shape CloudFront passes to a cloudfront-js-2.0 function.
 * `querystring` is name → value; the runtime's `{ value }` objects are built here.
 */
export function viewerRequestEvent(
  uri: string,
  querystring: Record<string, string> = {},
): ViewerRequestEvent {
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
      querystring: Object.fromEntries(
        Object.entries(querystring).map(([k, value]) => [k, { value }]),
      ),
      headers: {
        host: { value: 'quickdumpnow.com' },
        accept: { value: 'text/html' },
      },
      cookies: {},
    },
  };
}

export interface ContractCdn {
  cdn: Cdn;
  /** A function name no other test uses (the suite creates it). */
  functionName: string;
  cleanup: () => Promise<void>;
}

/** The request the function returned, from TestFunction's parsed `{ request: … }` output. */
function outputRequest(output: unknown): EdgeRequest {
  expect(output).toMatchObject({ request: expect.any(Object) });
  return (output as { request: EdgeRequest }).request;
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );

/**
 * The behaviour every Cdn adapter must share (CloudFront, and the sandbox's local edge), so a
 * deploy that works in the sandbox makes the same calls in the same order on AWS.
 */
export function describeCdnContract(name: string, make: () => Promise<ContractCdn>): void {
  describe(`Cdn contract: ${name}`, () => {
    let cdn: Cdn;
    let fn: string;
    let cleanup: () => Promise<void>;
    // Caller references must be unique across runs against a long-lived distribution.
    const ref = () => `contract-${randomUUID()}`;

    beforeEach(async () => {
      ({ cdn, functionName: fn, cleanup } = await make());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('invalidations', () => {
      it('invalidate returns an id, a status, the paths and an ISO createdAt', async () => {
        const paths = ['/track/*', '/track.html'];
        const state = await cdn.invalidate(paths, ref());
        expect(state.id).toEqual(expect.any(String));
        expect(state.id).not.toBe('');
        expect(['InProgress', 'Completed']).toContain(state.status);
        expect(state.paths).toEqual(paths);
        expect(Number.isFinite(Date.parse(state.createdAt))).toBe(true);
      });

      it('the same callerReference and paths return the same invalidation', async () => {
        const reference = ref();
        const first = await cdn.invalidate(['/book.html'], reference);
        const again = await cdn.invalidate(['/book.html'], reference);
        expect(again.id).toBe(first.id);
        expect(again.paths).toEqual(['/book.html']);
        const other = await cdn.invalidate(['/book.html'], ref());
        expect(other.id).not.toBe(first.id);
      });

      it('the same callerReference with other paths is refused', async () => {
        const reference = ref();
        await cdn.invalidate(['/a.html'], reference);
        await expect(cdn.invalidate(['/b.html'], reference)).rejects.toThrow(/caller ?reference/i);
      });

      it('invalidationStatus eventually reports Completed (polled within ~10 s)', async () => {
        const started = await cdn.invalidate(['/track/*'], ref());
        let state: InvalidationState = started;
        const deadline = Date.now() + 10_000;
        for (let polls = 0; state.status !== 'Completed'; polls++) {
          if (Date.now() > deadline) throw new Error(`still ${state.status} after ${polls} polls`);
          await new Promise((r) => setTimeout(r, 100));
          state = await cdn.invalidationStatus(started.id);
          expect(state.id).toBe(started.id);
          expect(state.paths).toEqual(['/track/*']);
        }
        // Once Completed, it stays so; and status reads give the time it was accepted.
        const later = await cdn.invalidationStatus(started.id);
        expect(later.status).toBe('Completed');
        expect(later.createdAt).toBe(started.createdAt);
      });

      it('invalidationStatus of an unknown id rejects', async () => {
        await expect(cdn.invalidationStatus('I0NOSUCHINVALIDATION')).rejects.toThrow();
      });

      it('refuses batches CloudFront refuses, and accepts the limits themselves', async () => {
        const many = (n: number, wildcard: boolean) =>
          Array.from({ length: n }, (_, i) => `/p/${i}${wildcard ? '/*' : '.html'}`);
        await expect(cdn.invalidate([], ref())).rejects.toThrow();
        await expect(cdn.invalidate(['track.html'], ref())).rejects.toThrow(/\//);
        await expect(cdn.invalidate(['/a/*.html'], ref())).rejects.toThrow(/\*/);
        await expect(cdn.invalidate(many(3001, false), ref())).rejects.toThrow(/3,?000/);
        await expect(cdn.invalidate(many(16, true), ref())).rejects.toThrow(/15/);
        expect((await cdn.invalidate(many(15, true), ref())).paths).toHaveLength(15);
        expect((await cdn.invalidate(many(3000, false), ref())).paths).toHaveLength(3000);
      });
    });

    describe('functions', () => {
      it('a missing function: describe and getFunctionCode give null at both stages', async () => {
        expect(await cdn.describeFunction(fn)).toBeNull();
        expect(await cdn.describeFunction(fn, 'LIVE')).toBeNull();
        expect(await cdn.getFunctionCode(fn, 'DEVELOPMENT')).toBeNull();
        expect(await cdn.getFunctionCode(fn, 'LIVE')).toBeNull();
      });

      it('create: DEVELOPMENT has the code and an etag; LIVE is null before publish', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        expect(created).toMatchObject({ name: fn, stage: 'DEVELOPMENT' });
        expect(created.arn).not.toBe('');
        const described = await cdn.describeFunction(fn, 'DEVELOPMENT');
        expect(described).toMatchObject({ name: fn, stage: 'DEVELOPMENT', arn: created.arn });
        expect(described!.etag).toBe(created.etag);
        expect(described!.etag).not.toBe('');
        const dev = await cdn.getFunctionCode(fn, 'DEVELOPMENT');
        expect(dev).toEqual({ code: VIEWER_REQUEST_CODE, etag: created.etag });
        expect(await cdn.getFunctionCode(fn, 'LIVE')).toBeNull();
        expect(await cdn.describeFunction(fn, 'LIVE')).toBeNull();
      });

      it('creating a name that exists is refused', async () => {
        await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'first');
        await expect(cdn.createFunction(fn, codeMarking('x'), 'second')).rejects.toThrow();
        expect((await cdn.getFunctionCode(fn, 'DEVELOPMENT'))!.code).toBe(VIEWER_REQUEST_CODE);
      });

      it('update with the current etag replaces the code and gives a new etag', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        const updated = await cdn.updateFunction(fn, codeMarking('v2'), created.etag);
        expect(updated).toMatchObject({ name: fn, stage: 'DEVELOPMENT', arn: created.arn });
        expect(updated.etag).not.toBe(created.etag);
        expect(await cdn.getFunctionCode(fn, 'DEVELOPMENT')).toEqual({
          code: codeMarking('v2'),
          etag: updated.etag,
        });
        expect((await cdn.describeFunction(fn))!.etag).toBe(updated.etag);
      });

      it('update with a stale etag throws StaleEtagError and changes nothing', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        const updated = await cdn.updateFunction(fn, codeMarking('v2'), created.etag);
        const err = await rejection(cdn.updateFunction(fn, codeMarking('v3'), created.etag));
        expect(err).toBeInstanceOf(StaleEtagError);
        expect(await cdn.getFunctionCode(fn, 'DEVELOPMENT')).toEqual({
          code: codeMarking('v2'),
          etag: updated.etag,
        });
      });

      it('testFunction runs site/edge/viewer-request.js as the edge would', async () => {
        const { etag } = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        const track = await cdn.testFunction(
          fn,
          etag,
          viewerRequestEvent(`/track/${TOKEN}`, { t: TOKEN }),
        );
        expect(track.error).toBeNull();
        const request = outputRequest(track.output);
        expect(request.uri).toBe('/track.html');
        expect(request.querystring).toEqual({ t: { value: TOKEN } });
        expect(Array.isArray(track.logs)).toBe(true);
        if (track.computeUtilization !== null) {
          expect(track.computeUtilization).toBeGreaterThanOrEqual(0);
          expect(track.computeUtilization).toBeLessThanOrEqual(100);
        }
        const book = await cdn.testFunction(fn, etag, viewerRequestEvent(`/book/${TOKEN}`));
        expect(outputRequest(book.output).uri).toBe('/book.html');
        const other = await cdn.testFunction(fn, etag, viewerRequestEvent('/favicon.ico'));
        expect(outputRequest(other.output).uri).toBe('/favicon.ico');
      });

      it('testFunction of a function that throws reports the error', async () => {
        const { etag } = await cdn.createFunction(fn, THROWING_CODE, 'always fails');
        const result = await cdn.testFunction(fn, etag, viewerRequestEvent('/track'));
        expect(result.error).toEqual(expect.any(String));
        expect(result.error).not.toBe('');
        expect(result.output).toBeNull();
      });

      it('testFunction with a stale etag throws StaleEtagError', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        await cdn.updateFunction(fn, codeMarking('v2'), created.etag);
        const err = await rejection(
          cdn.testFunction(fn, created.etag, viewerRequestEvent('/track')),
        );
        expect(err).toBeInstanceOf(StaleEtagError);
      });

      it('publish copies DEVELOPMENT to LIVE; later updates stay out of LIVE', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        const live = await cdn.publishFunction(fn, created.etag);
        expect(live).toMatchObject({ name: fn, stage: 'LIVE', arn: created.arn });
        expect(live.etag).not.toBe('');
        expect((await cdn.getFunctionCode(fn, 'LIVE'))!.code).toBe(
          (await cdn.getFunctionCode(fn, 'DEVELOPMENT'))!.code,
        );
        expect((await cdn.describeFunction(fn, 'LIVE'))!.etag).toBe(live.etag);
        // The LIVE etag is the one that tests LIVE.
        const run = await cdn.testFunction(fn, live.etag, viewerRequestEvent('/track'), 'LIVE');
        expect(outputRequest(run.output).uri).toBe('/track.html');

        // DEVELOPMENT's etag may change on publish: read it again before the next change.
        const dev = (await cdn.describeFunction(fn, 'DEVELOPMENT'))!;
        await cdn.updateFunction(fn, codeMarking('v2'), dev.etag);
        expect((await cdn.getFunctionCode(fn, 'LIVE'))!.code).toBe(VIEWER_REQUEST_CODE);
      });

      it('publish with a stale etag throws StaleEtagError and LIVE is unchanged', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        await cdn.updateFunction(fn, codeMarking('v2'), created.etag);
        const err = await rejection(cdn.publishFunction(fn, created.etag));
        expect(err).toBeInstanceOf(StaleEtagError);
        expect(await cdn.getFunctionCode(fn, 'LIVE')).toBeNull();
      });
    });

    describe('association', () => {
      it('associateViewerRequest makes the default behavior run the published function', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        const live = await cdn.publishFunction(fn, created.etag);
        const before = await cdn.viewerRequestFunctionArn();
        expect(before).not.toBe(live.arn);
        await cdn.associateViewerRequest(live.arn);
        expect(await cdn.viewerRequestFunctionArn()).toBe(live.arn);
        // Again with the same ARN: still associated, no error.
        await cdn.associateViewerRequest(live.arn);
        expect(await cdn.viewerRequestFunctionArn()).toBe(live.arn);
      });

      it('a function never published cannot be associated (CloudFront needs LIVE)', async () => {
        const created = await cdn.createFunction(fn, VIEWER_REQUEST_CODE, 'pretty routes');
        const before = await cdn.viewerRequestFunctionArn();
        await expect(cdn.associateViewerRequest(created.arn)).rejects.toThrow();
        expect(await cdn.viewerRequestFunctionArn()).toBe(before);
      });
    });
  });
}
