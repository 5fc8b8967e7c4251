import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addJob } from '../../../src/core/jobs/job-changes';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService, WITHDRAW_CONCURRENCY } from '../../../src/core/jobs/jobs-service';
import type { StatusDocuments } from '../../../src/core/jobs/status-documents';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore, PutOptions } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { describeJobsStoreContract } from './jobs-store-contract';

const DAY = 24 * 60 * 60 * 1000;
const NEW_JOB = {
  customer_name: 'Ana',
  address: '1 Elm St',
  pickup_date: '2026-01-06T16:00:00Z',
  price: 100,
};
const START = new Date('2026-01-05T09:00:00Z');

let dir: string;
let data: LocalFolderStore;
let prod: LocalFolderStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-archive-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  prod = new LocalFolderStore(path.join(dir, 'prod'), {
    versioned: (key) => !key.startsWith('api/'),
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A service whose clock the test moves. */
function serviceAt(store: ObjectStore, clock: { now: Date }, archiveDays = 30, expiryDays = 30) {
  const publisher = new StatusPublisher(
    [prod],
    { name: 'Q' },
    {
      days: expiryDays,
      clock: () => clock.now,
    },
  );
  return new JobsService(new JobsRepository(store), publisher, () => clock.now, archiveDays);
}

/** Day 0: three jobs; one completed and one canceled on day 1; one stays open. */
async function threeJobs(service: JobsService, clock: { now: Date }) {
  const input = (name: string) => ({
    customer_name: name,
    address: '1 Elm St',
    pickup_date: '2026-01-06T16:00:00Z',
    price: 100,
  });
  const done = (await service.createJob(input('Ana Done'))).job;
  const canceled = (await service.createJob(input('Bo Canceled'))).job;
  const open = (await service.createJob(input('Cy Open'))).job;
  clock.now = new Date(START.getTime() + DAY);
  for (const status of ['en_route', 'on_site', 'completed'] as const) {
    await service.setJobStatus(done.job_id, status);
  }
  await service.setJobStatus(canceled.job_id, 'canceled');
  return { done, canceled, open };
}

async function publicTokens(): Promise<string[]> {
  return (await prod.list('api/track/')).map((m) => m.key.slice('api/track/'.length, -5)).sort();
}

describe('archive of finished jobs', () => {
  it('moves jobs finished 30+ days ago to archive/YYYY-MM.json; the board keeps the rest', async () => {
    const clock = { now: START };
    const service = serviceAt(data, clock);
    const { done, canceled, open } = await threeJobs(service, clock);
    clock.now = new Date(START.getTime() + 30 * DAY); // 29 days after finishing: not yet
    expect(await service.archive()).toEqual([]);
    clock.now = new Date(START.getTime() + 31 * DAY);
    const archived = await service.archive();
    expect(archived.map((j) => j.job_id).sort()).toEqual([done.job_id, canceled.job_id].sort());
    expect((await service.listJobs()).map((j) => j.job_id)).toEqual([open.job_id]);
    expect((await data.list('archive/')).map((m) => m.key)).toEqual(['archive/2026-01.json']);
    expect((await service.listArchivedJobs()).map((j) => j.customer_name).sort()).toEqual([
      'Ana Done',
      'Bo Canceled',
    ]);
    expect(await service.find(done.job_id)).toMatchObject({ archived: true });
    expect(await service.find(open.job_id)).toMatchObject({ archived: false });
    // Re-running finds nothing more to do and changes nothing.
    const etag = (await data.head('archive/2026-01.json'))!.etag;
    expect(await service.archive()).toEqual([]);
    expect((await data.head('archive/2026-01.json'))!.etag).toBe(etag);
  });

  it("withdraws a big board's finished jobs a few at a time, not all at once", async () => {
    const clock = { now: START };
    let inFlight = 0;
    let most = 0;
    const withdrawn: string[] = [];
    // A port that only counts: the concurrency is the behaviour under test, not the writing.
    const counting: StatusDocuments = {
      publish: () => Promise.resolve(),
      withdraw: async (token) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        withdrawn.push(token);
      },
    };
    const service = new JobsService(new JobsRepository(data), counting, () => clock.now);
    const jobs: Job[] = [];
    for (let i = 0; i < 3 * WITHDRAW_CONCURRENCY; i++) {
      jobs.push((await service.createJob({ ...NEW_JOB, customer_name: `Customer ${i}` })).job);
    }
    clock.now = new Date(START.getTime() + DAY);
    for (const job of jobs) await service.setJobStatus(job.job_id, 'canceled');
    clock.now = new Date(START.getTime() + 40 * DAY);
    expect(await service.archive()).toHaveLength(jobs.length);
    expect(withdrawn.sort()).toEqual(jobs.map((j) => j.tracking_token).sort());
    expect(most).toBe(WITHDRAW_CONCURRENCY);
  });

  it('loses and duplicates nothing when interrupted at any write, and a re-run finishes', async () => {
    for (let failAt = 0; failAt < 4; failAt++) {
      const sub = path.join(dir, `run-${failAt}`);
      const store = new LocalFolderStore(sub);
      const clock = { now: START };
      const setup = serviceAt(store, clock);
      const { open } = await threeJobs(setup, clock);
      clock.now = new Date(START.getTime() + 40 * DAY);
      let puts = 0;
      const failing = new Proxy(store, {
        get(target, prop, receiver) {
          if (prop === 'put' || prop === 'delete') {
            return async (key: string, body: Buffer | string, options?: PutOptions) => {
              if (puts++ === failAt) throw new Error(`disk full at write ${failAt}`);
              return prop === 'put' ? target.put(key, body, options) : target.delete(key);
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
      const crashed = await serviceAt(failing, clock)
        .archive()
        .then(
          () => null,
          (err: Error) => err,
        );
      const service = serviceAt(store, clock);
      // Whatever the step: every job is visible exactly once, on the board or archived.
      const seen = [...(await service.listJobs()), ...(await service.listArchivedJobs())];
      expect(seen).toHaveLength(3);
      if (crashed) await service.archive();
      expect((await service.listJobs()).map((j) => j.job_id)).toEqual([open.job_id]);
      expect(await service.listArchivedJobs()).toHaveLength(2);
    }
  });

  it('refuses an archive file that does not parse, and leaves jobs.json as it was', async () => {
    const clock = { now: START };
    const service = serviceAt(data, clock);
    await threeJobs(service, clock);
    await data.put('archive/2026-01.json', '{"schema":1,"jobs":[oops');
    const before = (await data.head('jobs.json'))!.etag;
    clock.now = new Date(START.getTime() + 40 * DAY);
    await expect(service.archive()).rejects.toThrow(/archive\/2026-01\.json cannot be used/);
    expect((await data.head('jobs.json'))!.etag).toBe(before);
    expect((await data.get('archive/2026-01.json'))!.body.toString()).toContain('oops');
    await expect(service.listArchivedJobs()).rejects.toThrow(/not valid JSON/);
  });

  it('keeps a job that changed after it was archived on the board, until the next run', async () => {
    const clock = { now: START };
    const service = serviceAt(data, clock);
    const { done } = await threeJobs(service, clock);
    clock.now = new Date(START.getTime() + 40 * DAY);
    const repository = new JobsRepository(data);
    // Another console edits the job between the archive write and the removal.
    const edited = await repository.archiveFinished(30, clock.now, async () => {
      await repository.update((jobs) => {
        const next = jobs.map((j): Job => (j.job_id === done.job_id ? { ...j, notes: 'late' } : j));
        return { jobs: next, changed: next.filter((j) => j.job_id === done.job_id), result: null };
      });
    });
    expect(edited.map((j) => j.job_id)).not.toContain(done.job_id);
    expect((await service.listJobs()).find((j) => j.job_id === done.job_id)?.notes).toBe('late');
    await service.archive();
    const archivedCopy = (await service.listArchivedJobs()).find((j) => j.job_id === done.job_id);
    expect(archivedCopy?.notes).toBe('late');
  });
});

describe('expiry of finished jobs’ status documents', () => {
  it('publishes exactly the documents of live tokens: open jobs and recently finished ones', async () => {
    const clock = { now: START };
    const service = serviceAt(data, clock, 365, 30);
    const { done, canceled, open } = await threeJobs(service, clock);
    const revoked = (
      await new JobsRepository(data).update((jobs) => {
        const job = addJob(
          {
            customer_name: 'Di Revoked',
            address: '2 Elm',
            pickup_date: '2026-01-06T16:00:00Z',
            price: 1,
          },
          clock.now,
        )(jobs).result;
        const gone = { ...job, token_revoked_at: clock.now.toISOString() };
        return { jobs: [...jobs, gone], changed: [gone], result: gone };
      })
    ).result;
    await service.republishAll();
    expect(await publicTokens()).toEqual(
      [done, canceled, open].map((j) => j.tracking_token).sort(),
    );
    expect(await publicTokens()).not.toContain(revoked.tracking_token);
    clock.now = new Date(START.getTime() + 31 * DAY); // 30 days after they finished
    await service.republishAll();
    expect(await publicTokens()).toEqual([open.tracking_token]);
    // A finished job changed again later is still past its expiry: nothing comes back.
    await service.republish([done.job_id]);
    expect(await publicTokens()).toEqual([open.tracking_token]);
  });
});

describeJobsStoreContract('JobsRepository on a folder store', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'qdn-jobs-contract-'));
  return {
    a: new JobsRepository(new LocalFolderStore(root)),
    b: new JobsRepository(new LocalFolderStore(root)),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});
