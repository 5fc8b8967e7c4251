import type { PublicStatus } from '../../src/shared/public-status';
import { JOB_STATUSES } from '../../src/shared/status-flow';

/*
 * Hand-written rather than zod: the tracking page must stay a few KB. Kept free of DOM APIs so
 * it is unit-tested in Node. A zone Intl does not know is not checked here: it throws while the
 * page renders, which the page reads as "couldn't load", as it would a rejected document.
 */

export const isString = (value: unknown): boolean => typeof value === 'string';
/** Formatting an invalid date throws in Intl, so every instant is checked up front. */
const isInstant = (value: unknown): boolean =>
  isString(value) && !isNaN(Date.parse(value as string));
const isStatus = (value: unknown): boolean => (JOB_STATUSES as readonly unknown[]).includes(value);

/** The document is untrusted network input: check every field render() relies on. */
export const parsePublicStatus = (value: unknown): PublicStatus | null => {
  // Read as the type it claims to be, then checked field by field: nothing is trusted yet.
  const doc = value as Partial<PublicStatus> | null;
  const { pickup, price, business, timeline, receipt } = doc ?? {};
  const valid =
    doc?.schema === 1 &&
    isStatus(doc.status) &&
    [
      doc.first_name,
      doc.status_label,
      doc.address,
      business?.name,
      business?.phone ?? '',
      business?.time_zone ?? '',
    ].every(isString) &&
    [doc.updated_at, pickup?.start, pickup?.end ?? doc.updated_at].every(isInstant) &&
    Number.isFinite(price?.amount) &&
    // Intl throws on a malformed currency code.
    /^[A-Z]{3}$/.test(price?.currency as string) &&
    Array.isArray(timeline) &&
    timeline.every(
      (entry) =>
        isStatus(entry?.status) &&
        [entry.label, entry.reason ?? ''].every(isString) &&
        isInstant(entry.at),
    ) &&
    (!receipt || (typeof receipt.paid === 'boolean' && isString(receipt.service ?? '')));
  return valid ? (doc as PublicStatus) : null;
};
