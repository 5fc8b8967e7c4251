/**
 * The booking document, published as `api/book-upload.json` in prod: who the business is, and
 * the S3 presigned POST policy the booking page uploads a submission with. Data, not site: the
 * deploy pipeline never copies or prunes it (BOOKING_DOCUMENT_KEY in src/shared/site-keys.ts).
 */
export interface BookingDocument {
  schema: 1;
  business: { name: string; phone?: string; time_zone: string };
  upload: BookingUpload;
}

export interface BookingUpload {
  /** Where the form posts (the data bucket's S3 endpoint; the local edge in the sandbox). */
  url: string;
  /** Form fields to send as they are, before `key` and `file`. */
  fields: Record<string, string>;
  /** The key must start with this (`inbox/new/`); the page sends `<key_prefix><id>.json`. */
  key_prefix: string;
  content_type: string;
  max_bytes: number;
  expires_at: string;
}

/**
 * Where phones upload (under the data target's prefix): the policy, and in the sandbox the
 * local edge, allow nothing else — so a customer cannot write into `inbox/processed/` or
 * `inbox/rejected/`, which the console files documents into.
 */
export const SUBMISSION_KEY_PREFIX = 'inbox/new/';
/** Submissions are small JSON documents; the policy refuses anything larger. */
export const SUBMISSION_MAX_BYTES = 8 * 1024;
export const SUBMISSION_CONTENT_TYPE = 'application/json';

/**
 * Who the business is, published under BUSINESS_DOCUMENT_KEY (src/shared/site-keys.ts) beside
 * the booking document whether or not online booking is set up: the tracking and not-found
 * pages read it for the contact line when a link is no longer valid. Data, not site, like the
 * booking document.
 */
export interface BusinessDocument {
  schema: 1;
  business: BookingDocument['business'];
}
