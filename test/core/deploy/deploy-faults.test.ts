import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import type { DeployService } from '../../../src/core/deploy/deploy-service';
import { Releases } from '../../../src/core/deploy/releases';
import { listSiteFiles } from '../../../src/core/deploy/site-files';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { Fault, FaultPlan } from '../../support/fault-plan';
import { referencedAssets, writeSite } from './site-fixture';

/**
 * Every deploy operation that writes more than once, failed or stopped at each of its calls
 * in turn (test/support/fault-plan.ts), then run again. A stopped operation stands for a
 * killed process: its journal names a process that is gone, so the next command takes over.
 */

/** A pid no process has: the owner a killed run leaves in the journal. */
const GONE = { host: (await import('node:os')).hostname(), pid: 2 ** 22 + 7 };

let root: string;
let site: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-deploy-faults-'));
  site = path.join(root, 'site');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const deployOver = (w: Workspace, owner?: typeof GONE): DeployService =>
  workspaceDeploy(w, {
    surface: 'cli',
    siteDir: site,
    invalidationTimeoutMs: 5_000,
    ...(owner ? { owner } : {}),
  });

async function bodies(store: ObjectStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of (await listSiteFiles(store)).keys()) {
    out[key] = (await store.get(key))!.body.toString('utf8');
  }
  return out;
}

/** What a phone gets through the edge for each route, and for every asset a page names. */
async function throughEdge(url: string): Promise<Record<string, { status: number; body: string }>> {
  const routes = [
    '/track/qdn-fault-probe-token-000000000000',
    '/track.html',
    '/book/',
    '/book.html',
  ];
  const seen: Record<string, { status: number; body: string }> = {};
  const get = async (route: string) => {
    const res = await fetch(`${url}${route}`);
    seen[route] = { status: res.status, body: await res.text() };
  };
  for (const route of routes) await get(route);
  for (const route of routes) {
    for (const asset of referencedAssets(seen[route]!.body)) await get(`/${asset}`);
  }
  return seen;
}

/**
 * No release is lost: each one listed has its manifest under releases/, not only the journal's
 * copy (a promote's record goes beside the journal's closing write, src/core/deploy/prod-change.ts).
 */
async function expectReleasesRecorded(d: DeployService, data: ObjectStore) {
  const listed = (await d.listReleases()).map((r) => r.id);
  const { releases, unreadable } = await new Releases(data).readAll();
  expect(unreadable).toEqual([]);
  expect(releases.map((r) => r.id)).toEqual(listed);
}

/** The edge never serves a page that names an asset it cannot serve. */
function expectEdgeConsistent(seen: Record<string, { status: number; body: string }>) {
  for (const [route, { status }] of Object.entries(seen)) {
    expect(status, `${route} through the edge`).toBe(200);
  }
}

/** After the re-run, every route serves prod's bytes. */
async function expectEdgeServesProd(url: string, prod: ObjectStore) {
  const seen = await throughEdge(url);
  expectEdgeConsistent(seen);
  const files = await bodies(prod);
  expect(seen['/track/qdn-fault-probe-token-000000000000']!.body).toBe(files['track.html']);
  expect(seen['/track.html']!.body).toBe(files['track.html']);
  expect(seen['/book/']!.body).toBe(files['book.html']);
  expect(seen['/book.html']!.body).toBe(files['book.html']);
}

/** Every page prod holds names only assets prod holds. */
async function expectProdConsistent(prod: ObjectStore) {
  const files = await bodies(prod);
  for (const [key, body] of Object.entries(files)) {
    if (!key.endsWith('.html')) continue;
    for (const asset of referencedAssets(body)) {
      expect(files, `${key} needs ${asset}`).toHaveProperty([asset]);
    }
  }
}

/**
 * A workspace prepared once and copied for every run: the edge function published, v1 staged
 * and promoted, then `next` applied (stage v2, or promote it too).
 */
