import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaleEtagError } from '../../../src/core/cdn/cdn';
import type { InvalidationState } from '../../../src/core/cdn/cdn';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { describeCdnContract, VIEWER_REQUEST_CODE } from '../cdn/cdn-contract';

describeCdnContract('local edge (sandbox)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'qdn-cdn-contract-'));
  return {
    cdn: new LocalEdgeCdn(dir, { invalidationDelayMs: 50 }),
    functionName: 'qdn-viewer-request',
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const HTML = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, s-maxage=86400' };
const FN = 'qdn-viewer-request';
const marking = (marker: string) =>
  `function handler(event) { var r = event.request; r.uri = '/${marker}.html'; return r; }\n`;

async function until(check: () => Promise<InvalidationState>): Promise<InvalidationState> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const state = await check();
    if (state.status === 'Completed') return state;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the invalidation did not complete');
}

describe('LocalEdgeCdn driving a running sandbox edge', () => {
  let ws: Workspace;
  let edge: LocalEdge;
  let cdn: LocalEdgeCdn;
  /** Another process's view of the same workspace: all state is in the files. */
  let other: LocalEdgeCdn;
  const text = async (p: string) => (await fetch(edge.url + p)).text();

  beforeEach(async () => {
    ws = await openWorkspace(await mkdtemp(path.join(tmpdir(), 'qdn-cdn-ws-')));
    await ws.sites.prod.put('track.html', '<p>track v1</p>', HTML);
    await ws.sites.prod.put('a.html', '<p>a</p>', HTML);
    await ws.sites.prod.put('b.html', '<p>b</p>', HTML);
    edge = await startSandboxEdge(ws, { port: 0 });
    cdn = new LocalEdgeCdn(ws.dir, { invalidationDelayMs: 300 });
    other = new LocalEdgeCdn(ws.dir, { invalidationDelayMs: 300 });
  });
  afterEach(async () => {
    await edge.stop();
    await rm(ws.dir, { recursive: true, force: true });
  });

  it('starts without publishing anything: prod and staging stay as they were', async () => {
    expect((await ws.sites.staging.list('')).length).toBe(0);
    expect(await ws.sites.prod.head('book.html')).toBeNull();
    // No function associated yet: the pretty route is not rewritten.
    expect((await fetch(`${edge.url}/track/abc`)).status).toBe(403);
  });

  it('publish and associate change what the running edge serves', async () => {
    const created = await cdn.createFunction(FN, VIEWER_REQUEST_CODE, 'routes');
    const live = await cdn.publishFunction(FN, created.etag);
    expect((await fetch(`${edge.url}/track/abc`)).status).toBe(403); // published, not associated
    await cdn.associateViewerRequest(live.arn);
    expect(await text('/track/abc')).toBe('<p>track v1</p>');
    expect((await other.describeFunction(FN, 'LIVE'))?.status).toBe('DEPLOYED');

    // "Another process" updates and publishes: the edge runs the new LIVE code.
    const dev = (await other.describeFunction(FN))!;
    const updated = await other.updateFunction(FN, marking('a'), dev.etag);
    expect(await text('/track/xyz')).toBe('<p>track v1</p>'); // DEVELOPMENT only: not live
    await other.publishFunction(FN, updated.etag);
    expect(await text('/anything')).toBe('<p>a</p>');
  });

  it('refuses a stale etag from an instance that read before another changed it', async () => {
    const created = await cdn.createFunction(FN, VIEWER_REQUEST_CODE, 'routes');
    await other.updateFunction(FN, marking('a'), created.etag);
    await expect(cdn.updateFunction(FN, marking('b'), created.etag)).rejects.toBeInstanceOf(
      StaleEtagError,
    );
    await expect(cdn.publishFunction(FN, created.etag)).rejects.toBeInstanceOf(StaleEtagError);
    expect((await cdn.getFunctionCode(FN, 'DEVELOPMENT'))!.code).toBe(marking('a'));
  });

  it('refuses code over 10 KB', async () => {
    const big = `${marking('a')}//${'x'.repeat(10_240)}`;
    await expect(cdn.createFunction(FN, big, 'too big')).rejects.toThrow(/10,240 bytes/);
  });

  it('serves the cached page until the rewritten path is invalidated; InProgress, then Completed', async () => {
    const created = await cdn.createFunction(FN, VIEWER_REQUEST_CODE, 'routes');
    await cdn.associateViewerRequest((await cdn.publishFunction(FN, created.etag)).arn);
    expect(await text('/track/abc')).toBe('<p>track v1</p>');
    await ws.sites.prod.put('track.html', '<p>track v2</p>', HTML);
    expect(await text('/track/abc')).toBe('<p>track v1</p>'); // the cache, as CloudFront's

    // The seed's mistake: the viewer path alone leaves the cached /track.html in place.
    const viewerOnly = await cdn.invalidate(['/track/*'], randomUUID());
    await until(() => other.invalidationStatus(viewerOnly.id));
    expect(await text('/track/abc')).toBe('<p>track v1</p>');

    const both = await cdn.invalidate(['/track/*', '/track.html'], randomUUID());
    expect(both.status).toBe('InProgress');
    // Any process sees it, by id; the edge already applied it, the delay has not passed.
    expect((await other.invalidationStatus(both.id)).status).toBe('InProgress');
    expect(await text('/track/abc')).toBe('<p>track v2</p>');
    const done = await until(() => other.invalidationStatus(both.id));
    expect(done).toEqual({ ...both, status: 'Completed' });
  });

  it('with no edge running, an invalidation completes after the delay', async () => {
    await edge.stop();
    const started = Date.now();
    const state = await cdn.invalidate(['/a.html'], randomUUID());
    expect(state.status).toBe('InProgress');
    await until(() => cdn.invalidationStatus(state.id));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    edge = await startSandboxEdge(ws, { port: 0 }); // afterEach stops it
  });

  it('keeps its files in the workspace: functions, distribution, invalidations', async () => {
    const created = await cdn.createFunction(FN, VIEWER_REQUEST_CODE, 'routes');
    await cdn.associateViewerRequest((await cdn.publishFunction(FN, created.etag)).arn);
    await cdn.invalidate(['/a.html'], 'ref-1');
    const edgeDir = path.join(ws.dir, 'edge');
    expect((await readdir(edgeDir)).sort()).toEqual(
      expect.arrayContaining(['distribution.json', 'functions', 'invalidations']),
    );
    expect(await readdir(path.join(edgeDir, 'functions'))).toEqual([`${FN}.json`]);
    // A restarted edge reads them again at start.
    await edge.stop();
    edge = await startSandboxEdge(ws, { port: 0 });
    expect(await text('/track/abc')).toBe('<p>track v1</p>');
  });
});
