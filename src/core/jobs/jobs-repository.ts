import { QdnError } from '../../shared/errors';
import type { Job } from '../../shared/job';
import { PreconditionFailedError } from '../storage/object-store';
import type { ObjectStore } from '../storage/object-store';
import { parseJobsFile, serializeJobsFile } from './jobs-file';
import type { JobsDocument } from './jobs-file';
import type { ChangeOutcome, JobsChange } from './job-changes';

export const JOBS_KEY = 'jobs.json';
const MAX_ATTEMPTS = 6;

/**
 * jobs.json as the single source of truth. Writes are read → change → conditional put; a lost
 * race re-reads and re-applies the same change. A file that does not parse is never written.
 */
export class JobsRepository {
  constructor(
    private readonly store: ObjectStore,
    private readonly key = JOBS_KEY,
  ) {}

  get location(): string {
    return `${this.store.location.replace(/\/$/, '')}/${this.key}`;
  }

  async list(): Promise<Job[]> {
    return (await this.read()).jobs;
  }

  async update<T>(change: JobsChange<T>): Promise<ChangeOutcome<T>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { jobs, extra, etag } = await this.read();
      const outcome = change(jobs);
      if (outcome.changed.length === 0) return outcome;
      try {
        await this.store.put(this.key, serializeJobsFile(outcome.jobs, extra), {
          contentType: 'application/json',
          cacheControl: 'no-store',
          ...(etag ? { ifMatch: etag } : { ifNoneMatch: '*' }),
        });
        return outcome;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
      }
    }
    throw new QdnError(
      'conflict',
      `${this.location} kept changing while saving (${MAX_ATTEMPTS} attempts). Nothing was lost; try again.`,
    );
  }

  private async read(): Promise<JobsDocument & { etag: string | null }> {
    const object = await this.store.get(this.key);
    if (!object) return { jobs: [], extra: {}, etag: null };
    const document = parseJobsFile(object.body.toString('utf8'), this.location);
    return { ...document, etag: object.etag };
  }
}
