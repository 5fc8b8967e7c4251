import { STATUS_LABELS } from '../../shared/status-flow';
import type { Job } from '../../shared/job';
import type { PublicStatus } from '../../shared/public-status';

export interface BusinessProfile {
  name: string;
  phone?: string;
  /** IANA zone the business works in (e.g. America/Chicago). */
  time_zone?: string;
}

const TIMELINE_LENGTH = 6;

/** The customer-facing view of a job: an allow-list, never a copy with fields removed. */
export function toPublicStatus(job: Job, business: BusinessProfile): PublicStatus {
  const history = job.history ?? [{ status: job.status, at: job.created_at }];
  const pickup: PublicStatus['pickup'] = { start: job.pickup_date };
  if (job.pickup_window_end) pickup.end = job.pickup_window_end;
  const publicBusiness: PublicStatus['business'] = { name: business.name };
  if (business.phone) publicBusiness.phone = business.phone;
  if (business.time_zone) publicBusiness.time_zone = business.time_zone;
  const quote = job.status === 'requested' ? { quote_ready: isQuoted(job) } : {};
  return {
    schema: 1,
    first_name: greetingName(job.customer_name),
    status: job.status,
    status_label: STATUS_LABELS[job.status],
    pickup,
    // As entered: a customer must recognise the exact place ("Apt 4B, 2250 North Lincoln Ave").
    address: job.address.trim(),
    price: { amount: job.price, currency: job.currency },
    timeline: history.slice(-TIMELINE_LENGTH).map((h) => ({
      status: h.status,
      label: STATUS_LABELS[h.status],
      at: h.at,
    })),
    business: publicBusiness,
    ...quote,
    updated_at: job.updated_at ?? job.created_at,
  };
}

/** A quote is ready once the dispatcher set its price (see core/inbox/quote.ts). */
function isQuoted(job: Job): boolean {
  return typeof job.quoted_at === 'string';
}

/** One word of a plain person's name: "Mark", "O'Brien", "Anne-Marie" — not "Bob's" or "LLC". */
const PERSON_WORD = /^\p{Lu}[\p{Ll}]*(?:['’-]\p{Lu}[\p{Ll}]*)*\.?$/u;
const BUSINESS_WORDS =
  /^(?:inc|llc|ltd|co|corp|company|diner|cafe|café|restaurant|bar|grill|shop|store|market|services?|hotel|church|school|bakery|salon|garage|auto|realty|properties|group|the)\.?$/i;

/**
 * Whom the page greets: a plain person's name by its first word ("Hi Mark"), anything else —
 * a business, initials in capitals, a name with "'s" — whole, as the dispatcher entered it
 * ("Hi Bob's Diner").
 */
export function greetingName(fullName: string): string {
  const name = fullName.trim().replace(/\s+/g, ' ');
  const words = name.split(' ');
  const person =
    words.length <= 4 &&
    words.every((w) => PERSON_WORD.test(w) && !BUSINESS_WORDS.test(w.replace(/\.$/, '')));
  return person ? (words[0] ?? '') : name;
}
