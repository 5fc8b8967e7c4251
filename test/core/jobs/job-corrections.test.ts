import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishedAt } from '../../../src/core/jobs/job-lifecycle';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { customerTimeline } from '../../../src/core/publishing/public-status';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { Job } from '../../../src/shared/job';
import type { JobStatus } from '../../../src/shared/status-flow';

let dir: string;
let data: LocalFolderStore;
let prod: LocalFolderStore;
let now: Date;
let service: JobsService;
const BY = { by: 'ana@dispatch (console)' };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-corrections-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  prod = new LocalFolderStore(path.join(dir, 'prod'));
  now = new Date('2026-11-28T09:00:00Z');
  service = new JobsService(
    new JobsRepository(data),
    new StatusPublisher([prod], { name: 'QuickDumpNow' }),
    () => now,
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
    now = new Date(now.getTime() + 60_000);
    ({ job } = await service.setJobStatus(job.job_id, status, undefined, BY));
  }
  return job;
}

async function publicDoc(job: Job): Promise<{ status: string; timeline: { status: string }[] }> {
  const stored = await prod.get(`api/track/${job.tracking_token}.json`);
  return JSON.parse(stored!.body.toString('utf8')) as {
    status: string;
    timeline: { status: string }[];
  };
}

describe('status corrections (issue 8 §3)', () => {
  it('moves forward one step or cancels without a reason', async () => {
    const job = await jobAt('en_route', 'on_site', 'completed');
    expect(job.status).toBe('completed');
    const canceled = await jobAt('canceled');
    expect(canceled.status).toBe('canceled');
    expect(job.history!.map((h) => h.event)).toEqual(['created', 'status', 'status', 'status']);
    expect(job.history!.every((h) => h.by === BY.by)).toBe(true);
  });

  it('takes a misclicked Completed back to On site with a reason, in history, and the page follows', async () => {
    const job = await jobAt('en_route', 'on_site', 'completed');
    now = new Date(now.getTime() + 60_000);
    const { job: back, warning } = await service.setJobStatus(
      job.job_id,
      'on_site',
      '  Misclick: still loading the truck ',
      BY,
    );
    expect(warning).toBeNull();
    expect(back.status).toBe('on_site');
    expect(back.history!.at(-1)).toEqual({
      status: 'on_site',
      at: now.toISOString(),
      event: 'status',
      by: BY.by,
      reason: 'Misclick: still loading the truck',
    });
    const doc = await publicDoc(back);
    expect(doc.status).toBe('on_site');
    expect(doc.timeline.map((t) => t.status)).toEqual(['scheduled', 'en_route', 'on_site']);
  });

  it.each([
    [undefined, 'Moving a job back needs a reason'],
    ['   ', 'Moving a job back needs a reason'],
  ])('refuses a step back with reason %j, and writes nothing', async (reason, message) => {
    const job = await jobAt('en_route');
    const before = await data.head('jobs.json');
    await expect(service.setJobStatus(job.job_id, 'scheduled', reason)).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining(message) as string,
    });
    expect((await data.head('jobs.json'))!.etag).toBe(before!.etag);
  });

  it('reopens a canceled job at the status it had, with a reason; the page shows no cancel', async () => {
    const job = await jobAt('en_route', 'canceled');
    await expect(service.setJobStatus(job.job_id, 'en_route')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('Reopening a canceled job needs a reason') as string,
    });
    const { job: reopened } = await service.setJobStatus(job.job_id, 'en_route', 'Undo', BY);
    expect(reopened.status).toBe('en_route');
    expect(reopened.history!.at(-1)).toMatchObject({ reason: 'Undo', event: 'status' });
    expect((await publicDoc(reopened)).timeline.map((t) => t.status)).toEqual([
      'scheduled',
      'en_route',
    ]);
  });

  it('records the reason of an undo that is a plain step forward too', async () => {
    const job = await jobAt('en_route');
    await service.setJobStatus(job.job_id, 'scheduled', 'Truck broke down', BY);
    const { job: redone } = await service.setJobStatus(job.job_id, 'en_route', 'Undo', BY);
    expect(redone.history!.slice(-2).map((h) => [h.status, h.reason])).toEqual([
      ['scheduled', 'Truck broke down'],
      ['en_route', 'Undo'],
    ]);
  });

  it.each([
    [
      'scheduled',
      'on_site',
      'Send the crew on the way first: a scheduled job goes to En route before On site.',
    ],
    [
      'completed',
      'canceled',
      'A completed job cannot be canceled. Move it back to an open status first, with a reason.',
    ],
    [
      'canceled',
      'completed',
      'A canceled job can be reopened at an open status (Requested to On site), not Completed.',
    ],
  ] as const)('refuses %s → %s even with a reason, saying why', async (from, to, message) => {
    const path: Record<string, JobStatus[]> = {
      scheduled: [],
      completed: ['en_route', 'on_site', 'completed'],
      canceled: ['canceled'],
    };
    const job = await jobAt(...path[from]!);
    await expect(service.setJobStatus(job.job_id, to, 'a reason')).rejects.toMatchObject({
      code: 'invalid_transition',
      message,
    });
  });

  it('a job that finished, then was edited, still finished when it was completed', async () => {
    const job = await jobAt('en_route', 'on_site', 'completed');
    const completedAt = job.history!.at(-1)!.at;
    now = new Date(now.getTime() + 7 * 86_400_000);
    const { job: edited } = await service.editJob(job.job_id, { changes: { price: 650 } }, BY);
    expect(edited.history!.at(-1)).toMatchObject({ event: 'edit', status: 'completed' });
    expect(finishedAt(edited)!.toISOString()).toBe(new Date(completedAt).toISOString());
  });
});

describe('the customer timeline', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 10, 28, 9, n)).toISOString();
  it('keeps status moves only, folding corrections in', () => {
    const timeline = customerTimeline([
      { status: 'requested', at: at(0), event: 'created' },
      { status: 'scheduled', at: at(1) },
      { status: 'scheduled', at: at(2), event: 'edit', fields: ['price'] },
      { status: 'en_route', at: at(3), event: 'status' },
      { status: 'scheduled', at: at(4), event: 'status', reason: 'truck broke down' },
      { status: 'scheduled', at: at(5), event: 'rotate' },
      { status: 'canceled', at: at(6), event: 'status' },
      { status: 'en_route', at: at(7), event: 'status', reason: 'Undo' },
    ]);
    expect(timeline.map((t) => [t.status, t.at])).toEqual([
      ['requested', at(0)],
      ['scheduled', at(1)],
      ['en_route', at(7)],
    ]);
  });
});
