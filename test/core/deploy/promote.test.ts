import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import type { DeployService } from '../../../src/core/deploy/deploy-service';
import { listSiteFiles } from '../../../src/core/deploy/site-files';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { failingCall } from './faulty';
import { referencedAssets, writeSite } from './site-fixture';

let root: string;
let ws: Workspace;
let site: string;
let deploy: DeployService;

const deployOver = (w: Workspace) =>
  workspaceDeploy(w, { surface: 'cli', siteDir: site, invalidationTimeoutMs: 5_000 });

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-deploy-'));
  ws = await openWorkspace(path.join(root, 'ws'));
  site = path.join(root, 'site');
  deploy = deployOver(ws);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function bodies(store: ObjectStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of (await listSiteFiles(store)).keys()) {
    out[key] = (await store.get(key))!.body.toString('utf8');
  }
  return out;
}

/** Every page prod serves references only assets prod has. */
async function expectConsistent(prod: ObjectStore) {
  const files = await bodies(prod);
  for (const [key, body] of Object.entries(files)) {
    if (!key.endsWith('.html')) continue;
    for (const asset of referencedAssets(body))
      expect(files, `${key} needs ${asset}`).toHaveProperty([asset]);
  }
}

describe('stage', () => {
  it('uploads changed files only, and nothing for an unchanged build', async () => {
    await writeSite(site, 'v1');
    const first = await deploy.stageSite();
    expect(first.uploaded).toEqual([
      'api/health.json',
      'assets/app-v1.js',
      'book.html',
      'track.html',
    ]);
    expect(first.buildId).toBe('v1');
    const again = await deploy.stageSite();
    expect(again.uploaded).toEqual([]);
    expect(again.unchanged).toHaveLength(4);
    const html = await ws.sites.staging.head('track.html');
    expect(html?.contentType).toMatch(/^text\/html/);
    expect(html?.cacheControl).toBeTruthy();
  });

  it('makes staging hold exactly the build: files the build dropped leave staging', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    await rm(path.join(site, 'assets', 'app-v1.js'));
    await writeSite(site, 'v2');
    const result = await deploy.stageSite();
    expect(result.removed).toEqual(['assets/app-v1.js']);
    expect(await ws.sites.staging.head('assets/app-v1.js')).toBeNull();
  });

  it('refuses a folder that is not a built site, and changes nothing', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    const before = await bodies(ws.sites.staging);
    const empty = path.join(root, 'empty');
    await expect(deploy.stageSite(empty)).rejects.toThrow();
    expect(await bodies(ws.sites.staging)).toEqual(before);
  });
});

