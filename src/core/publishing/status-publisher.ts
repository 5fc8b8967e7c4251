import type { Job } from '../../shared/job';
import { STATUS_DOCUMENT_CACHE_CONTROL } from '../../shared/public-status';
import { statusDocumentKey } from '../../shared/tracking-link';
import { etagOf } from '../storage/etag';
import type { ObjectStore } from '../storage/object-store';
import { toPublicStatus } from './public-status';
import type { BusinessProfile } from './public-status';

/** Keeps `api/track/<token>.json` in every site target in step with jobs.json. */
export class StatusPublisher {
  constructor(
    private readonly targets: readonly ObjectStore[],
    private readonly business: BusinessProfile,
  ) {}

  /** Writes (or, for a revoked token, removes) each job's document in every target. */
  async publish(jobs: readonly Job[]): Promise<void> {
    await Promise.all(
      this.targets.flatMap((target) => jobs.map((job) => this.publishOne(target, job))),
    );
  }

  /** Removes a token's document everywhere (after a rotation or revocation). */
  async withdraw(token: string): Promise<void> {
    await Promise.all(this.targets.map((t) => t.delete(statusDocumentKey(token))));
  }

  private async publishOne(target: ObjectStore, job: Job): Promise<void> {
    const key = statusDocumentKey(job.tracking_token);
    if (job.token_revoked_at) {
      await target.delete(key);
      return;
    }
    const body = `${JSON.stringify(toPublicStatus(job, this.business))}\n`;
    const current = await target.head(key);
    // Skip identical documents: a sync of every job at start-up then costs only HEADs.
    if (current?.etag === etagOf(body)) return;
    await target.put(key, body, {
      contentType: 'application/json',
      cacheControl: STATUS_DOCUMENT_CACHE_CONTROL,
    });
  }
}
