import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsArchive } from '../../../src/core/jobs/jobs-archive';
import { JOBS_KEY, JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { versionHolding } from './kept-contents';

// A restore of an earlier jobs.json can bring an archived job back to the board; finished again
// in a later month, it is archived there too. The archive then lists it once, as it now is —
// never twice — and the earlier month's copy stays in its file.

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-01-05T09:00:00Z');
const at = (days: number) => new Date(START.getTime() + days * DAY);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-archive-restore-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('archive after a restore', () => {
  it('lists a job archived in two months once, as its latest month holds it', async () => {
    const data = new LocalFolderStore(path.join(dir, 'data'));
    const prod = new LocalFolderStore(path.join(dir, 'prod'), {
      versioned: (key) => !key.startsWith('api/'),
    });
    const clock = { now: START };
    const publisher = new StatusPublisher(
      [prod],
      { name: 'Q' },
      { days: 30, clock: () => clock.now },
    );
    const jobs = new JobsService(new JobsRepository(data), publisher, () => clock.now, 30);
    const input = {
      customer_name: 'Ana',
      address: '1 Elm St',
      pickup_date: '2026-01-06T16:00:00Z',
      price: 100,
    };
    const ana = (await jobs.createJob(input)).job;
    await jobs.setJobStatus(ana.job_id, 'en_route');
    await jobs.setJobStatus(ana.job_id, 'on_site');
    const onSite = (await data.get(JOBS_KEY))!.body;
    await jobs.setJobStatus(ana.job_id, 'completed');
    clock.now = at(33);
    expect((await jobs.archive()).map((j) => j.job_id)).toEqual([ana.job_id]);

    // The dispatcher restores the jobs.json of January 5th: Ana is on site again.
    const version = await versionHolding(data, JOBS_KEY, onSite);
    await jobs.restoreJobsFileVersion(version!);
    expect((await jobs.listJobs()).map((j) => j.status)).toEqual(['on_site']);
    clock.now = at(40); // February 14th
    await jobs.setJobStatus(ana.job_id, 'completed');
    clock.now = at(75);
    expect((await jobs.archive()).map((j) => j.job_id)).toEqual([ana.job_id]);

    const archive = new JobsArchive(data);
    expect(await archive.months()).toEqual(['2026-01', '2026-02']);
    expect((await archive.read('2026-01')).jobs.map((j) => j.job_id)).toEqual([ana.job_id]);
    const listed = await jobs.listArchivedJobs();
    expect(listed).toHaveLength(1);
    const completions = listed[0]!.history!.filter(
      (h) => 'status' in h && h.status === 'completed',
    );
    expect(completions.map((h) => h.at)).toEqual([at(40).toISOString()]);
    expect((await jobs.find(ana.job_id))?.job).toEqual(listed[0]);
  });
});
