import type { JobsFileVersion } from '../../shared/jobs/jobs-api';
import type { Job } from '../../shared/job';
import type { JobsChange, SavedChange } from './job-changes';

/**
 * The jobs port: what the service needs from wherever jobs live. `JobsRepository` (one
 * jobs.json in a bucket or folder) is today's adapter; test/core/jobs/jobs-store-contract.ts
 * is the suite another (e.g. DynamoDB, docs/scaling.md) must pass. Nothing here names a file:
 * a revision is whatever tells "changed since" (an ETag, an item version), an archive is
 * wherever finished jobs go.
 */
/** What a caller does between a change being planned and it being written. */
export interface UpdateHooks<T> {
  /**
   * Runs before each attempt's write, with what that attempt would write; a throw stops the
   * update, nothing written. A create publishes its new job's document here: nobody can know
   * the job before the write, so nobody can withdraw the document before it exists.
   */
  beforeWrite?(planned: { result: T; changed: readonly Job[] }): Promise<void>;
}

export interface JobsStore {
  /** Where the jobs live, for messages. */
  readonly location: string;
  list(): Promise<Job[]>;
  /** The jobs and the revision they were read at. */
  snapshot(): Promise<{ jobs: Job[]; revision: string | null }>;
  /** The current revision, without reading the jobs; equal revisions mean nothing changed. */
  revision(): Promise<string | null>;
  /**
   * Applies a change with optimistic concurrency: a lost race re-reads and re-applies it. (The
   * change sees every live job — cheap for one file; the narrower per-job shape a table wants
   * is the next step, see docs/scaling.md.) A change that only adds jobs, or changes one job
   * by id, says so (`change.appends`, `change.updatesOne`): a store may then apply it without
   * reading the others — a table's conditional item write, jobs.json's edit of the bytes it
   * wrote.
   */
  update<T>(change: JobsChange<T>, hooks?: UpdateHooks<T>): Promise<SavedChange<T>>;
  /** Moves jobs finished `days` before `now` out of the live set; safe to re-run after a crash. */
  archiveFinished(
    days: number,
    now: Date,
    beforeRemove?: (jobs: readonly Job[]) => Promise<void>,
  ): Promise<Job[]>;
  /** Archived jobs, read-only, never one that is still live. */
  listArchived(): Promise<Job[]>;
  /** Earlier states of the jobs, newest first, each checked. */
  versions(limit?: number): Promise<JobsFileVersion[]>;
  /** Makes an earlier state current again (itself undoable). */
  restore(versionId: string): Promise<Job[]>;
}
