import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import type { DeployService } from '../../../src/core/deploy/deploy-service';
import { JOURNAL_KEY } from '../../../src/core/deploy/deploy-journal';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { referencedAssets, writeSite } from './site-fixture';

let root: string;
let ws: Workspace;
let site: string;
let deploy: DeployService;
let edge: LocalEdge;

const PROBE = '/track/qdn-journal-probe-token-0000000000000';

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-journal-'));
  const dir = path.join(root, 'ws');
  const opened = await openWorkspace(dir);
  const cdn = new LocalEdgeCdn(dir, { invalidationDelayMs: 0 });
  ws = { ...opened, cdns: () => Promise.resolve([cdn]) };
  site = path.join(root, 'site');
  deploy = workspaceDeploy(ws, { surface: 'cli', siteDir: site, invalidationTimeoutMs: 5_000 });
  await deploy.publishEdgeFunction({ associate: true });
  edge = await startSandboxEdge(opened, { port: 0 });
});
afterEach(async () => {
  await edge.stop();
  await rm(root, { recursive: true, force: true, maxRetries: 20 });
});

async function phoneOpens(route = PROBE) {
  const page = await (await fetch(`${edge.url}${route}`)).text();
  const assets = await Promise.all(
    referencedAssets(page).map(async (a) => (await fetch(`${edge.url}/${a}`)).status),
  );
  return { page, assets };
}

async function stageBuild(version: string) {
  await rm(site, { recursive: true, force: true });
  await writeSite(site, version);
  await deploy.stageSite();
}

