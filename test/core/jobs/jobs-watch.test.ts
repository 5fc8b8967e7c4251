import { mkdir, mkdtemp, rm, writeFile, rename } from 'node:fs/promises';
import S3rver from 's3rver';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchJobs, watchWorkspaceJobs } from '../../../src/core/jobs/jobs-watch';
import type { JobsWatch } from '../../../src/core/jobs/jobs-watch';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { startConsoleSession } from '../../../src/core/console/console-session';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import { runQdn } from '../../cli/cli-helpers';
import { addJob } from '../../../src/core/jobs/job-changes';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import type { JobsStore } from '../../../src/core/jobs/jobs-store';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

let dir: string;
let watches: JobsWatch[];
let session: ConsoleSession | null;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-watch-'));
  watches = [];
  session = null;
});
afterEach(async () => {
  for (const w of watches) w.stop();
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

const NEW_JOB = {
  customer_name: 'Mark',
  address: 'Soderblom Ave',
  pickup_date: '2030-11-27T21:00:00Z',
  price: 600,
};

/** Resolves with the time the next change took to be told, or rejects after `ms`. */
function nextChange(ws: Workspace, ms = 2000): { arrived: Promise<number>; mark: () => void } {
  let startedAt = Date.now();
  const arrived = new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`no jobsChanged within ${ms} ms`)), ms);
    watches.push(
      watchWorkspaceJobs(ws, () => {
        clearTimeout(timeout);
        resolve(Date.now() - startedAt);
      }),
    );
  });
  return { arrived, mark: () => (startedAt = Date.now()) };
}

