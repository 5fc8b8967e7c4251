import { QdnError } from '../../shared/errors';
import type { Job } from '../../shared/job';
import { PreconditionFailedError } from '../storage/object-store';
import type { ObjectStore } from '../storage/object-store';
import { parseJobsFile, serializeJobsFile } from './jobs-file';

export const ARCHIVE_PREFIX = 'archive/';
const MONTH = /^archive\/(\d{4}-\d{2})\.json$/;
const MAX_ATTEMPTS = 6;

/** `archive/2026-01.json`: the finished jobs of one month (by when they finished), read-only. */
export function archiveKey(month: string): string {
  return `${ARCHIVE_PREFIX}${month}.json`;
}

/**
 * Finished jobs, out of jobs.json, one file per month in the data bucket. A month's file only
 * ever grows by a conditional write that merges by job id, so re-running an interrupted
 * archive adds nothing twice. A file that does not parse is reported and never overwritten.
 */
export class JobsArchive {
  constructor(private readonly store: ObjectStore) {}

  private location(month: string): string {
    return `${this.store.location.replace(/\/$/, '')}/${archiveKey(month)}`;
  }

  /** Months with an archive file, oldest first. */
  async months(): Promise<string[]> {
    const months: string[] = [];
    for (const { key } of await this.store.list(ARCHIVE_PREFIX)) {
      const month = MONTH.exec(key)?.[1];
      if (month) months.push(month);
    }
    return months.sort();
  }

  async read(month: string): Promise<{ jobs: Job[]; etag: string | null }> {
    const object = await this.store.get(archiveKey(month));
    if (!object) return { jobs: [], etag: null };
    const { jobs } = parseJobsFile(object.body.toString('utf8'), this.location(month));
    return { jobs, etag: object.etag };
  }

  /**
   * Every archived job once, oldest month first. A job can be in two months' files: archived,
   * brought back to the board by a restore of an earlier jobs.json, finished again in a later
   * month and archived there. Its latest month's copy is the job as it now is; the earlier copy
   * stays in its file (read-only), as history.
   */
  async list(): Promise<Job[]> {
    const byId = new Map<string, Job>();
    for (const month of await this.months()) {
      for (const job of (await this.read(month)).jobs) {
        byId.delete(job.job_id); // re-inserted: in the order of its latest month
        byId.set(job.job_id, job);
      }
    }
    return [...byId.values()];
  }

  /** Adds (or refreshes, by job id) these jobs in a month's file. */
  async add(month: string, jobs: readonly Job[]): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.read(month);
      const byId = new Map(current.jobs.map((job) => [job.job_id, job]));
      for (const job of jobs) byId.set(job.job_id, job);
      try {
        await this.store.put(archiveKey(month), serializeJobsFile([...byId.values()], { month }), {
          contentType: 'application/json',
          cacheControl: 'no-store',
          ...(current.etag ? { ifMatch: current.etag } : { ifNoneMatch: '*' }),
        });
        return;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
      }
    }
    throw new QdnError(
      'conflict',
      `${this.location(month)} kept changing while archiving. Nothing was lost; try again.`,
    );
  }
}

/** The month a finished job is filed under, in UTC. */
export function archiveMonth(finished: Date): string {
  return finished.toISOString().slice(0, 7);
}
