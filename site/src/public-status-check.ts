import type { PublicStatus } from '../../src/shared/public-status';
import { JOB_STATUSES } from '../../src/shared/status-flow';

/*
 * Hand-written rather than zod: the tracking page must stay a few KB. Kept free of DOM APIs so
 * it is unit-tested in Node.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Formatting an invalid date throws in Intl, so every instant is checked up front. */
function isInstant(value: unknown): value is string {
  return isString(value) && !Number.isNaN(Date.parse(value));
}

function isJobStatus(value: unknown): value is PublicStatus['status'] {
  return (JOB_STATUSES as readonly unknown[]).includes(value);
}

/** Intl throws on a zone it does not know; such a zone is as good as none. */
export function isZone(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The document is untrusted network input: check every field render() relies on. */
export function parsePublicStatus(value: unknown): PublicStatus | null {
  if (!isRecord(value) || value.schema !== 1) return null;
  const { pickup, price, business, timeline } = value;
  if (!isString(value.first_name) || !isJobStatus(value.status)) return null;
  if (!isString(value.status_label) || !isString(value.address)) return null;
  if (!isInstant(value.updated_at)) return null;
  if (!isRecord(pickup) || !isInstant(pickup.start)) return null;
  if (pickup.end !== undefined && !isInstant(pickup.end)) return null;
  if (!isRecord(price) || typeof price.amount !== 'number' || !Number.isFinite(price.amount)) {
    return null;
  }
  // Intl throws on a malformed currency code.
  if (!isString(price.currency) || !/^[A-Z]{3}$/.test(price.currency)) return null;
  if (!isRecord(business) || !isString(business.name)) return null;
  if (business.phone !== undefined && !isString(business.phone)) return null;
  if (business.time_zone !== undefined && !isZone(business.time_zone)) return null;
  if (value.quote_ready !== undefined && typeof value.quote_ready !== 'boolean') return null;
  if (!Array.isArray(timeline)) return null;
  for (const entry of timeline as unknown[]) {
    if (!isRecord(entry) || !isJobStatus(entry.status)) return null;
    if (!isString(entry.label) || !isInstant(entry.at)) return null;
  }
  return value as unknown as PublicStatus;
}
