import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addJob, changeStatus } from '../../../src/core/jobs/job-changes';
import type { JobsStore } from '../../../src/core/jobs/jobs-store';

const DAY = 86_400_000;
const T0 = new Date('2026-03-01T09:00:00Z');
const input = (name: string) => ({
  customer_name: name,
  address: '1 Elm St',
  pickup_date: '2026-03-02T16:00:00Z',
  price: 100,
});

/**
 * What any `JobsStore` adapter must do (jobs.json today; a table tomorrow). `make` gives two
 * stores over the same backing storage — two consoles, or a console and `qdn` — and a cleanup.
 */
export function describeJobsStoreContract(
  name: string,
  make: () => Promise<{ a: JobsStore; b: JobsStore; cleanup: () => Promise<void> }>,
): void {
  describe(`${name} (JobsStore contract)`, () => {
    let a: JobsStore;
    let b: JobsStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ a, b, cleanup } = await make());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('starts empty, keeps what is added, and changes revision only on a change', async () => {
      expect(await a.list()).toEqual([]);
      const { result: job, revision } = await a.update(addJob(input('Ana'), T0));
      expect(revision).not.toBeNull();
      expect(await a.revision()).toBe(revision);
      expect((await b.list()).map((j) => j.job_id)).toEqual([job.job_id]);
      const same = await a.update(changeStatus(job.job_id, 'scheduled', T0));
      expect(same.changed).toEqual([]);
      expect(await a.revision()).toBe(revision);
      await b.update(changeStatus(job.job_id, 'en_route', T0));
      expect(await a.revision()).not.toBe(revision);
      expect((await a.snapshot()).jobs[0]!.status).toBe('en_route');
    });

    it('loses no update when two writers race', async () => {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? a : b).update(addJob(input(`Racer ${i}`), new Date(T0.getTime() + i))),
        ),
      );
      expect((await a.list()).map((j) => j.customer_name).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `Racer ${i}`).sort(),
      );
    });

    it('archives finished jobs once, keeps open ones live, and a re-run changes nothing', async () => {
      const { result: done } = await a.update(addJob(input('Done'), T0));
      const { result: open } = await a.update(addJob(input('Open'), T0));
      for (const status of ['en_route', 'on_site', 'completed'] as const) {
        await a.update(changeStatus(done.job_id, status, T0));
      }
      const later = new Date(T0.getTime() + 31 * DAY);
      expect((await b.archiveFinished(30, later)).map((j) => j.job_id)).toEqual([done.job_id]);
      expect((await a.list()).map((j) => j.job_id)).toEqual([open.job_id]);
      expect((await a.listArchived()).map((j) => j.job_id)).toEqual([done.job_id]);
      const revision = await a.revision();
      expect(await a.archiveFinished(30, later)).toEqual([]);
      expect(await a.revision()).toBe(revision);
    });
  });
}
