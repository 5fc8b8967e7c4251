import type { JobStatus } from './status-flow';

/**
 * What a customer may see about their job, published as `api/track/<token>.json`.
 * Built from an allow-list: nothing here may identify or contact the customer beyond
 * what the tracking link's holder already knows.
 */
export interface PublicStatus {
  schema: 1;
  first_name: string;
  status: JobStatus;
  status_label: string;
  pickup: { start: string; end?: string };
  address: string;
  price: { amount: number; currency: string };
  timeline: { status: JobStatus; label: string; at: string }[];
  business: { name: string; phone?: string };
  updated_at: string;
}

/** Status documents change often: shared caches may hold them only for seconds. */
export const STATUS_DOCUMENT_CACHE_CONTROL = 'public, max-age=5, s-maxage=5';
