import type { JobSaved } from '../../shared/jobs/jobs-api';
import type { QuoteInput } from '../../shared/inbox/inbox-api';
import { errorMessage } from '../../shared/errors';
import type { JobActor } from '../jobs/job-actor';
import type { JobsRepository } from '../jobs/jobs-repository';
import type { JobsService } from '../jobs/jobs-service';
import { quoteJob } from './inbox-changes';

/** What saving a quote works on: jobs.json, and the job's page (its quote and its status). */
export interface QuotePorts {
  repository: JobsRepository;
  jobs: Pick<JobsService, 'republish'>;
}

/**
 * Saves a quote, then publishes the job's page so `/book/<token>` offers it. A failed publish
 * is a warning on a saved quote: the caller must learn it was saved. Kept apart from the inbox
 * service so `qdn job quote` need not load the inbox's upload policy (and the AWS SDK with it).
 */
export async function saveQuote(
  ports: QuotePorts,
  jobId: string,
  quote: QuoteInput,
  actor: JobActor = {},
  now: Date = new Date(),
): Promise<JobSaved> {
  const rules = actor.rules?.timeZone ? { timeZone: actor.rules.timeZone } : {};
  const outcome = await ports.repository.update(quoteJob(jobId, quote, now, actor.by, rules));
  try {
    await ports.jobs.republish([jobId]);
  } catch (err) {
    return {
      job: outcome.result,
      warning: `Saved, but the quote page could not be updated (${errorMessage(err)}).`,
    };
  }
  return { job: outcome.result, warning: null };
}