async function template(name: string, next: (d: DeployService) => Promise<void>) {
  const dir = path.join(root, `template-${name}`);
  const ws = await openWorkspace(dir);
  const d = deployOver(ws);
  await rm(site, { recursive: true, force: true });
  await writeSite(site, 'v1');
  await d.publishEdgeFunction({ associate: true });
  await d.stageSite();
  await d.promote({ invalidate: false, prune: false });
  await writeSite(site, 'v2');
  await rm(path.join(site, 'assets', 'app-v1.js'));
  await next(d);
  return dir;
}

let runs = 0;
/** A fresh copy of the template, served by a live edge whose cache holds what prod serves. */
async function world(templateDir: string) {
  const dir = path.join(root, `run-${++runs}`);
  await cp(templateDir, dir, { recursive: true });
  const opened = await openWorkspace(dir);
  // The edge applies invalidations at once: a run waits on the work, not on a simulated delay.
  const cdn = new LocalEdgeCdn(dir, { invalidationDelayMs: 0 });
  const ws: Workspace = { ...opened, cdns: () => Promise.resolve([cdn]) };
  const edge = await startSandboxEdge(opened, { port: 0 });
  await throughEdge(edge.url); // phones have opened their links: the edge caches today's pages
  return { ws, edge, dir };
}

/** The workspace with every port the operation uses wrapped by the fault plan. */
function faulty(ws: Workspace, dir: string, plan: FaultPlan): DeployService {
  const cdn = plan.wrap(new LocalEdgeCdn(dir, { invalidationDelayMs: 0 }), 'cdn');
  return deployOver(
    {
      ...ws,
      data: plan.wrap(ws.data, 'data'),
      sites: {
        staging: plan.wrap(ws.sites.staging, 'staging'),
        prod: plan.wrap(ws.sites.prod, 'prod'),
      },
      cdns: () => Promise.resolve([cdn]),
    },
    GONE,
  );
}

async function expectStatusTruthful(d: DeployService, edgeUrl: string, prod: ObjectStore) {
  const status = await d.getDeployStatus();
  if (status.prodCurrent) await expectEdgeServesProd(edgeUrl, prod);
  return status;
}

function expectFaultReported(outcome: string, fault: Fault | null, plan: FaultPlan) {
  if (fault?.mode === 'fail' && plan.fired) {
    // A failed call either fails the operation, or is one it survives and says so.
    expect(outcome === 'ok' || /injected fault/.test(outcome), outcome).toBe(true);
  }
  if (fault?.mode === 'stop' && plan.fired) expect(outcome).toBe('stopped');
}

