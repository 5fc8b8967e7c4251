import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../src/core/console/core-api';
import { PastPickupError } from '../../../src/core/jobs/job-field-checks';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import { coreArgs } from '../../../src/shared/api-args';
import { answerCall } from '../../../src/shared/call';
import type { NewJobInput } from '../../../src/shared/job';

// Core, not the shells, refuses a create whose pickup is already over, as it refuses such an
// edit: a caller that goes around the form and the CLI (the contract, a script) meets the same
// rule, and `allow_past_pickup` is how a dispatcher records a pickup after the fact.

const NOW = new Date('2026-11-28T09:00:00Z');
const ana = (pickup: Partial<NewJobInput>): NewJobInput => ({
  customer_name: 'Ana Ruiz',
  address: '1 Elm St',
  pickup_date: '2026-11-29T16:00:00Z',
  price: 250,
  ...pickup,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-past-create-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under a folder, so "nothing written" means nothing at all. */
async function filesUnder(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('a create through JobsService', () => {
  const service = () =>
    new JobsService(
      new JobsRepository(new LocalFolderStore(path.join(dir, 'data'))),
      new StatusPublisher([new LocalFolderStore(path.join(dir, 'prod'))], { name: 'Q' }),
      () => NOW,
    );

  it('refuses a pickup already over, writing nothing and publishing nothing', async () => {
    const refused = await service()
      .createJob(ana({ pickup_date: '2026-11-27T16:00:00Z' }), { rules: { timeZone: 'UTC' } })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(PastPickupError);
    expect((refused as PastPickupError).code).toBe('bad_request');
    expect((refused as PastPickupError).message).toMatch(/^The pickup \(.*\) is in the past\./);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('keeps a past pickup the dispatcher confirmed, without storing the confirmation', async () => {
    const { job } = await service().createJob(
      ana({ pickup_date: '2026-11-27T16:00:00Z', allow_past_pickup: true }),
    );
    expect(job.pickup_date).toBe('2026-11-27T16:00:00Z');
    expect(job).not.toHaveProperty('allow_past_pickup');
    const text = await readFile(path.join(dir, 'data', 'jobs.json'), 'utf8');
    expect(text).toContain(job.job_id);
    expect(text).not.toContain('allow_past_pickup');
  });

  it('takes a window that started but is not over, and a pickup from now on', async () => {
    const running = await service().createJob(
      ana({ pickup_date: '2026-11-28T08:00:00Z', pickup_window_end: '2026-11-28T12:00:00Z' }),
    );
    expect(running.job.pickup_window_end).toBe('2026-11-28T12:00:00Z');
    const later = await service().createJob(ana({}));
    // Both created at NOW: the file orders them by id.
    const ids = (await service().listJobs()).map((j) => j.job_id);
    expect(ids.sort()).toEqual([running.job.job_id, later.job.job_id].sort());
  });
});

describe("the contract's createJob, as the console calls it", () => {
  it('refuses a past pickup as data, and keeps it with allow_past_pickup', async () => {
    const ws = await openWorkspace(dir);
    const api = createCoreApi(ws);
    const jobsFile = path.join(dir, 'data', 'jobs.json');
    const past = ana({ pickup_date: '2020-01-01T10:00:00Z' });

    const refused = await answerCall(api, coreArgs, 'createJob', [past]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/is in the past/);
    await expect(readFile(jobsFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });

    const kept = await answerCall(api, coreArgs, 'createJob', [
      { ...past, allow_past_pickup: true },
    ]);
    expect(kept.ok).toBe(true);
    const jobs = await api.listJobs();
    expect(jobs.map((j) => j.pickup_date)).toEqual(['2020-01-01T10:00:00Z']);
    expect(await readFile(jobsFile, 'utf8')).not.toContain('allow_past_pickup');
  });
});
