import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobChange } from '../../../src/core/jobs/job-changes';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { Job } from '../../../src/shared/job';
import type { JobStatus } from '../../../src/shared/status-flow';

// Issue 17: the office marks a job done in one move from Scheduled or En route (the history
// names the steps skipped), takes it back several steps with one reason, and schedules a
// request only with a quote or with the customer's confirmation by phone (a reason). Over a
// real folder store and the customer's real status document.

let dir: string;
let data: LocalFolderStore;
let prod: LocalFolderStore;
let repository: JobsRepository;
let now: Date;
let service: JobsService;
const BY = { by: 'ana@dispatch (console)' };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-office-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  prod = new LocalFolderStore(path.join(dir, 'prod'));
  now = new Date('2026-11-28T09:00:00Z');
  repository = new JobsRepository(data);
  service = new JobsService(
    repository,
    new StatusPublisher([prod], { name: 'QuickDumpNow' }),
    () => now,
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const later = () => (now = new Date(now.getTime() + 60_000));

async function jobAt(...moves: JobStatus[]): Promise<Job> {
  let { job } = await service.createJob(
    {
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      pickup_date: '2026-11-29T16:00:00Z',
      price: 600,
    },
    BY,
  );
  for (const status of moves) {
    later();
    ({ job } = await service.setJobStatus(job.job_id, status, undefined, BY));
  }
  return job;
}

/** A phoned-in lead: Requested, price 0, no quote (src/core/jobs/lead-change.ts). */
async function lead(): Promise<Job> {
  const { job } = await service.createRequest(
    { customer_name: 'Priya Nair', address: '2250 N Lincoln Ave', pickup_date: now.toISOString() },
    BY,
  );
  return job;
}

async function publicDoc(job: Job): Promise<{ status: string; timeline: { status: string }[] }> {
  const stored = await prod.get(`api/track/${job.tracking_token}.json`);
  return JSON.parse(stored!.body.toString('utf8')) as {
    status: string;
    timeline: { status: string }[];
  };
}

const etag = async () => (await data.head('jobs.json'))!.etag;

describe('office completion', () => {
  it('marks a scheduled job done in one move, one history entry naming what was skipped', async () => {
    const job = await jobAt();
    later();
    const { job: done, warning } = await service.setJobStatus(
      job.job_id,
      'completed',
      undefined,
      BY,
    );
    expect(warning).toBeNull();
    expect(done.status).toBe('completed');
    expect(done.history).toHaveLength(2);
    expect(done.history!.at(-1)).toEqual({
      status: 'completed',
      at: now.toISOString(),
      event: 'status',
      by: BY.by,
      skipped: ['en_route', 'on_site'],
    });
    expect((await repository.list())[0]!.status).toBe('completed');
    // The customer's page: done, its timeline the steps that happened (no progress bar to fill).
    const doc = await publicDoc(done);
    expect(doc.status).toBe('completed');
    expect(doc.timeline.map((t) => t.status)).toEqual(['scheduled', 'completed']);
  });

  it('marks an en route job done, skipping On site; a plain last step skips nothing', async () => {
    const enRoute = await jobAt('en_route');
    const { job: done } = await service.setJobStatus(enRoute.job_id, 'completed');
    expect(done.history!.at(-1)).toMatchObject({ status: 'completed', skipped: ['on_site'] });
    const onSite = await jobAt('en_route', 'on_site', 'completed');
    expect(onSite.history!.at(-1)).not.toHaveProperty('skipped');
  });

  it('refuses to complete a request (no visit agreed yet), and writes nothing', async () => {
    const request = await lead();
    const before = await etag();
    await expect(
      service.setJobStatus(request.job_id, 'completed', 'done already'),
    ).rejects.toMatchObject({
      code: 'invalid_transition',
      message: 'Schedule it first: a requested job goes to Scheduled before Completed.',
    });
    expect(await etag()).toBe(before);
  });

  it('still refuses the crew-only jump Scheduled → On site', async () => {
    const job = await jobAt();
    await expect(service.setJobStatus(job.job_id, 'on_site')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: 'Send the crew on the way first: a scheduled job goes to En route before On site.',
    });
  });
});

describe('a correction several steps back', () => {
  it('takes Completed back to Scheduled with one reason, one entry, and the page follows', async () => {
    const job = await jobAt('completed');
    later();
    const { job: back } = await service.setJobStatus(
      job.job_id,
      'scheduled',
      'wrong job marked',
      BY,
    );
    expect(back.status).toBe('scheduled');
    expect(back.history).toHaveLength(3);
    expect(back.history!.at(-1)).toEqual({
      status: 'scheduled',
      at: now.toISOString(),
      event: 'status',
      by: BY.by,
      reason: 'wrong job marked',
    });
    const doc = await publicDoc(back);
    expect(doc.status).toBe('scheduled');
    expect(doc.timeline.map((t) => t.status)).toEqual(['scheduled']);
  });

  it('needs the reason, and without one writes nothing', async () => {
    const job = await jobAt('en_route', 'on_site');
    const before = await etag();
    await expect(service.setJobStatus(job.job_id, 'scheduled', '  ')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('Moving a job back needs a reason') as string,
    });
    expect(await etag()).toBe(before);
  });
});

describe('no Scheduled without a quote or a confirmation by phone', () => {
  it('refuses a request with no quote and no reason, and writes nothing', async () => {
    const request = await lead();
    const before = await etag();
    await expect(service.setJobStatus(request.job_id, 'scheduled')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('This request has no quote yet') as string,
    });
    expect(await etag()).toBe(before);
    expect((await repository.list())[0]!.status).toBe('requested');
  });

  it('schedules it on the customer’s word by phone, the reason in history', async () => {
    const request = await lead();
    later();
    const { job } = await service.setJobStatus(
      request.job_id,
      'scheduled',
      ' confirmed by phone, $350 agreed ',
      BY,
    );
    expect(job.status).toBe('scheduled');
    expect(job.history!.at(-1)).toEqual({
      status: 'scheduled',
      at: now.toISOString(),
      event: 'status',
      by: BY.by,
      reason: 'confirmed by phone, $350 agreed',
      confirmed: 'phone',
    });
  });

  it('refuses to schedule a request with only a price typed on it without a reason (no quote: issue 17)', async () => {
    const request = await lead();
    await repository.update(jobChange(request.job_id, (j) => ({ ...j, price: 350 })));
    await expect(service.setJobStatus(request.job_id, 'scheduled')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect((await repository.list())[0]!.status).toBe('requested');
  });

  it.each([
    ['a quote', { quoted_at: '2026-11-28T09:00:00.000Z', price: 0 }],
    ['a quote and a price', { quoted_at: '2026-11-28T09:00:00.000Z', price: 350 }],
  ])('schedules a request that has %s without a reason', async (_label, fields) => {
    const request = await lead();
    await repository.update(jobChange(request.job_id, (j) => ({ ...j, ...fields })));
    const { job } = await service.setJobStatus(request.job_id, 'scheduled');
    expect(job.status).toBe('scheduled');
    expect(job.history!.at(-1)).not.toHaveProperty('confirmed');
  });
});
