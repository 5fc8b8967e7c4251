import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckedRevisionsFile, RECORD_RULES } from '../../../src/core/jobs/checked-revisions';
import { addJob } from '../../../src/core/jobs/job-changes';
import { serializeJobsFile } from '../../../src/core/jobs/jobs-file';
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
    await writeFile(
      record,
      JSON.stringify({ rules: RECORD_RULES, revisions: [[md5(text), 'read']] }),
    );
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
    await writeFile(
      record,
      JSON.stringify({ rules: 'older-rules', revisions: [[md5(text), 'written']] }),
    );
    await expect(open().list()).rejects.toMatchObject({ code: 'jobs_file_invalid' });
    await writeFile(record, `{"rules": "${RECORD_RULES}", "revisions": [`);
    await expect(open().list()).rejects.toMatchObject({ code: 'jobs_file_invalid' });
  });

  it('what a write stores and a full read accepts are recorded for the next process', async () => {
    const repo = open();
    const { revision } = await repo.update(addJob(input, NOW));
    const recorded = () =>
      JSON.parse(readFileSync(record, 'utf8')) as { rules: string; revisions: string[][] };
    expect(recorded()).toEqual({ rules: RECORD_RULES, revisions: [[revision, 'written']] });
    // A valid hand edit (a note added) is checked once, then remembered.
    const doc = JSON.parse(await readFile(jobsFile, 'utf8')) as { jobs: Job[] };
    const edited = `${JSON.stringify({ schema: 1, jobs: [{ ...doc.jobs[0]!, notes: 'Gate 4' }] }, null, 2)}\n`;
    await writeFile(jobsFile, edited);
    expect((await open().list())[0]!.notes).toBe('Gate 4');
    expect(recorded().revisions).toEqual([
      [revision, 'written'],
      [md5(edited), 'read'],
    ]);
  });

  it('the next write puts a hand-edited file back in file form; its own output it leaves be', async () => {
    const repo = open();
    await repo.update(addJob(input, NOW));
    const { jobs } = JSON.parse(await readFile(jobsFile, 'utf8')) as { jobs: Job[] };
    // Valid, but keys in reverse order: as an editor or another tool might leave it.
    const reversed = jobs.map((job) => Object.fromEntries(Object.entries(job).reverse()));
    await writeFile(jobsFile, JSON.stringify({ schema: 1, jobs: reversed }));
    await open().update(addJob({ ...input, customer_name: 'Bo' }, NOW));
    const text = await readFile(jobsFile, 'utf8');
    const written = JSON.parse(text) as { jobs: Job[] };
    expect(text).toBe(serializeJobsFile(written.jobs));
    expect(Object.keys(written.jobs[0]!)[0]).toBe('job_id');
    // Written by the product, then changed again: still exactly the file form.
    await open().update(addJob({ ...input, customer_name: 'Cy' }, NOW));
    const again = await readFile(jobsFile, 'utf8');
    expect(again).toBe(serializeJobsFile((JSON.parse(again) as { jobs: Job[] }).jobs));
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
