import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { errorMessage, QdnError } from '../../shared/errors';
import type { JobsFileVersion } from '../../shared/jobs/jobs-api';
import type { Job } from '../../shared/job';
import { PreconditionFailedError } from '../storage/object-store';
import type { ObjectStore } from '../storage/object-store';
import type { StoredObject } from '../storage/object-store';
import {
  appendedJobsFile,
  parseJobsFile,
  replacedJobsFile,
  serializeJobsFile,
  writtenHolds,
  writtenJob,
  writtenJobs,
} from './jobs-file';
import { checkMadeJobs, jobsMade } from './jobs-made';
import type { MadeJobs } from './jobs-made';
import { CheckedRevisionsInMemory } from './checked-revisions';
import type { CheckedAs, CheckedRevisions } from './checked-revisions';
import type { JobsDocument } from './jobs-file';
import type { JobsAddition, JobsChange, OneJobUpdate, SavedChange } from './job-changes';
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
   * them (onBytes).
   */
  async update<T>(change: JobsChange<T>, hooks: UpdateHooks<T> = {}): Promise<SavedChange<T>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stored = await this.readStored();
      const onBytes = stored?.as === 'written' ? this.onBytes(change, stored.object.body) : null;
      const { result, changed, bytes } = onBytes ?? (await this.planned(change, stored));
      if (changed.length === 0) return { result, changed, revision: stored?.object.etag ?? null };
      await hooks.beforeWrite?.({ result, changed });
      try {
        const written = await this.store.put(this.key, bytes, {
          contentType: 'application/json',
          cacheControl: 'no-store',
          ...(stored ? { ifMatch: stored.object.etag } : { ifNoneMatch: '*' }),
        });
        await this.checked.add(written.etag, 'written');
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

  /** The change applied to the jobs as read, checked, and the bytes to store. */
  private async planned<T>(
    change: JobsChange<T>,
    stored: StoredJobs | null,
  ): Promise<PlannedWrite<T>> {
    const { jobs, extra } = await this.parsed(stored);
    const outcome = change(jobs);
    if (outcome.changed.length === 0) return { ...outcome, bytes: '' };
    const made = jobsMade(jobs, outcome.jobs);
    checkMadeJobs(outcome.jobs, made, this.location);
    const written = stored?.as === 'written' ? stored.object.body : null;
    return { ...outcome, bytes: this.serialized(outcome.jobs, extra, jobs, made, written) };
  }

  /**
   * A create, a move or an edit of a file this product wrote, applied to its bytes: none of
   * the other jobs is parsed, checked or serialised again. Null when the change or the bytes do
   * not allow it.
   */
  private onBytes<T>(change: JobsChange<T>, written: Buffer): PlannedWrite<T> | null {
    if (change.appends) return this.appended(written, change.appends);
    if (change.updatesOne) return this.replaced(written, change.updatesOne);
    return null;
  }

  /**
   * One job of a file this product wrote, changed in its bytes (jobs-file.ts `writtenJob`): the
   * job checked against the schema, a new token against the file's. Null when the job is not
   * found so, or the change would move it in the file's order (the caller reads in full).
   */
  private replaced<T>(written: Buffer, { jobId, update }: OneJobUpdate<T>): PlannedWrite<T> | null {
    const where = writtenJob(written, jobId);
    if (!where) return null;
    const { job, result } = update(where.job);
    if (!job) return { result, changed: [], bytes: '' };
    // Its place in the file is its creation time, then its id.
    if (job.job_id !== jobId || job.created_at !== where.job.created_at) return null;
    const newToken = job.tracking_token !== where.job.tracking_token;
    if (newToken && writtenHolds(written, 'tracking_token', job.tracking_token)) return null;
    checkMadeJobs([job], { positions: [0], othersInOrder: true }, this.location);
    return { result, changed: [job], bytes: replacedJobsFile(written, where, job) };
  }

  /**
   * An addition to a file this product wrote, from its bytes (jobs-file.ts `writtenJobs`): the
   * added jobs checked against the schema and each other, their ids and tokens against the
   * file's. Null when the bytes or the added jobs do not allow it (the caller reads in full).
   */
  private appended<T>(written: Buffer, addition: JobsAddition<T>): PlannedWrite<T> | null {
    const file = writtenJobs(written);
    if (!file) return null;
    const { added, result } = addition((id) => file.holds('job_id', id));
    // The file's own checks, from its bytes; a clash the full read then reports.
    const clashes = (job: Job) =>
      file.holds('job_id', job.job_id) || file.holds('tracking_token', job.tracking_token);
    if (added.some(clashes)) return null;
    checkMadeJobs(added, { positions: added.map((_, i) => i), othersInOrder: true }, this.location);
    const bytes = appendedJobsFile(written, {}, file.last, added);
    return bytes ? { result, changed: added, bytes } : null;
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
          const { jobs } = parseJobsFile(
            stored.body.toString('utf8'),
            this.versionLocation(versionId),
          );
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
    const { jobs } = parseJobsFile(stored.body.toString('utf8'), this.versionLocation(versionId));
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

  /**
   * The jobs as they will be stored. `written`: the bytes read, when this product wrote them
   * (in file form, see serializeJobsFile), so that only what the change made is serialised.
   */
  private serialized(
    jobs: readonly Job[],
    extra: Record<string, unknown>,
    before: readonly Job[],
    made: MadeJobs,
    written: Buffer | null,
  ): Buffer | string {
    if (!written || !made.othersInOrder) return serializeJobsFile(jobs, extra);
    const appendedOnly =
      made.positions.length === jobs.length - before.length &&
      (made.positions.length === 0 || made.positions[0] === before.length);
    const appended = appendedOnly
      ? appendedJobsFile(written, extra, before.at(-1), jobs.slice(before.length))
      : null;
    return appended ?? serializeJobsFile(jobs, extra, { inFileFormExcept: made.positions });
  }

  private async read(): Promise<JobsDocument & { etag: string | null }> {
    const stored = await this.readStored();
    return { ...(await this.parsed(stored)), etag: stored?.object.etag ?? null };
  }

  /** jobs.json as stored, and whether (and how) these bytes were checked before. */
  private async readStored(): Promise<StoredJobs | null> {
    const object = await this.store.get(this.key);
    return object ? { object, as: await this.checked.checkedAs(object.etag) } : null;
  }

  /** The jobs, checked in full unless these bytes were checked before (then recorded). */
  private async parsed(stored: StoredJobs | null): Promise<JobsDocument> {
    if (!stored) return { jobs: [], extra: {} };
    const document = parseJobsFile(stored.object.body.toString('utf8'), this.location, {
      checked: stored.as !== null,
    });
    if (!stored.as) await this.checked.add(stored.object.etag, 'read');
    return document;
  }
}

interface StoredJobs {
  object: StoredObject;
  as: CheckedAs | null;
}

/** What one attempt will store: the change's answer, the jobs it made, and the bytes. */
interface PlannedWrite<T> {
  result: T;
  changed: Job[];
  bytes: Buffer | string;
}