describe('watching jobs.json for others’ changes (issue 8 §7)', () => {
  it('tells of a change another console made to the same sandbox within 2 s', async () => {
    const mine = await openWorkspace(dir);
    const theirs = await openWorkspace(dir);
    await mine.jobs.createJob(NEW_JOB);
    const change = nextChange(mine);
    await new Promise((r) => setTimeout(r, 50)); // the watch has read the current revision
    change.mark();
    await theirs.jobs.createJob({ ...NEW_JOB, customer_name: 'Ana' });
    expect(await change.arrived).toBeLessThan(2000);
  });

  it('tells of `qdn job set-status` run in another process within 2 s', async () => {
    const mine = await openWorkspace(dir);
    const { job } = await mine.jobs.createJob(NEW_JOB);
    const change = nextChange(mine, 15_000);
    await new Promise((r) => setTimeout(r, 50));
    const moved = await runQdn(['job', 'set-status', job.job_id, 'en_route', '--workspace', dir]);
    expect(moved.code, moved.stderr).toBe(0);
    // Measured from the moment the other process finished writing.
    change.mark();
    expect(await change.arrived).toBeLessThan(2000);
    expect((await mine.jobs.listJobs())[0]!.status).toBe('en_route');
  });

  it('tells of a rename-write (an editor, a sync tool) as well', async () => {
    const mine = await openWorkspace(dir);
    await mine.jobs.createJob(NEW_JOB);
    const text = JSON.stringify({ schema: 1, jobs: [] });
    const change = nextChange(mine);
    await new Promise((r) => setTimeout(r, 50));
    change.mark();
    const temp = path.join(dir, 'data', '.jobs.json.tmp');
    await writeFile(temp, text);
    await rename(temp, path.join(dir, 'data', 'jobs.json'));
    expect(await change.arrived).toBeLessThan(2000);
  });

  it("stays quiet about this console's own saves", async () => {
    const mine = await openWorkspace(dir);
    await mine.jobs.createJob(NEW_JOB);
    const told: unknown[] = [];
    watches.push(watchWorkspaceJobs(mine, (revision) => told.push(revision)));
    await new Promise((r) => setTimeout(r, 50));
    await mine.jobs.createJob({ ...NEW_JOB, customer_name: 'Ana' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(told).toEqual([]);
  });

  it('polls an S3 data bucket (AWS mode) with a HEAD, and tells of another laptop’s change', async () => {
    const s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(dir, 's3'),
      configureBuckets: [{ name: 'qdn-data' }, { name: 'qdn-staging' }, { name: 'qdn-prod' }],
    });
    const { port } = (await s3.run()) as { port: number };
    const keys = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    try {
      const config = {
        mode: 'aws',
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        data: { bucket: 'qdn-data' },
        staging: { bucket: 'qdn-staging' },
        prod: { bucket: 'qdn-prod', public_base_url: 'https://track.example.com' },
      };
      const laptop = (name: string) => path.join(dir, name);
      for (const name of ['mine', 'theirs']) {
        await mkdir(laptop(name), { recursive: true });
        await writeFile(path.join(laptop(name), 'config.json'), JSON.stringify(config));
      }
      const mine = await openWorkspace(laptop('mine'));
      const theirs = await openWorkspace(laptop('theirs'));
      await mine.jobs.createJob(NEW_JOB);
      const told: (string | null)[] = [];
      watches.push(watchWorkspaceJobs(mine, (r) => told.push(r), undefined, 200));
      await new Promise((r) => setTimeout(r, 300));
      await mine.jobs.createJob({ ...NEW_JOB, customer_name: 'Own save' });
      await new Promise((r) => setTimeout(r, 500));
      expect(told).toEqual([]);
      const startedAt = Date.now();
      await theirs.jobs.createJob({ ...NEW_JOB, customer_name: 'Ana' });
      while (told.length === 0 && Date.now() - startedAt < 2000) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(told).toEqual([await mine.jobs.revision()]);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = keys.id;
      process.env.AWS_SECRET_ACCESS_KEY = keys.secret;
      if (keys.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (keys.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      await s3.close();
    }
  });

  it('stays quiet about its own save when a check lands after the write, before it returns', async () => {
    // The store's write has landed, but the save has not returned (on S3: the checked-revisions
    // bookkeeping after the PUT): a check then sees a revision not yet remembered as our own.
    const inner = new JobsRepository(new LocalFolderStore(path.join(dir, 'data')));
    let written!: () => void;
    const landed = new Promise<void>((resolve) => (written = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const store: JobsStore = Object.create(inner) as JobsStore;
    store.update = async (change) => {
      const outcome = await inner.update(change);
      written();
      await held;
      return outcome;
    };
    const prod = new LocalFolderStore(path.join(dir, 'prod'));
    const jobs = new JobsService(store, new StatusPublisher([prod], { name: 'Q' }));
    const told: (string | null)[] = [];
    // The save is let go only once the check has read the new revision, and not at once.
    let releaseAfterRead = false;
    const watched = {
      revision: async () => {
        const revision = await jobs.revision();
        if (releaseAfterRead) setTimeout(release, 50);
        return revision;
      },
      wrote: (revision: string | null) => jobs.wrote(revision),
    };
    const watch = watchWorkspaceJobs(
      { config: { mode: 'aws' }, data: { location: dir }, jobs: watched },
      (r) => told.push(r),
      undefined,
      1_000_000,
    );
    watches.push(watch);
    await watch.check();
    const saving = jobs.createJob(NEW_JOB);
    await landed;
    releaseAfterRead = true;
    await Promise.all([watch.check(), saving]);
    expect(told).toEqual([]);
    // Someone else's write is still told.
    await inner.update(addJob({ ...NEW_JOB, customer_name: 'Ana' }, new Date()));
    await watch.check();
    expect(told).toEqual([await jobs.revision()]);
  });

  it('polls a store it cannot watch by revision, and reports each new one once', async () => {
    let revision = 'r1';
    const told: (string | null)[] = [];
    const watch = watchJobs({
      revision: () => Promise.resolve(revision),
      onChange: (r) => told.push(r),
      pollMs: 20,
    });
    watches.push(watch);
    await new Promise((r) => setTimeout(r, 60));
    revision = 'r2';
    await new Promise((r) => setTimeout(r, 80));
    await watch.check();
    expect(told).toEqual(['r2']);
  });

  it('warns once while the store cannot be reached, and recovers', async () => {
    let up = true;
    const warnings: string[] = [];
    const told: (string | null)[] = [];
    const watch = watchJobs({
      revision: () => (up ? Promise.resolve('r1') : Promise.reject(new Error('ENOTFOUND'))),
      onChange: (r) => told.push(r),
      pollMs: 1_000_000,
      warn: (m) => warnings.push(m),
    });
    watches.push(watch);
    await watch.check();
    up = false;
    await watch.check();
    await watch.check();
    up = true;
    await watch.check();
    expect(warnings).toEqual([expect.stringContaining('ENOTFOUND')]);
    expect(told).toEqual([]);
  });

  it('reaches the console session’s listeners as a jobsChanged event', async () => {
    session = await startConsoleSession(dir, { warn: () => {} });
    await session.statusDocumentsRefreshed;
    const events: unknown[] = [];
    session.subscribe((name, payload) => {
      if (name === 'jobsChanged') events.push(payload);
    });
    const other = await openWorkspace(dir);
    await other.jobs.createJob(NEW_JOB);
    const deadline = Date.now() + 2000;
    while (events.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(events).toEqual([{ revision: expect.any(String) as string }]);
  });
});
