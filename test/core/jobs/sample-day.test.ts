import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { addSampleDay, loadSampleDay } from '../../../src/core/jobs/sample-day';
import { StatusPublisher, statusDocumentBody } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { jobSchema } from '../../../src/shared/job';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { dayKeyOf } from '../../../src/shared/zoned-time';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';

// Issue 17: the empty board's first-run hint offers a sample day. Its jobs are realistic, dated
// today on the business's clocks, made by each job's own create, in one write: faulted at each
// store call the board holds all of them or none, and a board with jobs is never touched.

const BUSINESS = { name: 'QuickDumpNow' };
const ZONE = 'America/Chicago';
// 11:30 PM on Monday Dec 7 in Chicago: already Tuesday in UTC.
const NOW = new Date('2026-12-08T05:30:00Z');
const ACTOR = { by: 'console', rules: { timeZone: ZONE, crew: ['Tom S.', 'Ana R.'] } };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-sample-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newWorld(): Promise<{ data: ObjectStore; prod: ObjectStore }> {
  const dir = await mkdtemp(path.join(root, 'w-'));
  return {
    data: new LocalFolderStore(path.join(dir, 'data')),
    prod: new LocalFolderStore(path.join(dir, 'prod')),
  };
}

/** Jobs in id order: jobs.json keeps its own order (by created_at, then id). */
const byId = (jobs: readonly Job[]) => [...jobs].sort((a, b) => a.job_id.localeCompare(b.job_id));

function portsOver(data: ObjectStore, prod: ObjectStore) {
  const repository = new JobsRepository(data);
  return { repository, jobs: new JobsService(repository, new StatusPublisher([prod], BUSINESS)) };
}

describe('addSampleDay', () => {
  it("makes a realistic day: today's in the business's zone, crewed, one request to quote", () => {
    const { jobs, result, changed } = addSampleDay(NOW, 'USD', ACTOR)([]);
    expect(result.length).toBeGreaterThanOrEqual(6);
    expect(jobs).toEqual(result);
    expect(changed).toEqual(result);
    for (const job of result) {
      expect(jobSchema.safeParse(job).success).toBe(true);
      // Today is Monday there, though UTC says Tuesday.
      expect(dayKeyOf(job.pickup_date, ZONE)).toBe('2026-12-07');
      expect(job.service).toBeTruthy();
      expect(job.history).toEqual([
        { status: job.status, at: NOW.toISOString(), event: 'created', by: 'console' },
      ]);
    }
    const scheduled = result.filter((j) => j.status === 'scheduled');
    const requested = result.filter((j) => j.status === 'requested');
    expect(scheduled.length).toBe(result.length - 1);
    expect(new Set(scheduled.map((j) => j.assigned_to))).toEqual(new Set(['Tom S.', 'Ana R.']));
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ price: 0 });
    expect(requested[0]).not.toHaveProperty('quoted_at');
    expect(new Set(result.map((j) => j.job_id)).size).toBe(result.length);
    expect(new Set(result.map((j) => j.tracking_token)).size).toBe(result.length);
  });

  it('is the same day when a lost race runs it again (the same ids and tokens)', () => {
    const change = addSampleDay(NOW, 'USD', ACTOR);
    expect(change([]).result).toEqual(change([]).result);
  });

  it('refuses a board that has jobs', () => {
    const [one] = addSampleDay(NOW, 'USD', ACTOR)([]).result;
    expect(() => addSampleDay(NOW, 'USD', ACTOR)([one!])).toThrow(/empty board only/);
  });
});

describe('loadSampleDay, faulted at each store call', () => {
  it('leaves all of the day or none of it, and never touches a board with jobs', async () => {
    const report = await forEachFault(async (plan, fault) => {
      const { data, prod } = await newWorld();
      const faulted = portsOver(plan.wrap(data, 'data'), plan.wrap(prod, 'prod'));
      let saved: Job[] | null = null;
      const outcome = await settleOrAbandon(
        loadSampleDay(faulted, 'USD', ACTOR, NOW).then((s) => (saved = s.jobs)),
        plan,
      );
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');

      const jobs = await new JobsRepository(data).list();
      // All or nothing: one write.
      expect([0, 7]).toContain(jobs.length);
      if (saved) expect(byId(jobs)).toEqual(byId(saved));
      // Pages go out after the save: never a page of a job jobs.json does not hold.
      const tokens = new Set(jobs.map((j) => statusDocumentKey(j.tracking_token)));
      expect((await prod.list('api/track/')).filter((m) => !tokens.has(m.key))).toEqual([]);

      // The clean re-run a dispatcher would make: the day lands once, a second is refused.
      const clean = portsOver(data, prod);
      if (jobs.length === 0) await loadSampleDay(clean, 'USD', ACTOR, NOW);
      else {
        await expect(loadSampleDay(clean, 'USD', ACTOR, NOW)).rejects.toThrow(/empty board/);
        expect(await new JobsRepository(data).list()).toEqual(jobs);
      }
      await clean.jobs.republishAll();
      const after = await new JobsRepository(data).list();
      expect(after).toHaveLength(7);
      for (const job of after) {
        const doc = await prod.get(statusDocumentKey(job.tracking_token));
        expect(doc?.body.toString('utf8')).toBe(statusDocumentBody(job, BUSINESS));
      }
    });
    console.log(coverageLine('loadSampleDay (folder)', report));
    // jobs.json read and written once; then the pages, as a lead's (src/core/jobs/lead-change.ts).
    expect(report.names.slice(0, 2)).toEqual(['data.get', 'data.put']);
    expect(report.names.filter((n) => n === 'data.put')).toHaveLength(1);
  });

  it('changes nothing on a board with jobs', async () => {
    const { data, prod } = await newWorld();
    const ports = portsOver(data, prod);
    const mark = await ports.jobs.createJob({
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      pickup_date: '2027-01-04T15:00:00Z',
      price: 600,
    });
    await expect(loadSampleDay(ports, 'USD', ACTOR, NOW)).rejects.toThrow(/empty board only/);
    expect(await ports.repository.list()).toEqual([mark.job]);
  });
});
