import type { Job } from '../../../shared/job';
import { buildQuoteUrl } from '../../../shared/quote-link';
import { hasQuote } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';

/**
 * Which link of the job's the panel offers the customer. Until the customer confirms, a request
 * has one link, its quote (`/book/<token>`), and no "you're booked" text; only a job that is on
 * the schedule (confirmed, or past it) offers the tracking link and the status texts.
 */
export type CustomerLink =
  /** The workspace is not read yet: no public base to build a link on. */
  | { kind: 'none' }
  | { kind: 'revoked' }
  /** A request not quoted yet: nothing to send until it is. */
  | { kind: 'awaiting_quote' }
  | { kind: 'quote'; url: string }
  | { kind: 'tracking'; url: string };

export function customerLinkOf(job: Job, publicBaseUrl: string | null | undefined): CustomerLink {
  if (job.token_revoked_at) return { kind: 'revoked' };
  if (!publicBaseUrl) return { kind: 'none' };
  if (job.status === 'requested') {
    return hasQuote(job)
      ? { kind: 'quote', url: buildQuoteUrl(publicBaseUrl, job.tracking_token) }
      : { kind: 'awaiting_quote' };
  }
  return { kind: 'tracking', url: buildTrackingUrl(publicBaseUrl, job.tracking_token) };
}
