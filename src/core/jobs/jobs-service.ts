import { isDeepStrictEqual } from 'node:util';
import pLimit from 'p-limit';
import type {
  JobsFileVersion,
  JobSaved,
  JobsRestored,
  NewRequestInput,
} from '../../shared/jobs/jobs-api';
import type { Job, NewJobInput } from '../../shared/job';
import type { JobEdit, MoveOptions } from '../../shared/jobs/job-edit';
import type { JobStatus } from '../../shared/status-flow';
import { errorMessage } from '../../shared/errors';
import type { StatusDocuments } from './status-documents';
import { addJob, changeStatus } from './job-changes';
import type { JobsChange, SavedChange } from './job-changes';
import { editJob } from './job-edits';
import { addLead } from './lead-change';
import type { JobActor } from './job-actor';
import { revokeLink, rotateLink } from './link-changes';
import type { LinkChange } from './link-changes';
import type { JobsStore, UpdateHooks } from './jobs-store';

/** Documents withdrawn at once by an archive. */
export const WITHDRAW_CONCURRENCY = 16;

/** A link change that was saved: the job, what did not follow, and the token withdrawn. */
export interface LinkChanged extends JobSaved {
  withdrawnToken: string;
}

/** The job operations the console and the CLI offer: save first, then publish. */
export class JobsService {
  constructor(
    private readonly repository: JobsStore,
    private readonly publisher: StatusDocuments,
    private readonly clock: () => Date = () => new Date(),
    private readonly archiveAfterDays = 30,
  ) {}

  listJobs(): Promise<Job[]> {
    return this.repository.list();
  }

  /** Finished jobs moved out of jobs.json, read-only. */
  listArchivedJobs(): Promise<Job[]> {
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
    // A few at a time: a first archive of a big board withdraws thousands of documents, and
    // all at once would open as many files (EMFILE) or sockets.
    const limit = pLimit(WITHDRAW_CONCURRENCY);
    return this.repository.archiveFinished(this.archiveAfterDays, this.clock(), async (jobs) => {
      await Promise.all(
        jobs.map((job) => limit(() => this.publisher.withdraw(job.tracking_token))),
      );
    });
  }

  /**
   * A create publishes the new job's document just before its jobs.json write, not after:
   * until that write lands nobody can know the job, so no other writer can change or withdraw
   * it first, and nothing needs checking afterwards (three round trips on S3, not four). A
   * write that fails withdraws the document again. One killed in between leaves a document
   * whose 192-bit token nobody was given: unreachable, and holding only what a customer's page
   * shows. (Sweeping such documents at start-up was weighed and left out: it would race a create
   * in flight on another laptop and take a real customer's page down.)
   */
  async createJob(input: NewJobInput, actor: JobActor = {}): Promise<JobSaved> {
    let published: Job | null = null;
    let publishError: unknown = null;
    const outcome = await this.save(addJob(input, this.clock(), actor.by, actor.rules), {
      beforeWrite: async ({ result }) => {
        if (published?.tracking_token === result.tracking_token) return;
        try {
          // The token was minted by this change: its document cannot exist yet (`fresh`).
          await this.publisher.publish([result], { fresh: true });
          published = result;
          publishError = null;
        } catch (err) {
          publishError = err; // a warning on the saved job, as for every publish
        }
      },
    }).catch(async (err: unknown) => {
      if (published) await this.publisher.withdraw(published.tracking_token).catch(() => {});
      throw err;
    });
    if (publishError !== null) {
      return { job: outcome.result, warning: `Saved, but ${unpublished(publishError)}` };
    }
    return { job: outcome.result, warning: null };
  }

  /**
   * A phoned-in lead: a Requested job with no price until it is quoted (lead-change.ts), saved,
   * then its page published — after the write, not before as a create's: a lead's link goes
   * out with its quote, so nobody can be waiting on its page.
   */
  async createRequest(input: NewRequestInput, actor: JobActor = {}): Promise<JobSaved> {
    return this.apply(addLead(input, this.clock(), actor.by, actor.rules));
  }

  /** A move; a correction (step back, reopen) needs a reason, kept in history. */
  async setJobStatus(
    jobId: string,
    status: JobStatus,
    reason?: string,
    actor: JobActor = {},
    move: MoveOptions = {},
  ): Promise<JobSaved> {
    return this.apply(
      changeStatus(jobId, status, this.clock(), actor.by, reason, move, actor.rules),
    );
  }

