import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { errorMessage, QdnError } from '../../shared/errors';
import type { JobsFileVersion } from '../../shared/jobs/jobs-api';
import type { Job } from '../../shared/job';
import { PreconditionFailedError } from '../storage/object-store';
import type { ObjectStore } from '../storage/object-store';
import { CheckedRevisionsInMemory } from './checked-revisions';
import type { CheckedRevisions } from './checked-revisions';
import { WrittenJobsFile } from './written-jobs-file';
import type { JobsChange, SavedChange } from './job-changes';
import type { JobsStore, UpdateHooks } from './jobs-store';
import { archiveMonth, JobsArchive } from './jobs-archive';
import { finishedAt, finishedBefore } from './job-lifecycle';

export const JOBS_KEY = 'jobs.json';

const MAX_ATTEMPTS = 6;

/**
 * jobs.json as the single source of truth. Writes are read → change → conditional put; a lost
 * race re-reads and re-applies the same change. A file that does not parse is never written.
 * Each write checks the jobs it changes; a read checks the whole file unless these exact bytes
 * were checked before (`checked`: the ETags of what this product wrote or read in full).
 */
export class JobsRepository implements JobsStore {
  private readonly archive: JobsArchive;

  constructor(
    private readonly store: ObjectStore,
    private readonly key = JOBS_KEY,
    private readonly checked: CheckedRevisions = new CheckedRevisionsInMemory(),
  ) {
    this.archive = new JobsArchive(store);
  }

  get location(): string {
    return `${this.store.location.replace(/\/$/, '')}/${this.key}`;
  }

  async list(): Promise<Job[]> {
    return (await this.read()).jobs;
  }

  /** The jobs and the revision they were read at (see `revision`). */
  async snapshot(): Promise<{ jobs: Job[]; revision: string | null }> {
    const { jobs, etag } = await this.read();
    return { jobs, revision: etag };
  }

  /**
   * What identifies the stored jobs as they are now (the object's ETag): equal revisions mean
   * nothing changed, so a check after publishing needs no read of the whole file.
   */
  async revision(): Promise<string | null> {
    return (await this.store.head(this.key))?.etag ?? null;
  }

