import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../core/deploy/site-fixture';
import { runQdn, startQdn } from './cli-helpers';

let root: string;
let ws: string;
let site: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-deploy-cli-'));
  ws = path.join(root, 'ws');
  site = path.join(root, 'site');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const qdn = (...args: string[]) => runQdn(['deploy', ...args, '--workspace', ws]);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('qdn deploy: bad input changes nothing', () => {
  it.each([
    [['promote', '--bogus'], /bogus/],
    [['rollback', 'not-a-release'], /not a release id/],
    [['doctor'], /usage: qdn deploy doctor/],
    // A word that is no job id is a name to find (test/cli/qdn-doctor-by-name.test.ts).
    [['invalidate', 'no-slash'], /starts with \//],
    [['stage', '--prune'], /takes no --prune/],
    [['launch'], /usage: qdn deploy/],
  ])('%j exits 2 with one line', async (args, message) => {
    const result = await qdn(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('a --from folder that is not a built site exits non-zero and stages nothing', async () => {
    const empty = path.join(root, 'not-a-site');
    await writeSite(empty, 'x');
    await rm(path.join(empty, 'book.html'));
    const result = await qdn('stage', '--from', empty);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a built site/);
    const status = json((await qdn('status')).stdout) as { staging: { files: number } };
    expect(status.staging.files).toBe(0);
  });

  it('a changing command without --yes and without a terminal refuses with exit 2', async () => {
    await writeSite(site, 'v1');
    expect((await qdn('stage', '--from', site)).code).toBe(0);
    const result = await qdn('promote');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/add --yes/);
    expect(json((await qdn('status')).stdout)).toMatchObject({ prod: { files: 0 } });
  });

  it('an unknown release id exits non-zero and changes nothing', async () => {
    const result = await qdn('rollback', '20990101T000000000Z-abcdef', '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no release "20990101T000000000Z-abcdef"/);
  });
});

describe('qdn deploy: the pipeline from a terminal, against a running sandbox edge', () => {
  it(
    'stages, plans, promotes, serves, rolls back and keeps history — each as JSON',
    { timeout: 120_000 },
    async () => {
      await writeSite(site, 'v1');
      await qdn('stage', '--from', site);
      const first = await qdn('promote', '--yes');
      expect(first.code).toBe(0);
      const sandbox = await startQdn(['sandbox', '--workspace', ws, '--port', '0']);
      try {
        const edge = String(sandbox.ready.url);
        const track = async () =>
          (await fetch(`${edge}/track/abcdefghijklmnopqrstuvwxyz0123456789`)).text();
        expect(await track()).toContain('track v1');

        await writeSite(site, 'v2');
        const staged = json((await qdn('stage', '--from', site)).stdout);
        expect(staged.uploaded).toEqual([
          'api/health.json',
          'assets/app-v2.js',
          'book.html',
          'track.html',
        ]);
        const plan = json((await qdn('plan')).stdout);
        expect(plan.changed).toEqual(['api/health.json', 'book.html', 'track.html']);
        const dry = await qdn('promote', '--dry-run');
        expect(json(dry.stdout)).toMatchObject({ dry_run: true });

        // Without invalidation the edge keeps serving the cached page: the seed's stale page.
        const stale = await qdn('promote', '--yes', '--no-invalidate');
        expect(stale.code).toBe(0);
        expect(json(stale.stdout).warnings).toEqual(
          expect.arrayContaining([expect.stringMatching(/Not invalidated/)]),
        );
        expect(await track()).toContain('track v1');
        // Said as a dispatcher can act on it, the pipeline's account indented under it.
        const owing = await qdn('status');
        expect(owing.stderr).toMatch(
          /^Customers may still be shown the old version of .*the tracking page.*\. Refresh them: "Invalidate every page" \(or `qdn deploy invalidate`\)\.\n {4}The edge may still serve old copies of .*track\.html.*: they are owed an invalidation until one completes\.$/m,
        );

        const inv = await qdn('invalidate', '/track.html');
        expect(inv.code).toBe(0);
        expect(json(inv.stdout)).toMatchObject({ invalidations: [{ status: 'Completed' }] });
        expect(await track()).toContain('track v2');

        const verify = await qdn('verify');
        expect(verify.code).toBe(0);

        const releases = json((await qdn('releases')).stdout).releases as { id: string }[];
        expect(releases).toHaveLength(2);
        const back = await qdn('rollback', releases[1]!.id, '--yes');
        expect(back.code).toBe(0);
        expect(json(back.stdout)).toMatchObject({ ok: true, action: 'rollback' });
        expect(await track()).toContain('track v1');

        const history = json((await qdn('history')).stdout).history as { action: string }[];
        expect(history.map((h) => h.action)).toEqual(
          expect.arrayContaining(['stage', 'promote', 'invalidate', 'verify', 'rollback']),
        );
      } finally {
        await sandbox.stop();
      }
    },
  );

  it('any other file of the built folder is staged as part of the site', async () => {
    await writeFile(path.join(site, 'notes.txt'), 'hello');
    const staged = json((await qdn('stage', '--from', site)).stdout);
    expect(staged.uploaded).toEqual(['notes.txt']);
  });
});
