/**
 * The inbox part of the contract: what the console asks of the
 * booking inbox, and the event it hears when a pass brought something in. `qdn inbox …` prints
 * the same shapes.
 */
import type { JobSaved } from '../jobs/jobs-api';

/** One submission a pass turned into a job or a confirmation. */
export interface IngestedItem {
  key: string;
  job_id: string;
  customer_name: string;
}

export interface RejectedItem {
  key: string;
  reason: string;
}

export interface IngestResult {
  created: IngestedItem[];
  confirmed: IngestedItem[];
  /** Customers who asked to be called about their quote. */
  call_requested: IngestedItem[];
  /** Requests the page flagged (fill time, hidden field): held for review, not made jobs. */
  possible_spam: RejectedItem[];
  rejected: RejectedItem[];
  /** Saved, but a tracking or quote page did not follow (as JobSaved.warning). */
  warning: string | null;
}

/** A submission waiting in `inbox/`. */
export interface InboxEntry {
  key: string;
  size: number;
}

/** What a submission held for review says, as text, each field cut for the list. */
export type ReviewFields = Partial<
  Record<'name' | 'phone' | 'address' | 'service' | 'date' | 'window' | 'notes', string>
>;

/**
 * A submission no job was made of, waiting for the dispatcher: possible spam (held in
 * `inbox/held/`), or one ingest refused (`inbox/rejected/`, its reason beside it).
 */
export interface ReviewItem {
  /** Where it waits, under `inbox/`: `held/<name>` or `rejected/<name>`. */
  id: string;
  kind: 'possible_spam' | 'rejected';
  reason: string;
  /** When the phone says it sent it; null if it does not say. */
  submitted_at: string | null;
  fields: ReviewFields;
  /** Null when accepting it makes a job; else why it cannot (no name, no phone to reach them). */
  cannot_accept: string | null;
}

/** A review item accepted: the job it became (`already`: an earlier accept or pass made it). */
export interface AcceptedReview {
  id: string;
  job_id: string;
  customer_name: string;
  already: boolean;
}

/** What the dispatcher sets to turn a request into a quote. */
export interface QuoteInput {
  price: number;
  pickup_date: string;
  pickup_window_end?: string;
}

export interface InboxApi {
  listInbox(): Promise<InboxEntry[]>;
  ingestInbox(): Promise<IngestResult>;
  /** Sets a requested job's price and window, so `/book/<token>` offers it to confirm. */
  quoteJob(jobId: string, quote: QuoteInput): Promise<JobSaved>;
  /** Possible spam and rejected submissions, oldest first. */
  listReview(): Promise<ReviewItem[]>;
  /** Makes a requested job of a review item, as if it had been valid, and files it away. */
  acceptSubmission(id: string): Promise<AcceptedReview>;
  /** Files a review item away unanswered (kept in `inbox/dismissed/`, never deleted). */
  dismissSubmission(id: string): Promise<void>;
}

export interface InboxEvents {
  /** A pass (on the timer, on focus, or asked for) brought in requests or confirmations. */
  inboxIngested: IngestResult;
}

export const INBOX_METHODS = [
  'listInbox',
  'ingestInbox',
  'quoteJob',
  'listReview',
  'acceptSubmission',
  'dismissSubmission',
] as const satisfies readonly (keyof InboxApi)[];
export const INBOX_EVENTS = ['inboxIngested'] as const satisfies readonly (keyof InboxEvents)[];