describe('deploy operations under deterministic faults', () => {
  for (const prune of [false, true]) {
    it(`promote${prune ? ' --prune' : ''}: stopped or failed at any call, a re-run finishes it and the edge is fresh`, async () => {
      const dir = await template(`promote-${prune}`, (d) => d.stageSite().then(() => undefined));
      const report = await forEachFault(async (plan, fault) => {
        const { ws, edge, dir: runDir } = await world(dir);
        try {
          const outcome = await settleOrAbandon(
            faulty(ws, runDir, plan).promote({ invalidate: true, prune }),
            plan,
          );
          expectFaultReported(outcome, fault, plan);
          await expectProdConsistent(ws.sites.prod);
          expectEdgeConsistent(await throughEdge(edge.url));
          const d = deployOver(ws);
          await expectStatusTruthful(d, edge.url, ws.sites.prod);

          const rerun = await d.promote({ invalidate: true, prune });
          expect(rerun.ok, rerun.warnings.join(' ')).toBe(true);
          const staged = await bodies(ws.sites.staging);
          const live = await bodies(ws.sites.prod);
          if (prune) expect(live).toEqual(staged);
          else expect(live).toEqual({ ...staged, 'assets/app-v1.js': live['assets/app-v1.js'] });
          await expectEdgeServesProd(edge.url, ws.sites.prod);
          const status = await d.getDeployStatus();
          expect(status).toMatchObject({ prodCurrent: true, owed: [], unfinished: null });
          expect(status.pruneLater).toEqual([]);
          const releases = await d.listReleases();
          expect(releases[0]).toMatchObject({ buildId: 'v2', current: true });
          expect(releases.map((r) => r.buildId).filter((b) => b === 'v1')).toHaveLength(1);
          await expectReleasesRecorded(d, ws.data);
        } finally {
          await edge.stop();
          await rm(runDir, { recursive: true, force: true, maxRetries: 20 });
        }
      });
      console.log(coverageLine(`promote${prune ? ' --prune' : ''}`, report));
      expect(report.calls).toBeGreaterThan(8);
    }, 300_000);
  }

  it('rollback: stopped or failed at any call, a re-run finishes it and the edge is fresh', async () => {
    const dir = await template('rollback', async (d) => {
      await d.stageSite();
      await d.promote({ invalidate: false, prune: false });
    });
    const report = await forEachFault(async (plan, fault) => {
      const { ws, edge, dir: runDir } = await world(dir);
      try {
        const d = deployOver(ws);
        const v1 = (await d.listReleases()).find((r) => r.buildId === 'v1')!;
        const outcome = await settleOrAbandon(faulty(ws, runDir, plan).rollback(v1.id), plan);
        expectFaultReported(outcome, fault, plan);
        await expectProdConsistent(ws.sites.prod);
        expectEdgeConsistent(await throughEdge(edge.url));
        await expectStatusTruthful(d, edge.url, ws.sites.prod);

        const rerun = await d.rollback(v1.id);
        expect(rerun.ok, rerun.warnings.join(' ')).toBe(true);
        const live = await bodies(ws.sites.prod);
        expect(live['track.html']).toContain('track v1');
        expect(live['book.html']).toContain('book v1');
        expect(live).toHaveProperty(['assets/app-v1.js']);
        await expectEdgeServesProd(edge.url, ws.sites.prod);
        expect(await d.getDeployStatus()).toMatchObject({ owed: [], unfinished: null });
        const current = (await d.listReleases()).find((r) => r.current)!;
        expect(current).toMatchObject({ buildId: 'v1', rolledBackTo: v1.id });
        await expectReleasesRecorded(d, ws.data);
      } finally {
        await edge.stop();
        await rm(runDir, { recursive: true, force: true, maxRetries: 20 });
      }
    });
    console.log(coverageLine('rollback', report));
    expect(report.calls).toBeGreaterThan(6);
  }, 300_000);

  it('stage: stopped or failed at any call, promote refuses a half-uploaded staging; a re-run stages the whole build', async () => {
    const dir = await template('stage', () => Promise.resolve());
    const report = await forEachFault(async (plan, fault) => {
      const { ws, edge, dir: runDir } = await world(dir);
      try {
        const outcome = await settleOrAbandon(faulty(ws, runDir, plan).stageSite(), plan);
        expectFaultReported(outcome, fault, plan);
        const d = deployOver(ws);
        if (outcome !== 'ok') {
          const status = await d.getDeployStatus();
          // Staging is marked half-uploaded, or it holds one whole build (v1 untouched, or
          // all of v2 when only the history line failed).
          if (status.halfStaged) {
            await expect(d.promote({ invalidate: true, prune: false })).rejects.toThrow(
              /half-uploaded/,
            );
          } else {
            const staged = await bodies(ws.sites.staging);
            const build = staged['track.html']!.includes('track v2') ? 'v2' : 'v1';
            expect(Object.keys(staged).sort()).toEqual([
              'api/health.json',
              `assets/app-${build}.js`,
              'book.html',
              'track.html',
            ]);
            expect(staged['book.html']).toContain(`book ${build}`);
          }
        }
        const before = await bodies(ws.sites.prod);
        expect(before['track.html']).toContain('track v1'); // a stage never touches prod
        await d.stageSite();
        expect(Object.keys(await bodies(ws.sites.staging)).sort()).toEqual([
          'api/health.json',
          'assets/app-v2.js',
          'book.html',
          'track.html',
        ]);
        expect((await d.getDeployStatus()).halfStaged).toBeNull();
        expect((await d.promote({ invalidate: true, prune: true })).ok).toBe(true);
        await expectEdgeServesProd(edge.url, ws.sites.prod);
      } finally {
        await edge.stop();
        await rm(runDir, { recursive: true, force: true, maxRetries: 20 });
      }
    });
    console.log(coverageLine('stage', report));
  }, 300_000);
});