  /**
   * One read, one validation and one conditional write per attempt. A create, move or edit of
   * a file this product wrote skips even the validation of the other jobs: it parses none of
   * them (written-jobs-file.ts).
   */
  async update<T>(change: JobsChange<T>, hooks: UpdateHooks<T> = {}): Promise<SavedChange<T>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { file, etag } = await this.readFile();
      const { result, changed, bytes, form } = await this.recording(file, etag, () =>
        file.afterChange(change),
      );
      if (changed.length === 0) return { result, changed, revision: etag };
      await hooks.beforeWrite?.({ result, changed });
      try {
        const written = await this.store.put(this.key, bytes, {
          contentType: 'application/json',
          cacheControl: 'no-store',
          ...(etag ? { ifMatch: etag } : { ifNoneMatch: '*' }),
        });
        await this.checked.add(written.etag, form);
        return { result, changed, revision: written.etag };
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
      }
      // A random pause before the next read ("full jitter"), long enough to let several
      // writes land: writers that lost together and retried at once would each lose once per
      // write, in the same order, and the eighth of eight racers would run out of attempts
      // (a lock that hands a key over at once makes that order strict; src/core/storage/file-lock.ts).
      if (attempt < MAX_ATTEMPTS) await sleep(Math.random() * Math.min(1000, 40 * 2 ** attempt));
    }
    throw new QdnError(
      'conflict',
      `${this.location} kept changing while saving (${MAX_ATTEMPTS} attempts). Nothing was lost; try again.`,
    );
  }

  /**
   * Moves jobs finished `days` or more before `now` to archive/YYYY-MM.json. Steps, each safe to
   * cut short: (1) merge them into their month's file, (2) `beforeRemove` (the service withdraws
   * their status documents), (3) remove from jobs.json those still exactly as archived. A crash
   * after (1) leaves a job in both places; readers prefer jobs.json, and a re-run finishes.
   */
  async archiveFinished(
    days: number,
    now: Date,
    beforeRemove: (jobs: readonly Job[]) => Promise<void> = async () => undefined,
  ): Promise<Job[]> {
    const { jobs } = await this.read();
    const due = jobs.filter((job) => finishedBefore(job, days, now));
    if (due.length === 0) return [];
    const byMonth = new Map<string, Job[]>();
    for (const job of due) {
      const month = archiveMonth(finishedAt(job)!);
      byMonth.set(month, [...(byMonth.get(month) ?? []), job]);
    }
    for (const [month, monthJobs] of byMonth) await this.archive.add(month, monthJobs);
    await beforeRemove(due);
    const archived = new Map(due.map((job) => [job.job_id, job]));
    const outcome = await this.update((current) => {
      // A job changed since it was archived stays; the next run archives its latest form.
      const gone = current.filter((job) => {
        const copy = archived.get(job.job_id);
        return copy !== undefined && isDeepStrictEqual(copy, job);
      });
      const goneIds = new Set(gone.map((job) => job.job_id));
      return {
        jobs: current.filter((job) => !goneIds.has(job.job_id)),
        changed: gone,
        result: gone,
      };
    });
    return outcome.result;
  }

  /** Archived jobs (read-only), without any that jobs.json still holds (an unfinished archive). */
  async listArchived(): Promise<Job[]> {
    const [archived, live] = await Promise.all([this.archive.list(), this.list()]);
    const liveIds = new Set(live.map((job) => job.job_id));
    return archived.filter((job) => !liveIds.has(job.job_id));
  }

  /** Earlier versions of jobs.json, newest first, each checked so the dispatcher can choose. */
  async versions(limit = 10): Promise<JobsFileVersion[]> {
    const versions = (await this.store.listVersions(this.key)).slice(0, limit);
    return Promise.all(
      versions.map(async ({ versionId, lastModified }) => {
        const base = { versionId, savedAt: lastModified.toISOString() };
        // Any failure — a version that cannot be read, or one that does not parse — marks
        // that version alone: the dispatcher can still choose among the rest.
        try {
          const stored = await this.store.getVersion(this.key, versionId);
          if (!stored) throw new Error('it is no longer stored');
          const { jobs } = new WrittenJobsFile(
            stored.body,
            null,
            this.versionLocation(versionId),
          ).document();
          return { ...base, jobs: jobs.length, problem: null };
        } catch (err) {
          return { ...base, jobs: null, problem: errorMessage(err) };
        }
      }),
    );
  }

  /**
   * Makes an earlier version current again, byte for byte, if it is valid. What it replaces
   * becomes a version in turn, so a restore can itself be undone.
   */
  async restore(versionId: string): Promise<Job[]> {
    const stored = await this.store.getVersion(this.key, versionId);
    if (!stored) {
      throw new QdnError('not_found', `${this.location} has no earlier version "${versionId}".`);
    }
    const { jobs } = new WrittenJobsFile(
      stored.body,
      null,
      this.versionLocation(versionId),
    ).document();
    const current = await this.store.head(this.key);
    try {
      const written = await this.store.put(this.key, stored.body, {
        contentType: 'application/json',
        cacheControl: 'no-store',
        ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' }),
      });
      await this.checked.add(written.etag, 'read'); // checked in full above, in its own form
    } catch (err) {
      if (!(err instanceof PreconditionFailedError)) throw err;
      throw new QdnError(
        'conflict',
        `${this.location} changed while restoring; nothing was restored. Look again, then retry.`,
      );
    }
    return jobs;
  }

  private versionLocation(versionId: string): string {
    return `${this.location} (version ${versionId})`;
  }

  private async read(): Promise<{ jobs: Job[]; etag: string | null }> {
    const { file, etag } = await this.readFile();
    return { jobs: (await this.recording(file, etag, () => file.document())).jobs, etag };
  }

  /** jobs.json as stored, with how (and whether) these bytes were checked before. */
  private async readFile(): Promise<{ file: WrittenJobsFile; etag: string | null }> {
    const object = await this.store.get(this.key);
    const as = object ? await this.checked.checkedAs(object.etag) : null;
    return {
      file: new WrittenJobsFile(object?.body ?? null, as, this.location),
      etag: object?.etag ?? null,
    };
  }

  /**
   * Uses the file; bytes it checked in full for the first time are recorded as checked, even
   * when the use then fails (a change that refuses): the next read need not check them again.
   */
  private async recording<R>(file: WrittenJobsFile, etag: string | null, use: () => R): Promise<R> {
    try {
      return use();
    } finally {
      if (etag && file.checkedInFull) await this.checked.add(etag, 'read');
    }
  }
}
