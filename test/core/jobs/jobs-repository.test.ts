import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addJob, changeStatus } from '../../../src/core/jobs/job-changes';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore, PutOptions } from '../../../src/core/storage/object-store';
import { QdnError } from '../../../src/shared/errors';
import type { Job } from '../../../src/shared/job';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

const NOW = new Date('2026-11-28T09:00:00Z');
const newJob = {
  customer_name: 'Ana Ruiz',
  address: '1 Elm St',
  pickup_date: '2026-11-29T16:00:00Z',
  price: 250,
};

let dir: string;
let data: LocalFolderStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-jobs-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Lets a test slip another writer's change in between a read and the conditional put. */
function racingStore(
  store: ObjectStore,
  beforeFirstPuts: number,
  race: () => Promise<void>,
): ObjectStore {
  let puts = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'put') {
        return async (key: string, body: Buffer | string, options?: PutOptions) => {
          if (puts++ < beforeFirstPuts) await race();
          return target.put(key, body, options);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('JobsRepository', () => {
  it('creates jobs.json with the documented shape: schema 1, pretty, sorted by created_at', async () => {
    const repo = new JobsRepository(data);
    await repo.update(addJob(newJob, new Date('2026-11-28T10:00:00Z')));
    await repo.update(addJob({ ...newJob, customer_name: 'Bo' }, new Date('2026-11-28T08:00:00Z')));
    const text = (await data.get('jobs.json'))!.body.toString('utf8');
    const doc = JSON.parse(text) as { schema: number; jobs: { customer_name: string }[] };
    expect(doc.schema).toBe(1);
    expect(doc.jobs.map((j) => j.customer_name)).toEqual(['Bo', 'Ana Ruiz']);
    expect(text).toContain('\n  "jobs": [\n    {\n      "job_id"');
  });

  it('re-reads and re-applies the same change when another writer got there first', async () => {
    await new JobsRepository(data).update(addJob(newJob, NOW));
    const other = new JobsRepository(data);
    const repo = new JobsRepository(
      racingStore(data, 2, async () => {
        await other.update(addJob({ ...newJob, customer_name: `Racer ${Date.now()}` }, NOW));
      }),
    );
    await repo.update(addJob({ ...newJob, customer_name: 'Patient' }, NOW));
    const names = (await repo.list()).map((j) => j.customer_name);
    // Nothing lost: the first job, both racers, and the change that had to retry twice.
    expect(names).toHaveLength(4);
    expect(names).toContain('Patient');
    expect(names.filter((n) => n.startsWith('Racer'))).toHaveLength(2);
  });

  it('gives up after bounded retries with a clear conflict error, losing nothing', async () => {
    await new JobsRepository(data).update(addJob(newJob, NOW));
    const other = new JobsRepository(data);
    const repo = new JobsRepository(
      racingStore(data, Infinity, async () => {
        await other.update(addJob({ ...newJob, customer_name: 'Racer' }, NOW));
      }),
    );
    const error = await repo.update(addJob(newJob, NOW)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QdnError);
    expect((error as QdnError).code).toBe('conflict');
    expect((await other.list()).filter((j) => j.customer_name === 'Racer').length).toBe(6);
  });

  it.each([
    ['not JSON', '{ "schema": 1, "jobs": [ '],
    [
      'a job with a bad price',
      JSON.stringify({ schema: 1, jobs: [{ ...MARK_SEED_RECORD, price: 'six hundred' }] }),
    ],
    [
      'a repeated token',
      JSON.stringify([MARK_SEED_RECORD, { ...MARK_SEED_RECORD, job_id: '0123456789abcdef' }]),
    ],
  ])('never overwrites a jobs.json that is %s, and says what is wrong', async (_label, broken) => {
    await data.put('jobs.json', broken);
    const repo = new JobsRepository(data);
    const error = await repo.update(addJob(newJob, NOW)).catch((e: unknown) => e);
    expect((error as QdnError).code).toBe('jobs_file_invalid');
    expect((error as QdnError).message).toMatch(/jobs\.json cannot be used: .+left untouched/);
    expect((await data.get('jobs.json'))!.body.toString('utf8')).toBe(broken);
    expect(await data.listVersions('jobs.json')).toHaveLength(0);
  });

  it('names the field at fault', async () => {
    await data.put(
      'jobs.json',
      JSON.stringify({ schema: 1, jobs: [{ ...MARK_SEED_RECORD, price: 'x' }] }),
    );
    await expect(new JobsRepository(data).list()).rejects.toThrow(/jobs\.0\.price/);
  });

  it('reads the old bare-array format and upgrades it on the next write, Mark unchanged', async () => {
    await data.put('jobs.json', JSON.stringify([MARK_SEED_RECORD]));
    const repo = new JobsRepository(data);
    expect(await repo.list()).toEqual([MARK_SEED_RECORD]);
    await repo.update(addJob(newJob, NOW));
    const doc = JSON.parse((await data.get('jobs.json'))!.body.toString('utf8')) as {
      schema: number;
      jobs: unknown[];
    };
    expect(doc.schema).toBe(1);
    expect(doc.jobs[0]).toEqual(MARK_SEED_RECORD);
    // The old file is kept as a previous version.
    expect(await data.listVersions('jobs.json')).toHaveLength(1);
  });

  it('keeps top-level fields it does not know when it writes jobs.json', async () => {
    const notes = { dispatcher: 'Sam', truck: 'T2' };
    await data.put('jobs.json', JSON.stringify({ schema: 1, jobs: [MARK_SEED_RECORD], notes }));
    await new JobsRepository(data).update(addJob(newJob, NOW));
    const doc = JSON.parse((await data.get('jobs.json'))!.body.toString('utf8')) as {
      jobs: unknown[];
      notes: unknown;
    };
    expect(doc.jobs).toHaveLength(2);
    expect(doc.notes).toEqual(notes);
  });

  it('offers earlier versions, newest first, each checked, and restores one byte for byte', async () => {
    const repo = new JobsRepository(data);
    await repo.update(addJob(newJob, NOW));
    await repo.update(addJob({ ...newJob, customer_name: 'Bo' }, NOW));
    const good = (await data.get('jobs.json'))!.body.toString('utf8');
    // A hand edit that stopped half-way, written past the store as an editor would.
    await writeFile(path.join(dir, 'data', 'jobs.json'), '{ "schema": 1, "jobs": [');
    await expect(repo.list()).rejects.toThrow(/not valid JSON/);

    const versions = await repo.versions();
    expect(versions.map((v) => v.jobs)).toEqual([2, 1]);
    expect(versions.every((v) => v.problem === null)).toBe(true);
    const restored = await repo.restore(versions[0]!.versionId);
    expect(restored.map((j) => j.customer_name).sort()).toEqual(['Ana Ruiz', 'Bo']);
    expect((await data.get('jobs.json'))!.body.toString('utf8')).toBe(good);

    // The broken file it replaced is kept in turn, marked as what it is.
    const after = await repo.versions();
    expect(after[0]).toMatchObject({
      jobs: null,
      problem: expect.stringMatching(/not valid JSON/),
    });
    await expect(repo.restore(after[0]!.versionId)).rejects.toThrow(/not valid JSON/);
    await expect(repo.restore('000000000000001-deadbeef')).rejects.toThrow(/no earlier version/);
    expect((await data.get('jobs.json'))!.body.toString('utf8')).toBe(good);
  });

  it('marks one unreadable version and still lists the rest', async () => {
    const repo = new JobsRepository(data);
    await repo.update(addJob(newJob, NOW));
    await repo.update(addJob({ ...newJob, customer_name: 'Bo' }, NOW));
    await repo.update(addJob({ ...newJob, customer_name: 'Cy' }, NOW));
    await repo.update(addJob({ ...newJob, customer_name: 'Di' }, NOW));
    const [newest, middle, oldest] = await data.listVersions('jobs.json');
    // Injected: a disk that refuses one version file (EACCES) cannot be made here — tests run
    // as root, so chmod denies nothing. The other versions come from the real folder store.
    const refusing: ObjectStore = Object.assign(Object.create(data) as ObjectStore, {
      getVersion: async (key: string, versionId: string) => {
        if (versionId === middle!.versionId) {
          throw Object.assign(new Error(`EACCES: permission denied, open '${versionId}.v'`), {
            code: 'EACCES',
          });
        }
        return data.getVersion(key, versionId);
      },
    });
    const versions = await new JobsRepository(refusing).versions();
    expect(versions.map((v) => v.versionId)).toEqual([
      newest!.versionId,
      middle!.versionId,
      oldest!.versionId,
    ]);
    expect(versions.map((v) => v.jobs)).toEqual([3, null, 1]);
    expect(versions[1]!.problem).toMatch(/EACCES: permission denied/);
    expect(versions[0]!.problem).toBeNull();
  });

  it('refuses a move the flow does not allow, and an unknown job, without writing', async () => {
    const repo = new JobsRepository(data);
    const { result: job } = await repo.update(addJob(newJob, NOW));
    const before = await data.head('jobs.json');
    await expect(repo.update(changeStatus(job.job_id, 'on_site', NOW))).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await expect(
      repo.update(changeStatus('0000000000000000', 'en_route', NOW)),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await data.head('jobs.json'))!.etag).toBe(before!.etag);
  });
});

describe('JobsService', () => {
  it('publishes each change to every site target, allow-listed, with a short Cache-Control', async () => {
    const staging = new LocalFolderStore(path.join(dir, 'staging'));
    const prod = new LocalFolderStore(path.join(dir, 'prod'));
    const service = new JobsService(
      new JobsRepository(data),
      new StatusPublisher([staging, prod], { name: 'QuickDumpNow', phone: '+1 555 0100' }),
      () => NOW,
    );
    const { job } = await service.createJob({
      ...newJob,
      phone: '+1 312 555 0199',
      notes: 'side gate',
    });
    await service.setJobStatus(job.job_id, 'en_route');
    for (const target of [staging, prod]) {
      const doc = await target.get(`api/track/${job.tracking_token}.json`);
      expect(doc?.cacheControl).toBe('public, max-age=5, s-maxage=5');
      const body = doc!.body.toString('utf8');
      expect(JSON.parse(body)).toMatchObject({
        first_name: 'Ana',
        status: 'en_route',
        status_label: 'En route',
      });
      expect(body).not.toContain('555 0199');
      expect(body).not.toContain('side gate');
    }
    const history = (await service.listJobs())[0]!.history!;
    expect(history.map((h) => h.status)).toEqual(['scheduled', 'en_route']);
  });

  it('republishes every job at start-up, removing documents of revoked tokens', async () => {
    const prod = new LocalFolderStore(path.join(dir, 'prod'));
    const revoked = {
      ...MARK_SEED_RECORD,
      job_id: '0123456789abcdef',
      tracking_token: 'R'.repeat(43),
      token_revoked_at: '2026-11-28T08:00:00Z',
    };
    await prod.put(`api/track/${revoked.tracking_token}.json`, '{}');
    // Written by hand, as a dispatcher might have before this console existed.
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await writeFile(
      path.join(dir, 'data', 'jobs.json'),
      JSON.stringify([MARK_SEED_RECORD, revoked]),
    );
    const service = new JobsService(
      new JobsRepository(data),
      new StatusPublisher([prod], { name: 'Q' }),
    );
    await service.republishAll();
    expect(await prod.head(`api/track/${MARK_SEED_RECORD.tracking_token}.json`)).not.toBeNull();
    expect(await prod.head(`api/track/${revoked.tracking_token}.json`)).toBeNull();
    const markDoc = await readFile(
      path.join(dir, 'prod', 'api', 'track', `${MARK_SEED_RECORD.tracking_token}.json`),
      'utf8',
    );
    expect(JSON.parse(markDoc)).toMatchObject({ first_name: 'Mark', status_label: 'Scheduled' });
  });

  it('returns a saved job with a warning when its tracking page cannot be written', async () => {
    const failing = new (class extends LocalFolderStore {
      override put(): Promise<never> {
        return Promise.reject(new Error('EACCES: permission denied'));
      }
    })(path.join(dir, 'prod'));
    const service = new JobsService(
      new JobsRepository(data),
      new StatusPublisher([failing], { name: 'Q' }),
      () => NOW, // newJob's pickup is after NOW: core refuses a create whose pickup is over
    );
    const saved = await service.createJob(newJob);
    expect(saved.job.customer_name).toBe('Ana Ruiz');
    expect(saved.warning).toMatch(/Saved, but the tracking page could not be updated.*EACCES/);
    // The job is safe in jobs.json: a retry would find it rather than need to create it again.
    expect((await service.listJobs()).map((j) => j.job_id)).toEqual([saved.job.job_id]);
  });

  it('checks jobs.json once after publishing, and publishes once, when no one else writes', async () => {
    const published: string[] = [];
    const publisher = new (class extends StatusPublisher {
      override publish(jobs: readonly Job[]): Promise<void> {
        published.push(...jobs.map((j) => j.status));
        return super.publish(jobs);
      }
    })([new LocalFolderStore(path.join(dir, 'prod'))], { name: 'Q' });
    const service = new JobsService(new JobsRepository(data), publisher, () => NOW);
    const { job } = await service.createJob({ ...newJob, phone: '+1 312 555 0199' });
    await service.setJobStatus(job.job_id, 'en_route');
    expect(published).toEqual(['scheduled', 'en_route']);
  });

  it('ends on the latest change when two consoles publish the same job out of order', async () => {
    const prod = new LocalFolderStore(path.join(dir, 'prod'));
    const business = { name: 'Q' };
    const fast = new JobsService(
      new JobsRepository(data),
      new StatusPublisher([prod], business),
      () => NOW,
    );
    const { job } = await fast.createJob(newJob);
    const docKey = `api/track/${job.tracking_token}.json`;
    // The slow console saves "en route", then stalls before its status-document write
    // while the fast console saves and publishes "on site".
    let arrived = () => {};
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowProd = racingStore(prod, 1, async () => {
      arrived();
      await gate;
    });
    const slow = new JobsService(
      new JobsRepository(data),
      new StatusPublisher([slowProd], business),
    );
    const slowDone = slow.setJobStatus(job.job_id, 'en_route');
    await slowArrived;
    await fast.setJobStatus(job.job_id, 'on_site');
    expect(await statusIn(prod, docKey)).toBe('on_site');
    release();
    await slowDone;
    expect(await statusIn(prod, docKey)).toBe('on_site');
  });
});

async function statusIn(store: ObjectStore, key: string): Promise<unknown> {
  const doc = await store.get(key);
  return (JSON.parse(doc!.body.toString('utf8')) as { status: unknown }).status;
}
