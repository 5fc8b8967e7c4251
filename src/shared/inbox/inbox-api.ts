/**
 * The inbox part of the contract (DESIGN.md §3, Booking inbox): what the console asks of the
 * booking inbox, and the event it hears when a pass brought something in. `qdn inbox …` prints
 * the same shapes.
 */
import type { JobSaved } from '../api';

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
  rejected: RejectedItem[];
  /** Saved, but a tracking or quote page did not follow (as JobSaved.warning). */
  warning: string | null;
}

/** A submission waiting in `inbox/`. */
export interface InboxEntry {
  key: string;
  size: number;
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
}

export interface InboxEvents {
  /** A pass (on the timer, on focus, or asked for) brought in requests or confirmations. */
  inboxIngested: IngestResult;
}

export const INBOX_METHODS = [
  'listInbox',
  'ingestInbox',
  'quoteJob',
] as const satisfies readonly (keyof InboxApi)[];
export const INBOX_EVENTS = ['inboxIngested'] as const satisfies readonly (keyof InboxEvents)[];
