import type { Job } from '../../../shared/job';
import { formatMoney } from '../../../shared/format';

/**
 * Whether a job waits for its quote: a request with no price yet. Requests come in at 0 until
 * the dispatcher quotes (src/core/inbox/inbox-changes.ts, src/core/jobs/lead-change.ts), and
 * `quoted_at` says when that happened; a quote of 0 is a quote.
 */
export function needsQuote(job: Job): boolean {
  return job.status === 'requested' && job.price === 0 && typeof job.quoted_at !== 'string';
}

/** The price as a card shows it: "$350.00", or "needs quote" — never "$0.00" for no price. */
export function cardPrice(job: Job): string {
  return needsQuote(job) ? 'needs quote' : formatMoney(job.price, job.currency);
}
