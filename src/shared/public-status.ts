import type { JobStatus } from './status-flow';

/**
 * What a customer may see about their job, published as `api/track/<token>.json`.
 * Built from an allow-list: nothing here may identify or contact the customer beyond
 * what the tracking link's holder already knows.
 */
export interface PublicStatus {
  schema: 1;
  /** The name to greet: a person's first name, or the whole name of a business ("Bob's Diner"). */
  first_name: string;
  status: JobStatus;
  status_label: string;
  pickup: { start: string; end?: string };
  address: string;
  price: { amount: number; currency: string };
  /**
   * Each step the customer sees and when it happened. `reason` only on a cancel, and only the
   * office's own words for it (the history entry's reason): allowed deliberately, so a
   * customer whose pickup was called off learns why.
   */
  timeline: { status: JobStatus; label: string; at: string; reason?: string }[];
  /** `time_zone`: the business's IANA zone, in which the page shows every time. */
  business: { name: string; phone?: string; time_zone?: string };
  /**
   * Only on a completed job: the receipt's words beyond the window and price the document
   * already carries — what was hauled (the job's service, as agreed) and whether it is paid.
   */
  receipt?: { service?: string; paid: boolean };
  /** Only on a requested job: whether the dispatcher has set the price and window to confirm. */
  quote_ready?: boolean;
  updated_at: string;
}

/** Status documents change often: shared caches may hold them only for seconds. */
export const STATUS_DOCUMENT_CACHE_CONTROL = 'public, max-age=5, s-maxage=5';
