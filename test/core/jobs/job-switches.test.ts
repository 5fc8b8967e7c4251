import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import type { JobActor } from '../../../src/core/jobs/job-actor';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { Job } from '../../../src/shared/job';

// The per-job "don't text" switch and the paid mark (issue 18), edited as any field is.
let dir: string;
let data: LocalFolderStore;
let service: JobsService;
const NOW = new Date('2026-11-28T09:00:00Z');
const ACTOR: JobActor = {
  by: 'ana@dispatch (console)',
  rules: { phoneCountry: 'US', crew: ['Dana'], timeZone: 'America/Chicago' },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-switches-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  const prod = new LocalFolderStore(path.join(dir, 'prod'));
  service = new JobsService(
    new JobsRepository(data),
    new StatusPublisher([prod], { name: 'QuickDumpNow' }),
    () => NOW,
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mark(): Promise<Job> {
  const { job } = await service.createJob(
    {
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      pickup_date: '2026-11-29T16:00:00Z',
      price: 600,
      phone: '(312) 555-0142',
    },
    ACTOR,
  );
  return job;
}

async function stored(jobId: string): Promise<Record<string, unknown>> {
  const file = JSON.parse(await readFile(path.join(dir, 'data', 'jobs.json'), 'utf8')) as {
    jobs: Record<string, unknown>[];
  };
  return file.jobs.find((j) => j.job_id === jobId)!;
}

describe('editJob: no_texts and paid_at', () => {
  it('turns texts off and on; history says so without personal data; on again leaves no field behind', async () => {
    const job = await mark();
    const off = await service.editJob(job.job_id, { changes: { no_texts: true } }, ACTOR);
    expect(off.job.no_texts).toBe(true);
    expect((await stored(job.job_id)).no_texts).toBe(true);
    expect(off.job.history!.at(-1)).toMatchObject({
      event: 'edit',
      fields: ['no_texts'],
      changes: { no_texts: { from: 'texts on', to: 'texts off' } },
    });
    expect(JSON.stringify(off.job.history!.at(-1))).not.toMatch(/Mark|555|Soderblom/);

    // Off again changes nothing: no write, no history entry.
    const before = (await data.head('jobs.json'))!.etag;
    const again = await service.editJob(job.job_id, { changes: { no_texts: true } }, ACTOR);
    expect(again.job.history).toHaveLength(off.job.history!.length);
    expect((await data.head('jobs.json'))!.etag).toBe(before);

    const on = await service.editJob(
      job.job_id,
      { changes: { no_texts: false }, base: { no_texts: true } },
      ACTOR,
    );
    expect(on.job).not.toHaveProperty('no_texts');
    expect(await stored(job.job_id)).not.toHaveProperty('no_texts');
    expect(on.job.history!.at(-1)).toMatchObject({
      changes: { no_texts: { from: 'texts off', to: 'texts on' } },
    });
  });

  it('marks a job paid at an instant and unpaid again, with the instant in history', async () => {
    const job = await mark();
    const paid = await service.editJob(
      job.job_id,
      { changes: { paid_at: '2026-11-28T08:30:00-06:00' } },
      ACTOR,
    );
    expect(paid.job.paid_at).toBe('2026-11-28T08:30:00-06:00');
    expect(paid.job.history!.at(-1)).toMatchObject({
      fields: ['paid_at'],
      changes: { paid_at: { from: null, to: '2026-11-28T08:30:00-06:00' } },
    });
    // The same instant written otherwise is no change.
    const same = await service.editJob(
      job.job_id,
      { changes: { paid_at: '2026-11-28T14:30:00Z' } },
      ACTOR,
    );
    expect(same.job.history).toHaveLength(paid.job.history!.length);

    const unpaid = await service.editJob(job.job_id, { changes: { paid_at: null } }, ACTOR);
    expect(unpaid.job).not.toHaveProperty('paid_at');
    expect(await stored(job.job_id)).not.toHaveProperty('paid_at');
  });

  it('refuses a bad value or a stale base and writes nothing', async () => {
    const job = await mark();
    await service.editJob(job.job_id, { changes: { no_texts: true } }, ACTOR);
    const before = (await data.head('jobs.json'))!.etag;
    await expect(
      service.editJob(job.job_id, { changes: { paid_at: 'yesterday' } }, ACTOR),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^Paid /) as string,
    });
    await expect(
      service.editJob(
        job.job_id,
        // @ts-expect-error a string is no switch: the contract refuses it at run time too
        { changes: { no_texts: 'yes' } },
        ACTOR,
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
    // Another laptop turned texts off meanwhile; this edit started from "on".
    await expect(
      service.editJob(
        job.job_id,
        { changes: { no_texts: false }, base: { no_texts: false } },
        ACTOR,
      ),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Texts /) as string,
    });
    expect((await data.head('jobs.json'))!.etag).toBe(before);
  });
});
