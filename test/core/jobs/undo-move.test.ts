import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { jobsArgs } from '../../../src/shared/jobs/jobs-args';

// Issue 17 §6: an Undo of a move is marked in history, and names the status it starts from so
// that core refuses it once the job moved on (another laptop, qdn) instead of taking that back.
// Over a real folder store.

let dir: string;
let data: LocalFolderStore;
let service: JobsService;
const BY = { by: 'ana@dispatch (console)' };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-undo-move-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  service = new JobsService(
    new JobsRepository(data),
    new StatusPublisher([new LocalFolderStore(path.join(dir, 'prod'))], { name: 'QuickDumpNow' }),
    () => new Date('2026-11-28T09:00:00Z'),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function maria() {
  const { job } = await service.createJob(
    {
      customer_name: 'Maria',
      address: '2250 North Lincoln Ave',
      pickup_date: '2026-11-29T19:00:00Z',
      price: 300,
    },
    BY,
  );
  return job;
}

describe('the Undo of a move (issue 17)', () => {
  it('is marked undo: true in history, with its reason', async () => {
    const job = await maria();
    await service.setJobStatus(job.job_id, 'en_route', undefined, BY);
    const { job: undone } = await service.setJobStatus(job.job_id, 'scheduled', 'Undo', BY, {
      undo: true,
      from: 'en_route',
    });
    expect(undone.status).toBe('scheduled');
    expect(undone.history!.slice(-2)).toMatchObject([
      { status: 'en_route', event: 'status' },
      { status: 'scheduled', event: 'status', reason: 'Undo', undo: true },
    ]);
    expect(undone.history!.at(-2)).not.toHaveProperty('undo');
    expect((await service.listJobs())[0]!.history).toEqual(undone.history);
  });

  it('is refused (conflict) and writes nothing once the job moved on from where it started', async () => {
    const job = await maria();
    await service.setJobStatus(job.job_id, 'en_route', undefined, BY);
    await service.setJobStatus(job.job_id, 'on_site', undefined, { by: 'cli' }); // elsewhere
    const before = (await data.head('jobs.json'))!.etag;
    await expect(
      service.setJobStatus(job.job_id, 'scheduled', 'Undo', BY, { undo: true, from: 'en_route' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: "Maria's job is On site now, not En route: nothing was changed.",
    });
    expect((await data.head('jobs.json'))!.etag).toBe(before);
    expect((await service.listJobs())[0]!.status).toBe('on_site');
  });

  it('the contract takes the move options typed, and refuses anything else', () => {
    const id = '0123456789abcdef';
    const args = jobsArgs.setJobStatus;
    expect(args.parse([id, 'scheduled', 'Undo', { undo: true, from: 'en_route' }])).toEqual([
      id,
      'scheduled',
      'Undo',
      { undo: true, from: 'en_route' },
    ]);
    expect(args.safeParse([id, 'scheduled', 'Undo', { undo: 'yes' }]).success).toBe(false);
    expect(args.safeParse([id, 'scheduled', 'Undo', { from: 'somewhere' }]).success).toBe(false);
    expect(args.safeParse([id, 'scheduled', 'Undo', { undo: true, force: true }]).success).toBe(
      false,
    );
  });
});