  /** Changes typed fields; `conflict` when a `base` value moved underneath (see job-edits.ts). */
  async editJob(jobId: string, edit: JobEdit, actor: JobActor = {}): Promise<JobSaved> {
    return this.apply(editJob(jobId, edit, this.clock(), actor.by, actor.rules));
  }

  /**
   * Revokes the job's link: saved, then its document withdrawn (a revoked job publishes as a
   * removal). The caller invalidates the CDN's copies of the withdrawn token's paths.
   */
  async revokeLink(jobId: string, actor: JobActor = {}): Promise<LinkChanged> {
    return this.applyLinkChange(revokeLink(jobId, this.clock(), actor.by));
  }

  /** A new link for the job: saved, the new document published, the old one withdrawn. */
  async rotateLink(jobId: string, actor: JobActor = {}): Promise<LinkChanged> {
    return this.applyLinkChange(rotateLink(jobId, this.clock(), actor.by));
  }

  /**
   * Saves a change that no public document shows (a job's texts: src/core/jobs/text-outcomes.ts),
   * remembered as this console's own write so the jobs watcher does not report it back.
   */
  saveUnpublished<T>(change: JobsChange<T>): Promise<SavedChange<T>> {
    return this.save(change);
  }

  /** What identifies jobs.json as it is now (its ETag); for watching it for others' changes. */
  revision(): Promise<string | null> {
    return this.repository.revision();
  }

  /**
   * Whether this service wrote that revision: a watcher need not tell the console about its
   * own saves (it already has the saved job). Answered once the saves under way have returned:
   * a watcher can see a save's revision on the store before the save has remembered it.
   */
  async wrote(revision: string | null): Promise<boolean> {
    while (this.saving.size > 0) await Promise.allSettled([...this.saving]);
    return revision !== null && this.written.includes(revision);
  }

  listJobsFileVersions(): Promise<JobsFileVersion[]> {
    return this.repository.versions();
  }

  /** Restores an earlier jobs.json, then brings every tracking page in line with it. */
  async restoreJobsFileVersion(versionId: string): Promise<JobsRestored> {
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
    const outcome = await this.save(change);
    try {
      await this.publishUntilCurrent(outcome.changed, outcome.revision);
    } catch (err) {
      return { job: outcome.result, warning: `Saved, but ${unpublished(err)}` };
    }
    return { job: outcome.result, warning: null };
  }

  /**
   * Saves, publishes the job as it now is, then withdraws the token that stopped working. A
   * rotate's new token is known to nobody until the write lands, as a create's (see `create`):
   * its document goes out just before, so a rotate stopped after its save never leaves the new
   * link "not found". A write that fails withdraws it again.
   */
  private async applyLinkChange(change: JobsChange<LinkChange>): Promise<LinkChanged> {
    let published: string | null = null;
    const outcome = await this.save(change, {
      beforeWrite: async ({ result: { job, withdrawnToken } }) => {
        if (job.tracking_token === withdrawnToken || published === job.tracking_token) return;
        // A failure here is retried by the publish after the save (and is its warning).
        await this.publisher.publish([job], { fresh: true }).then(
          () => void (published = job.tracking_token),
          () => {},
        );
      },
    }).catch(async (err: unknown) => {
      if (published) await this.publisher.withdraw(published).catch(() => {});
      throw err;
    });
    const { job, withdrawnToken } = outcome.result;
    try {
      await this.publishUntilCurrent([job], outcome.revision);
      if (withdrawnToken !== job.tracking_token) await this.publisher.withdraw(withdrawnToken);
    } catch (err) {
      return { job, withdrawnToken, warning: `Saved, but ${unpublished(err)}` };
    }
    return { job, withdrawnToken, warning: null };
  }

  private readonly written: (string | null)[] = [];
  private readonly saving = new Set<Promise<unknown>>();

  /** Writes the change and remembers the revision it made; `wrote` waits while it is under way. */
  private async save<T>(change: JobsChange<T>, hooks?: UpdateHooks<T>): Promise<SavedChange<T>> {
    const saved = this.repository.update(change, hooks).then((outcome) => {
      if (outcome.changed.length > 0) this.remember(outcome.revision);
      return outcome;
    });
    this.saving.add(saved);
    try {
      return await saved;
    } finally {
      this.saving.delete(saved);
    }
  }

  private remember(revision: string | null): void {
    this.written.push(revision);
    if (this.written.length > 20) this.written.shift();
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
    `the tracking page could not be updated (${errorMessage(err)}). ` +
    'It catches up the next time this job changes or the console or `qdn sandbox` starts.'
  );
}

/** Each extra round means yet another writer changed the same job while we published. */
const MAX_PUBLISH_ROUNDS = 5;
