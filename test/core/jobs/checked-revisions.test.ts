import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckedRevisionsFile } from '../../../src/core/jobs/checked-revisions';
import { addJob } from '../../../src/core/jobs/job-changes';
import { FAST_CHECK_IDENTITY } from '../../../src/core/jobs/jobs-fast-check';
import { JOBS_KEY, JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { Job } from '../../../src/shared/job';

// Real folders and files: the record is the file `qdn` and the console share.
const NOW = new Date('2026-11-28T09:00:00Z');
const input = {
  customer_name: 'Ana Ruiz',
  address: '1 Elm St',
  pickup_date: '2026-12-01T16:00:00Z',
  price: 250,
};

let dir: string;
let record: string;
let jobsFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-checked-'));
  record = path.join(dir, '.qdn', 'checked-jobs.json');
  jobsFile = path.join(dir, 'data', 'jobs.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A repository as a fresh `qdn` process opens it: new store, the workspace's record. */
const open = () =>
  new JobsRepository(
    new LocalFolderStore(path.join(dir, 'data')),
    JOBS_KEY,
    new CheckedRevisionsFile(record),
  );

const md5 = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

/** A jobs.json whose one job breaks the schema (a status nobody knows). */
async function writeInvalidFile(): Promise<string> {
  const repo = open();
  const { result: job } = await repo.update(addJob(input, NOW));
  const text = `${JSON.stringify({ schema: 1, jobs: [{ ...job, status: 'lost' }] }, null, 2)}\n`;
  await writeFile(jobsFile, text);
  return text;
}

describe('checked revisions of jobs.json (issue 9: one validation per write)', () => {
  it('bytes recorded as checked are read without checking every job again', async () => {
    const text = await writeInvalidFile();
    // Only a record can make this file readable: proof that a recorded revision skips the check.
    await mkdir(path.dirname(record), { recursive: true });
    await writeFile(record, JSON.stringify({ rules: FAST_CHECK_IDENTITY, etags: [md5(text)] }));
    expect((await open().list())[0]!.status).toBe('lost');
  });

  it('a hand edit is a new revision: checked in full and refused, nothing overwritten', async () => {
    const text = await writeInvalidFile();
    const before = await readFile(record, 'utf8');
    expect(before).not.toContain(md5(text)); // what the repository wrote is there, not the edit
    await expect(open().list()).rejects.toMatchObject({ code: 'jobs_file_invalid' });
    await expect(open().update(addJob(input, NOW))).rejects.toMatchObject({
      code: 'jobs_file_invalid',
    });
    expect(await readFile(jobsFile, 'utf8')).toBe(text);
  });

  it('a record made under other rules, or damaged, is not trusted', async () => {
    const text = await writeInvalidFile();
    await writeFile(record, JSON.stringify({ rules: 'older-rules', etags: [md5(text)] }));
    await expect(open().list()).rejects.toMatchObject({ code: 'jobs_file_invalid' });
    await writeFile(record, `{"rules": "${FAST_CHECK_IDENTITY}", "etags": [`);
    await expect(open().list()).rejects.toMatchObject({ code: 'jobs_file_invalid' });
  });

  it('what a write stores and a full read accepts are recorded for the next process', async () => {
    const repo = open();
    const { revision } = await repo.update(addJob(input, NOW));
    const recorded = () =>
      JSON.parse(readFileSync(record, 'utf8')) as { rules: string; etags: string[] };
    expect(recorded()).toEqual({ rules: FAST_CHECK_IDENTITY, etags: [revision] });
    // A valid hand edit (a note added) is checked once, then remembered.
    const doc = JSON.parse(await readFile(jobsFile, 'utf8')) as { jobs: Job[] };
    const edited = `${JSON.stringify({ schema: 1, jobs: [{ ...doc.jobs[0]!, notes: 'Gate 4' }] }, null, 2)}\n`;
    await writeFile(jobsFile, edited);
    expect((await open().list())[0]!.notes).toBe('Gate 4');
    expect(recorded().etags).toEqual([revision, md5(edited)]);
  });

  it('a change that would store an invalid job is refused before anything is written', async () => {
    const repo = open();
    await repo.update(addJob(input, NOW));
    const before = await readFile(jobsFile, 'utf8');
    const broken = (jobs: readonly Job[]) => {
      const job = { ...jobs[0]!, price: -5 };
      return { jobs: [job], result: null, changed: [job] };
    };
    await expect(repo.update(broken)).rejects.toThrow(/invalid job .*price/);
    expect(await readFile(jobsFile, 'utf8')).toBe(before);
  });

  it('a change that would repeat a tracking token or a job id is refused', async () => {
    const repo = open();
    await repo.update(addJob(input, NOW));
    const { result: second } = await repo.update(addJob(input, NOW));
    const before = await readFile(jobsFile, 'utf8');
    for (const field of ['tracking_token', 'job_id'] as const) {
      const clash = (jobs: readonly Job[]) => {
        const job = { ...jobs[1]!, [field]: jobs[0]![field] };
        return { jobs: [jobs[0]!, job], result: null, changed: [job] };
      };
      await expect(repo.update(clash)).rejects.toThrow(`the same ${field}`);
    }
    expect(await readFile(jobsFile, 'utf8')).toBe(before);
    expect((await open().list()).map((j) => j.job_id)).toContain(second.job_id);
  });

  it('a record that cannot be written costs a full check, not the write', async () => {
    // A folder where the record file should be: every write of it fails.
    await mkdir(record, { recursive: true });
    const repo = open();
    const { result } = await repo.update(addJob(input, NOW));
    expect((await open().list()).map((j) => j.job_id)).toEqual([result.job_id]);
  });
});