describe('plan and promote', () => {
  it('plans changed / added / removed / unchanged and the invalidation of rewritten routes', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    await deploy.promote({ invalidate: false, prune: false });
    await writeSite(site, 'v2');
    await rm(path.join(site, 'assets', 'app-v1.js'));
    await deploy.stageSite();
    const plan = await deploy.planPromote();
    expect(plan.changed).toEqual(['api/health.json', 'book.html', 'track.html']);
    expect(plan.added).toEqual(['assets/app-v2.js']);
    expect(plan.removed).toEqual(['assets/app-v1.js']);
    expect(plan.invalidationPaths).toEqual(
      expect.arrayContaining([
        '/track.html',
        '/track',
        '/track/*',
        '/book.html',
        '/book/*',
        '/api/health.json',
      ]),
    );
    expect(plan.invalidationPaths).not.toContain('/assets/app-v2.js');
  });

  it('copies assets before pages, verifies, records a release, and keeps removed files unless pruned', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    await deploy.promote({ invalidate: false, prune: false });
    await writeSite(site, 'v2');
    await rm(path.join(site, 'assets', 'app-v1.js'));
    await deploy.stageSite();

    const order: string[] = [];
    const prod = ws.sites.prod;
    const recording = new Proxy(prod, {
      get(obj, prop, receiver) {
        if (prop !== 'copyFrom') return Reflect.get(obj, prop, receiver) as unknown;
        return (source: ObjectStore, from: string, to: string, o?: object) => {
          order.push(to);
          return obj.copyFrom(source, from, to, o);
        };
      },
    });
    const report = await deployOver({ ...ws, sites: { ...ws.sites, prod: recording } }).promote({
      invalidate: false,
      prune: false,
    });
    const firstPage = order.findIndex((k) => k.endsWith('.html'));
    expect(order.slice(firstPage).every((k) => k.endsWith('.html'))).toBe(true);
    expect(order.slice(0, firstPage)).toContain('assets/app-v2.js');
    expect(report.ok).toBe(true);
    expect(report.releaseId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    expect(await prod.head('assets/app-v1.js')).not.toBeNull(); // kept without --prune
    const staged = await bodies(ws.sites.staging);
    const live = await bodies(prod);
    for (const key of Object.keys(staged)) expect(live[key]).toBe(staged[key]);

    const pruned = await deploy.promote({ invalidate: false, prune: true });
    expect(pruned.pruned).toEqual(['assets/app-v1.js']);
    // Not invalidated, so the edge may still serve v1's pages, which name v1's script: it
    // stays until an invalidation completes, and the status says both.
    expect(await prod.head('assets/app-v1.js')).not.toBeNull();
    const waiting = await deploy.getDeployStatus();
    expect(waiting.pruneLater).toEqual(['assets/app-v1.js']);
    expect(waiting.owed).toEqual(['api/health.json', 'book.html', 'track.html']);
    expect(waiting.prodCurrent).toBe(false);
    await deploy.invalidateProd([]);
    expect(await bodies(prod)).toEqual(staged);
    const fresh = await deploy.getDeployStatus();
    expect(fresh).toMatchObject({ owed: [], pruneLater: [], prodCurrent: true });
    const releases = await deploy.listReleases();
    expect(releases.map((r) => r.buildId)).toEqual(['v2', 'v2', 'v1']);
    expect(releases[0]!.current).toBe(true);
  });

  it('a promote confirmed against an older plan stops before copying anything', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    const plan = await deploy.planPromote();
    await writeSite(site, 'v2');
    await deploy.stageSite();
    await expect(
      deploy.promote({ planId: plan.id, invalidate: false, prune: false }),
    ).rejects.toThrow(/changed since the plan/);
    expect(await listSiteFiles(ws.sites.prod)).toEqual(new Map());
  });

  it('an unchanged promote records no new release', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    const first = await deploy.promote({ invalidate: false, prune: false });
    const second = await deploy.promote({ invalidate: false, prune: false });
    expect(second.releaseId).toBe(first.releaseId);
    expect(second.copied).toEqual([]);
    expect(await deploy.listReleases()).toHaveLength(1);
  });

  it('refuses to promote an empty staging', async () => {
    await expect(deploy.promote({ invalidate: false, prune: false })).rejects.toThrow(
      /stage a build first/,
    );
  });
});

describe('faults', () => {
  for (const [method, calls] of [
    ['copyFrom', 5],
    ['list', 3],
    ['delete', 1],
  ] as const) {
    it(`a failing prod ${method} at any call leaves prod consistent, and a re-run converges`, async () => {
      for (let n = 1; n <= calls; n++) {
        await rm(path.join(root, 'ws'), { recursive: true, force: true });
        await rm(site, { recursive: true, force: true });
        ws = await openWorkspace(path.join(root, 'ws'));
        deploy = deployOver(ws);
        await writeSite(site, 'v1');
        await deploy.stageSite();
        await deploy.promote({ invalidate: false, prune: false });
        await writeSite(site, 'v2');
        await rm(path.join(site, 'assets', 'app-v1.js'));
        await deploy.stageSite();

        const { proxy, state } = failingCall(ws.sites.prod, method, n);
        const faulty = deployOver({ ...ws, sites: { ...ws.sites, prod: proxy } });
        const outcome = await faulty.promote({ invalidate: false, prune: true }).then(
          () => 'ok',
          (err: Error) => err.message,
        );
        if (state.failed) expect(outcome).toMatch(/injected fault/);
        await expectConsistent(ws.sites.prod);

        // The re-run invalidates what is owed, so the pruned v1 script can go too.
        const rerun = await deploy.promote({ invalidate: true, prune: true });
        expect(rerun.ok).toBe(true);
        expect(await bodies(ws.sites.prod)).toEqual(await bodies(ws.sites.staging));
        expect((await deploy.listReleases())[0]!.buildId).toBe('v2');
      }
    });
  }

  it('a failing write of the release manifest leaves prod right, and a re-run records it', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    // Data puts of a first promote: the journal's intent (1), then the release manifest (2).
    const { proxy, state } = failingCall(ws.data, 'put', 2);
    await expect(
      deployOver({ ...ws, data: proxy }).promote({ invalidate: false, prune: false }),
    ).rejects.toThrow(/injected fault/);
    expect(state.failed).toBe(true);
    await expectConsistent(ws.sites.prod);
    const rerun = await deploy.promote({ invalidate: false, prune: false });
    expect(rerun.copied).toEqual([]);
    expect(await deploy.listReleases()).toHaveLength(1);
  });
});

