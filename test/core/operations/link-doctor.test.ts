import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import type { DeployService } from '../../../src/core/deploy/deploy-service';
import {
  workspaceDeploy,
  workspaceDeployContext,
} from '../../../src/core/workspace/workspace-deploy';
import { linkDoctor } from '../../../src/core/operations/link-doctor';
import type { LinkDoctor } from '../../../src/core/operations/link-doctor';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { MARK_SEED_RECORD } from '../../fixtures/mark';
import { writeSite } from '../deploy/site-fixture';

let root: string;
let ws: Workspace;
let site: string;
let deploy: DeployService;
let doctor: LinkDoctor;
let edge: LocalEdge;

// Mark's record, exactly as the seed wrote it, in a sandbox served by a real local edge.
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-doctor-'));
  const dir = path.join(root, 'ws');
  ws = await openWorkspace(dir);
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await writeFile(
    path.join(dir, 'data', 'jobs.json'),
    JSON.stringify({ schema: 1, jobs: [MARK_SEED_RECORD] }),
  );
  site = path.join(root, 'site');
  deploy = workspaceDeploy(ws, { surface: 'cli', siteDir: site });
  doctor = linkDoctor(workspaceDeployContext(ws, { surface: 'cli', siteDir: site }));
  await writeSite(site, 'v1');
  await deploy.publishEdgeFunction({ associate: true });
  await deploy.stageSite();
  await deploy.promote({ invalidate: false, prune: false });
  await ws.jobs.republishAll();
  edge = await startSandboxEdge(ws, { port: 0 });
});
afterEach(async () => {
  await edge.stop();
  await rm(root, { recursive: true, force: true });
});

const JOB = MARK_SEED_RECORD.job_id;

describe('link doctor (Mark’s incident)', () => {
  it('finds nothing wrong with a working link, layer by layer', async () => {
    const report = await doctor.diagnose(JOB);
    expect(report.fault).toBeNull();
    expect(report.layers.map((l) => l.layer)).toEqual([
      'token',
      'status_document',
      'edge_rewrite',
      'page',
      'token_reading',
    ]);
    expect(report.trackingUrl).toBe(`${edge.url}/track/${MARK_SEED_RECORD.tracking_token}`);
    // Issue 17 §9: each layer in a dispatcher's words, no engineering words in them.
    expect(report.layers.map((l) => l.summary)).toEqual([
      'Mark’s link is switched on.',
      'Mark’s page on the website is up to date.',
      'The website takes Mark’s link to the tracking page.',
      'The website’s tracking page is the latest one.',
      'The tracking page reads Mark’s link, even with a dot a phone adds at the end.',
    ]);
    for (const l of report.layers) {
      expect(l.summary).not.toMatch(/status document|prod\b|LIVE|function|<token>|glued|\.html/i);
    }
  });

  it('names a missing status document and republishes it', async () => {
    await ws.sites.prod.delete(statusDocumentKey(MARK_SEED_RECORD.tracking_token));
    const report = await doctor.diagnose(JOB);
    expect(report.fault).toBe('status_document');
    expect(report.layers[1]).toMatchObject({
      ok: false,
      fix: 'republish_document',
      summary: 'Mark’s page is missing from the website.',
      detail: expect.stringMatching(/^Prod has no status document/),
    });
    const fixed = await doctor.fix(JOB, 'republish_document');
    expect(fixed.fault).toBeNull();
    // The history says what the fix did in plain words, the code name after.
    expect((await deploy.listDeployHistory())[0]).toMatchObject({
      action: 'doctor',
      summary: `Link doctor: put the page back on the website for Mark’s link (job ${JOB}, republish_document)`,
    });
    expect(
      (await fetch(`${edge.url}/${statusDocumentKey(MARK_SEED_RECORD.tracking_token)}`)).status,
    ).toBe(200);
  });

  it('names a stale page at the edge (the seed’s deploy) and invalidates it', async () => {
    await fetch(`${edge.url}/track/${MARK_SEED_RECORD.tracking_token}`); // a phone caches v1
    await writeSite(site, 'v2');
    await deploy.stageSite();
    await deploy.promote({ invalidate: false, prune: false });
    const report = await doctor.diagnose(JOB);
    expect(report.fault).toBe('page');
    expect(report.layers[3]).toMatchObject({
      fix: 'invalidate',
      summary: 'The website shows an old copy of the tracking page to Mark.',
    });
    expect((await doctor.fix(JOB, 'invalidate')).fault).toBeNull();
  });

  it('names an edge that does not run the function, and publishes it', async () => {
    const cdn = new LocalEdgeCdn(ws.dir);
    const code = (await cdn.getFunctionCode(ws.functionName, 'DEVELOPMENT'))!;
    const edited = await cdn.updateFunction(
      ws.functionName,
      'function handler(event) { return event.request; }',
      code.etag,
    );
    await cdn.publishFunction(ws.functionName, edited.etag);
    const report = await doctor.diagnose(JOB);
    expect(report.fault).toBe('edge_rewrite');
    expect(report.layers[2]).toMatchObject({
      fix: 'publish_function',
      summary: 'The website does not take Mark’s link to the tracking page.',
    });
    expect((await doctor.fix(JOB, 'publish_function')).fault).toBeNull();
  });

  it('names a revoked token, and an unknown job is an error', async () => {
    await writeFile(
      path.join(ws.dir, 'data', 'jobs.json'),
      JSON.stringify({
        schema: 1,
        jobs: [{ ...MARK_SEED_RECORD, token_revoked_at: '2026-11-28T10:00:00Z' }],
      }),
    );
    expect((await doctor.diagnose(JOB)).fault).toBe('token');
    await expect(doctor.diagnose('0000000000000000')).rejects.toThrow(/no job 0000000000000000/);
  });

  it('names a link the site’s reader cannot read, and offers no fix: a promote would not change it', async () => {
    // Settings refuse a public URL with a path, but the port allows one: links under /shop/ are
    // links the reader (which wants /track/<token> at the root) cannot read.
    const ctx = workspaceDeployContext(ws, { surface: 'cli', siteDir: site });
    const underPath = linkDoctor({
      ...ctx,
      publicSite: () => Promise.resolve({ url: `${edge.url}/shop/`, running: false }),
    });
    const report = await underPath.diagnose(JOB);
    expect(report.trackingUrl).toBe(`${edge.url}/shop/track/${MARK_SEED_RECORD.tracking_token}`);
    expect(report.fault).toBe('token_reading');
    expect(report.layers[4]).toMatchObject({ layer: 'token_reading', ok: false, fix: null });
    expect(report.layers[4]!.detail).toContain(`${edge.url}/shop/track/<token>`);
    expect(report.layers[4]!.detail).toMatch(/A promote cannot fix it/);
    expect(report.layers[4]!.summary).toMatch(
      /^The tracking page cannot read Mark’s link.*developer/,
    );
  });
});
