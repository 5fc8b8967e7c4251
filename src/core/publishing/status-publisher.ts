import pLimit from 'p-limit';
import type { Job } from '../../shared/job';
import { STATUS_DOCUMENT_CACHE_CONTROL } from '../../shared/public-status';
import { statusDocumentKey } from '../../shared/site-keys';
import { etagOf } from '../storage/etag';
import type { ObjectStore } from '../storage/object-store';
import type { StatusDocuments } from '../jobs/status-documents';
import { finishedBefore } from '../jobs/job-lifecycle';
import { toPublicStatus } from './public-status';
import type { BusinessProfile } from './public-status';

/** Enough to keep S3 busy; far below a laptop's open-file and socket limits. */
const PUBLISH_CONCURRENCY = 16;

/** The exact bytes of a job's status document, so a check can compare what is published. */
export function statusDocumentBody(job: Job, business: BusinessProfile): string {
  return `${JSON.stringify(toPublicStatus(job, business))}\n`;
}

/** When finished jobs' documents are withdrawn (default: 30 days after completion or cancel). */
export interface StatusExpiry {
  days: number;
  clock?: () => Date;
}

/** Keeps `api/track/<token>.json` in every site target in step with jobs.json. */
export class StatusPublisher implements StatusDocuments {
  constructor(
    private readonly targets: readonly ObjectStore[],
    private readonly business: BusinessProfile,
    private readonly expiry: StatusExpiry = { days: 30 },
  ) {}

  /** Whether a job's document should be online: a live token of a job not long finished. */
  isPublic(job: Job): boolean {
    if (job.token_revoked_at) return false;
    const now = (this.expiry.clock ?? (() => new Date()))();
    return !finishedBefore(job, this.expiry.days, now);
  }

  /**
   * Writes (or, for a revoked token, removes) each job's document in every target, a bounded
   * number at a time: a start-up sync of hundreds of jobs must not exhaust sockets or files.
   * `fresh`: the jobs' tokens were minted by the save just made, so no document of theirs can
   * be there to compare with — each is written without asking first (one round trip less).
   */
  async publish(jobs: readonly Job[], options: { fresh?: boolean } = {}): Promise<void> {
    const limit = pLimit(PUBLISH_CONCURRENCY);
    await Promise.all(
      this.targets.flatMap((target) =>
        jobs.map((job) => limit(() => this.publishOne(target, job, options.fresh === true))),
      ),
    );
  }

  /** Removes a token's document everywhere (after a rotation or revocation). */
  async withdraw(token: string): Promise<void> {
    await Promise.all(this.targets.map((t) => t.delete(statusDocumentKey(token))));
  }

  private async publishOne(target: ObjectStore, job: Job, fresh: boolean): Promise<void> {
    const key = statusDocumentKey(job.tracking_token);
    // Revoked, or finished long enough ago: withdrawn (the page then says the link is over).
    if (!this.isPublic(job)) {
      await target.delete(key);
      return;
    }
    const body = statusDocumentBody(job, this.business);
    // Skip identical documents: a sync of every job at start-up then costs only HEADs.
    if (!fresh && (await target.head(key))?.etag === etagOf(body)) return;
    await target.put(key, body, {
      contentType: 'application/json',
      cacheControl: STATUS_DOCUMENT_CACHE_CONTROL,
    });
  }
}