describe('the deploy journal keeps the edge’s debts', () => {
  it('a promote killed between its copies and its release: the re-run invalidates and keeps the cached page’s assets until then', async () => {
    await stageBuild('B');
    await deploy.promote({ invalidate: true, prune: true });
    expect((await phoneOpens()).page).toContain('track B'); // the edge caches B for a year

    await stageBuild('A');
    // What a kill after the copies leaves: A's pages and assets in prod, no release, no word.
    const prodDir = path.join(root, 'ws', 'sites', 'prod');
    for (const key of ['assets/app-A.js', 'track.html', 'book.html', 'api/health.json']) {
      await ws.sites.prod.copyFrom(ws.sites.staging, key, key);
    }
    expect(await readdir(path.join(prodDir, 'assets'))).toContain('app-B.js');

    const before = await deploy.getDeployStatus();
    expect(before.prodCurrent).toBe(false);
    expect(before.owed).toEqual(['api/health.json', 'book.html', 'track.html']);
    expect((await phoneOpens()).page).toContain('track B');

    const rerun = await deploy.promote({ invalidate: true, prune: true });
    expect(rerun.ok, rerun.warnings.join(' ')).toBe(true);
    expect(rerun.invalidations[0]?.paths).toEqual(
      expect.arrayContaining(['/track.html', '/track/*', '/book.html']),
    );
    const phone = await phoneOpens();
    expect(phone.page).toContain('track A');
    expect(phone.assets).toEqual([200]);
    expect(await ws.sites.prod.head('assets/app-B.js')).toBeNull(); // pruned once nothing owed
    expect(await deploy.getDeployStatus()).toMatchObject({
      prodCurrent: true,
      owed: [],
      pruneLater: [],
    });
  });

  it('with --prune and --no-invalidate, the old script stays for the page the edge still serves', async () => {
    await stageBuild('B');
    await deploy.promote({ invalidate: true, prune: true });
    await phoneOpens();
    await stageBuild('A');
    await deploy.promote({ invalidate: false, prune: true });
    const phone = await phoneOpens();
    expect(phone.page).toContain('track B');
    expect(phone.assets).toEqual([200]); // B's script is still there for B's cached page
    const status = await deploy.getDeployStatus();
    expect(status.prodCurrent).toBe(false);
    expect(status.pruneLater).toEqual(['assets/app-B.js']);
    await deploy.invalidateProd([]);
    expect((await phoneOpens()).page).toContain('track A');
    expect(await ws.sites.prod.head('assets/app-B.js')).toBeNull();
  });

  it('a rollback re-run after --no-invalidate finishes the invalidation instead of failing', async () => {
    await stageBuild('B');
    const first = await deploy.promote({ invalidate: true, prune: false });
    await stageBuild('A');
    await deploy.promote({ invalidate: true, prune: false });
    expect((await phoneOpens()).page).toContain('track A');
    await deploy.rollback(first.releaseId!, { invalidate: false });
    expect((await phoneOpens()).page).toContain('track A'); // stale, as asked
    const again = await deploy.rollback(first.releaseId!);
    expect(again.ok, again.warnings.join(' ')).toBe(true);
    expect(again.copied).toEqual([]);
    expect((await phoneOpens()).page).toContain('track B');
    expect((await deploy.getDeployStatus()).owed).toEqual([]);
  });

  it('an unreadable newest release is named and skipped: promote, listings and rollback go on', async () => {
    await stageBuild('B');
    const b = await deploy.promote({ invalidate: true, prune: false });
    await stageBuild('A');
    const a = await deploy.promote({ invalidate: true, prune: false });
    await ws.data.put(`releases/${a.releaseId}.json`, '{"schema": 1,');
    await stageBuild('C');
    const c = await deploy.promote({ invalidate: true, prune: false });
    expect(c.ok).toBe(true);
    expect((await phoneOpens()).page).toContain('track C');

    const list = await deploy.releaseList();
    expect(list.summaries.map((r) => r.buildId)).toEqual(['C', 'B']);
    expect(list.unreadable).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Release ${a.releaseId} \\(.*releases/${a.releaseId}\\.json\\) is unreadable: it is not valid JSON\\.$`,
        ),
      ),
    ]);
    expect((await deploy.getDeployStatus()).problems).toEqual(list.unreadable);
    const back = await deploy.rollback(); // the newest readable one before C
    expect(back.plan.buildId).toBe('B');
    expect(back.ok).toBe(true);
    expect((await phoneOpens()).page).toContain('track B');
    await expect(deploy.rollback(a.releaseId!)).rejects.toThrow(
      /is unreadable: it is not valid JSON/,
    );
    expect(b.releaseId).not.toBe(back.releaseId);
  });

  it('an unreadable journal is set aside, not overwritten, and every file is owed until invalidated', async () => {
    await stageBuild('B');
    await deploy.promote({ invalidate: true, prune: false });
    await ws.data.put(JOURNAL_KEY, 'not json');
    const status = await deploy.getDeployStatus();
    expect(status.problems.join(' ')).toMatch(
      /deploy journal .* is unreadable \(it is not valid JSON\)/,
    );
    expect(status.owed).toEqual(['api/health.json', 'assets/app-B.js', 'book.html', 'track.html']);
    const rerun = await deploy.promote({ invalidate: true, prune: false });
    expect(rerun.ok).toBe(true);
    expect((await deploy.getDeployStatus()).owed).toEqual([]);
    const aside = await ws.data.list('deploy-journal.unreadable-');
    expect(aside).toHaveLength(1);
    expect((await ws.data.get(aside[0]!.key))!.body.toString()).toBe('not json');
  });

  it('a workspace deployed before the journal existed starts from its newest release', async () => {
    await stageBuild('B');
    await deploy.promote({ invalidate: true, prune: false });
    await stageBuild('A');
    await deploy.promote({ invalidate: false, prune: false });
    await ws.data.delete(JOURNAL_KEY);
    const status = await deploy.getDeployStatus();
    // The history shows no completed invalidation for A's release: what it changed is owed.
    expect(status.owed).toEqual(['api/health.json', 'book.html', 'track.html']);
    expect(status.prod.releaseId).not.toBeNull();
    await deploy.promote({ invalidate: true, prune: false });
    expect((await phoneOpens()).page).toContain('track A');
  });
});