describe('faults in stage, invalidation and rollback', () => {
  it('a failing staging upload at any call stops the stage; a re-run stages the whole build', async () => {
    await writeSite(site, 'v1');
    for (let n = 1; n <= 4; n++) {
      const { proxy } = failingCall(ws.sites.staging, 'put', n);
      await expect(
        deployOver({ ...ws, sites: { ...ws.sites, staging: proxy } }).stageSite(),
      ).rejects.toThrow(/injected fault/);
      await deploy.stageSite();
      expect(Object.keys(await bodies(ws.sites.staging)).sort()).toEqual([
        'api/health.json',
        'assets/app-v1.js',
        'book.html',
        'track.html',
      ]);
      await rm(path.join(root, 'ws', 'sites', 'staging'), { recursive: true, force: true });
    }
  });

  for (const method of ['invalidate', 'invalidationStatus'] as const) {
    it(`a failing CDN ${method} leaves prod on the new release, says so, and a re-run invalidates`, async () => {
      await writeSite(site, 'v1');
      await deploy.stageSite();
      await deploy.promote({ invalidate: true, prune: false });
      await writeSite(site, 'v2');
      await deploy.stageSite();
      const [cdn] = await ws.cdns();
      const { proxy, state } = failingCall(cdn!, method, 1);
      const faulty = deployOver({ ...ws, cdns: () => Promise.resolve([proxy]) });
      const outcome = await faulty.promote({ invalidate: true, prune: false }).then(
        (report) => report.warnings.join(' '),
        (err: Error) => err.message,
      );
      expect(state.failed).toBe(true);
      expect(outcome).toMatch(/injected fault/);
      await expectConsistent(ws.sites.prod);
      expect(await ws.sites.prod.get('track.html').then((o) => o!.body.toString())).toContain(
        'track v2',
      );

      const rerun = await deploy.promote({ invalidate: true, prune: false });
      expect(rerun.copied).toEqual([]);
      expect(rerun.invalidations).toHaveLength(1);
      expect(rerun.invalidations[0]).toMatchObject({ status: 'Completed' });
      expect(rerun.invalidations[0]!.paths).toEqual(
        expect.arrayContaining(['/track.html', '/track/*']),
      );
      // Once an invalidation completed for the release, another re-run has nothing to do.
      expect((await deploy.promote({ invalidate: true, prune: false })).invalidations).toEqual([]);
    });
  }

  it('a failing restore at any call leaves prod consistent; rolling back again converges', async () => {
    for (let n = 1; n <= 4; n++) {
      await rm(path.join(root, 'ws'), { recursive: true, force: true });
      await rm(site, { recursive: true, force: true });
      ws = await openWorkspace(path.join(root, 'ws'));
      deploy = deployOver(ws);
      await writeSite(site, 'v1');
      await deploy.stageSite();
      const first = await deploy.promote({ invalidate: false, prune: false });
      const v1 = await bodies(ws.sites.prod);
      await writeSite(site, 'v2');
      await deploy.stageSite();
      await deploy.promote({ invalidate: false, prune: false });

      const { proxy, state } = failingCall(ws.sites.prod, 'copyFrom', n);
      const faulty = deployOver({ ...ws, sites: { ...ws.sites, prod: proxy } });
      const outcome = await faulty.rollback(first.releaseId!, { invalidate: false }).then(
        () => 'ok',
        (err: Error) => err.message,
      );
      if (state.failed) expect(outcome).toMatch(/injected fault/);
      await expectConsistent(ws.sites.prod);
      const again = await deploy.rollback(first.releaseId!, { invalidate: false });
      expect(again.ok).toBe(true);
      const now = await bodies(ws.sites.prod);
      for (const [key, body] of Object.entries(v1)) expect(now[key]).toBe(body);
    }
  });

  it('rolling back to an unknown release, or one whose files were not kept, changes nothing', async () => {
    await writeSite(site, 'v1');
    await deploy.stageSite();
    const first = await deploy.promote({ invalidate: false, prune: false });
    await writeSite(site, 'v2');
    await deploy.stageSite();
    await deploy.promote({ invalidate: false, prune: false });
    const before = await bodies(ws.sites.prod);
    await expect(deploy.rollback('20990101T000000000Z-abcdef')).rejects.toThrow(/no release/);
    for (const meta of await ws.data.list('release-objects/')) await ws.data.delete(meta.key);
    await expect(deploy.rollback(first.releaseId!)).rejects.toThrow(/no copy of .* was kept/);
    expect(await bodies(ws.sites.prod)).toEqual(before);
  });
});
