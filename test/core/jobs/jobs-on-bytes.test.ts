import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addJob, changeStatus } from '../../../src/core/jobs/job-changes';
import { editJob } from '../../../src/core/jobs/job-edits';
import { parseJobsFile, serializeJobsFile } from '../../../src/core/jobs/jobs-file';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { QdnError } from '../../../src/shared/errors';
import type { Job } from '../../../src/shared/job';
import type * as IdsModule from '../../../src/core/ids/random-ids';

// A create, a move or an edit of a jobs.json this product wrote is applied to its bytes (no
// parse of the other jobs). Real folders and files; the ids module is replaced so that a test can make
// a fresh id or token clash with one in the file, which 64 and 256 random bits never do.
const ids = vi.hoisted(() => ({ jobIds: [] as string[], tokens: [] as string[] }));
vi.mock('../../../src/core/ids/random-ids', async (actual) => {
  const real = await actual<typeof IdsModule>();
  return {
    newJobId: () => ids.jobIds.shift() ?? real.newJobId(),
    newTrackingToken: () => ids.tokens.shift() ?? real.newTrackingToken(),
  };
});

const NOW = new Date('2026-11-28T09:00:00Z');
const input = {
  customer_name: 'Ana Ruiz',
  address: '1 Elm St',
  pickup_date: '2026-12-01T16:00:00Z',
  price: 250,
};

let dir: string;
let repo: JobsRepository;
const jobsFile = () => path.join(dir, 'data', 'jobs.json');
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-addition-'));
  repo = new JobsRepository(new LocalFolderStore(path.join(dir, 'data')));
  ids.jobIds = [];
  ids.tokens = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Three jobs this repository wrote, a minute apart, so a create at NOW is the newest. */
async function written() {
  for (const [i, name] of ['Ana', 'Bo', 'Cy'].entries()) {
    const at = new Date(NOW.getTime() - (3 - i) * 60_000);
    await repo.update(addJob({ ...input, customer_name: name }, at));
  }
  return parseJobsFile(await readFile(jobsFile(), 'utf8'), 'jobs.json').jobs;
}

describe('a create on a file this product wrote', () => {
  it('parses none of the jobs already there, and writes what a full write would', async () => {
    const before = await written();
    const parse = vi.spyOn(JSON, 'parse');
    const { result } = await repo.update(addJob({ ...input, customer_name: 'Di' }, NOW));
    const parsedTexts = parse.mock.calls.map(([text]) => String(text));
    parse.mockRestore();
    // Only the last job is parsed, to keep creation order: never the first one's text.
    expect(parsedTexts.some((text) => text.includes(before[0]!.job_id))).toBe(false);
    const text = await readFile(jobsFile(), 'utf8');
    expect(text).toBe(serializeJobsFile([...before, result]));
  });

  it('draws another id when the one drawn is already in the file', async () => {
    const before = await written();
    ids.jobIds = [before[1]!.job_id, 'feedfacefeedface'];
    const { result } = await repo.update(addJob(input, NOW));
    expect(result.job_id).toBe('feedfacefeedface');
    const after = parseJobsFile(await readFile(jobsFile(), 'utf8'), 'jobs.json').jobs;
    expect(after.map((j) => j.job_id)).toEqual([
      ...before.map((j) => j.job_id),
      'feedfacefeedface',
    ]);
  });

  it('refuses a token already in the file and leaves the file as it was', async () => {
    const before = await written();
    const text = await readFile(jobsFile(), 'utf8');
    ids.tokens = [before[0]!.tracking_token, before[0]!.tracking_token];
    const error = await repo.update(addJob(input, NOW)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QdnError);
    expect((error as QdnError).message).toMatch(/same tracking_token/);
    expect(await readFile(jobsFile(), 'utf8')).toBe(text);
  });

  it('lands among the jobs when fields kept after them hold objects that look like jobs', async () => {
    // A hand-added field after the jobs array, laid out at a job's depth, with a created_at.
    const log = [{ created_at: '2026-11-01T10:00:00.000Z', what: 'moved to the new yard' }];
    await mkdir(path.dirname(jobsFile()), { recursive: true });
    await writeFile(jobsFile(), JSON.stringify({ schema: 1, jobs: [], log }));
    await repo.update(addJob({ ...input, customer_name: 'Ana' }, NOW)); // read in full
    // Written by this product now, but an append to its bytes would join `log`.
    const { result } = await repo.update(addJob({ ...input, customer_name: 'Bo' }, NOW));
    const after = parseJobsFile(await readFile(jobsFile(), 'utf8'), 'jobs.json');
    expect(after.jobs.map((j) => j.customer_name).sort()).toEqual(['Ana', 'Bo']);
    expect(after.jobs).toContainEqual(result);
    expect(after.extra).toEqual({ log });
  });

  it('an older clock (another laptop) still lands in creation order', async () => {
    const before = await written();
    const { result } = await repo.update(
      addJob({ ...input, customer_name: 'Early' }, new Date('2026-11-28T08:00:00Z')),
    );
    const after = parseJobsFile(await readFile(jobsFile(), 'utf8'), 'jobs.json').jobs;
    expect(after.map((j) => j.customer_name)).toEqual([
      'Early',
      ...before.map((j) => j.customer_name),
    ]);
    expect(after[0]).toEqual(result);
  });
});

describe('a move or an edit on a file this product wrote', () => {
  /** JSON.parse's inputs while `run` runs. */
  async function parsedDuring(run: () => Promise<unknown>): Promise<string[]> {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      await run();
      return parse.mock.calls.map(([text]) => String(text));
    } finally {
      parse.mockRestore();
    }
  }

  it('parses only the job it changes, and writes what a full write would', async () => {
    const [ana, bo, cy] = await written();
    let moved: unknown;
    const texts = await parsedDuring(async () => {
      moved = (await repo.update(changeStatus(bo!.job_id, 'en_route', NOW))).result;
    });
    expect(texts.some((t) => t.includes(ana!.job_id) || t.includes(cy!.job_id))).toBe(false);
    expect(await readFile(jobsFile(), 'utf8')).toBe(serializeJobsFile([ana!, moved as Job, cy!]));

    let edited: unknown;
    const editTexts = await parsedDuring(async () => {
      const edit = { changes: { phone: '+1 312 555 0100', notes: 'Gate "B"\nback door' } };
      edited = (await repo.update(editJob(cy!.job_id, edit, NOW))).result;
    });
    expect(editTexts.some((t) => t.includes(ana!.job_id) || t.includes(bo!.job_id))).toBe(false);
    expect(await readFile(jobsFile(), 'utf8')).toBe(
      serializeJobsFile([ana!, moved as Job, edited as Job]),
    );
  });

  it('says what the full read says, and changes nothing, for an unknown job or a refused move', async () => {
    const [, bo] = await written();
    const text = await readFile(jobsFile(), 'utf8');
    const unknown = await repo
      .update(changeStatus('0123456789abcdef', 'en_route', NOW))
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(QdnError);
    expect((unknown as QdnError).code).toBe('not_found');
    const refused = await repo
      .update(changeStatus(bo!.job_id, 'on_site', NOW))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QdnError);
    expect((refused as QdnError).code).toBe('invalid_transition');
    const nothing = await repo.update(changeStatus(bo!.job_id, 'scheduled', NOW));
    expect(nothing.changed).toEqual([]);
    expect(await readFile(jobsFile(), 'utf8')).toBe(text);
  });
});
