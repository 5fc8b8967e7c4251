import { isDeepStrictEqual } from 'node:util';
import type { JobSaved, JobsFileVersion, JobsRestored } from '../../shared/api';
import type { Job, NewJobInput } from '../../shared/job';
import type { JobStatus } from '../../shared/status-flow';
import type { StatusPublisher } from '../publishing/status-publisher';
import { addJob, changeStatus } from './job-changes';
import type { JobsChange } from './job-changes';
import type { JobsStore } from './jobs-store';

/** The job operations the console and the CLI offer: save first, then publish. */
export class JobsService {
  constructor(
    private readonly repository: JobsStore,
    private readonly publisher: StatusPublisher,
    private readonly clock: () => Date = () => new Date(),
    private readonly archiveAfterDays = 30,
  ) {}

  list(): Promise<Job[]> {
    return this.repository.list();
  }

  /** Finished jobs moved out of jobs.json, read-only. */
  listArchived(): Promise<Job[]> {
    return this.repository.listArchived();
  }

  /** One job, on the board or in the archive. */
  async find(jobId: string): Promise<{ job: Job; archived: boolean } | null> {
    const live = (await this.repository.list()).find((job) => job.job_id === jobId);
    if (live) return { job: live, archived: false };
    const archived = (await this.repository.listArchived()).find((job) => job.job_id === jobId);
    return archived ? { job: archived, archived: true } : null;
  }

  /**
   * Moves long-finished jobs to the archive, withdrawing their tracking pages first (their
   * documents have expired by then anyway, unless the expiry is set longer).
   */
  archive(): Promise<Job[]> {
    return this.repository.archiveFinished(this.archiveAfterDays, this.clock(), (jobs) =>
      Promise.all(jobs.map((job) => this.publisher.withdraw(job.tracking_token))).then(
        () => undefined,
      ),
    );
  }

  create(input: NewJobInput): Promise<JobSaved> {
    return this.apply(addJob(input, this.clock()));
  }

  setStatus(jobId: string, status: JobStatus): Promise<JobSaved> {
    return this.apply(changeStatus(jobId, status, this.clock()));
  }

  versions(): Promise<JobsFileVersion[]> {
    return this.repository.versions();
  }

  /** Restores an earlier jobs.json, then brings every tracking page in line with it. */
  async restore(versionId: string): Promise<JobsRestored> {
    const jobs = await this.repository.restore(versionId);
    try {
      await this.publishUntilCurrent(jobs);
    } catch (err) {
      return { jobs, warning: `Restored, but ${unpublished(err)}` };
    }
    return { jobs, warning: null };
  }

  /** Publishes these jobs' status documents again (the link doctor's fix for a lost one). */
  async republish(jobIds: readonly string[]): Promise<void> {
    const wanted = new Set(jobIds);
    await this.publishUntilCurrent(
      (await this.repository.list()).filter((j) => wanted.has(j.job_id)),
    );
  }

  /** Brings every public status document in line with jobs.json (e.g. at start-up). */
  async republishAll(): Promise<void> {
    const { jobs, revision } = await this.repository.snapshot();
    await this.publishUntilCurrent(jobs, revision);
  }

  /**
   * Saves, then publishes. A failed publish is a warning on a saved job, not an error: the
   * caller must learn the job exists, or a retry would create it twice.
   */
  private async apply(change: JobsChange<Job>): Promise<JobSaved> {
    const outcome = await this.repository.update(change);
    try {
      await this.publishUntilCurrent(outcome.changed, outcome.revision);
    } catch (err) {
      return { job: outcome.result, warning: `Saved, but ${unpublished(err)}` };
    }
    return { job: outcome.result, warning: null };
  }

  /**
   * Publishes the jobs, then checks jobs.json again: if another console or `qdn` changed one of
   * them meanwhile, its publish may have landed before ours, so the latest version goes out
   * again. The last writer to publish always checks after its own write, so the documents end
   * on the latest jobs.json — without trusting two laptops' clocks to order the changes.
   */
  private async publishUntilCurrent(
    jobs: readonly Job[],
    revision: string | null = null,
  ): Promise<void> {
    let pending = jobs;
    let seen = revision;
    for (let round = 0; pending.length > 0 && round < MAX_PUBLISH_ROUNDS; round++) {
      await this.publisher.publish(pending);
      // Unchanged since the jobs were read or written: nothing to compare (a HEAD, not a read).
      if (seen !== null && (await this.repository.revision()) === seen) return;
      // As jobs.json holds them: no undefined fields (key order does not matter below).
      const published = new Map(
        pending.map((job) => [job.job_id, JSON.parse(JSON.stringify(job)) as unknown]),
      );
      const latest = await this.repository.snapshot();
      seen = latest.revision;
      pending = latest.jobs.filter((job) => {
        const sent = published.get(job.job_id);
        return sent !== undefined && !isDeepStrictEqual(sent, job);
      });
    }
  }
}

function unpublished(err: unknown): string {
  return (
    `the tracking page could not be updated (${(err as Error).message}). ` +
    'It catches up the next time this job changes or the console or `qdn sandbox` starts.'
  );
}

/** Each extra round means yet another writer changed the same job while we published. */
const MAX_PUBLISH_ROUNDS = 5;
