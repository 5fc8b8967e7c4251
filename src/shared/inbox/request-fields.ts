import { findDangerousMarkup } from './dangerous-markup';

/**
 * The rules of the booking form's fields, in one table that the page (site/src/book.ts) checks
 * beside each field before it uploads and that ingest checks through submission.ts — so a
 * request the page lets through is one ingest takes. Free of zod: the page bundles this file,
 * and its budget is a few KB.
 */

/** Preferred pickup windows, in the business's time zone. */
export const PICKUP_WINDOWS = {
  morning: { label: 'Morning (8 AM – 12 PM)', from: '08:00', to: '12:00' },
  afternoon: { label: 'Afternoon (12 – 5 PM)', from: '12:00', to: '17:00' },
  evening: { label: 'Evening (5 – 8 PM)', from: '17:00', to: '20:00' },
  any: { label: 'Any time (8 AM – 8 PM)', from: '08:00', to: '20:00' },
} as const;
export type PickupWindowName = keyof typeof PICKUP_WINDOWS;

/** The fields a customer fills in, in the order the form shows them. */
export const REQUEST_FIELDS = [
  'name',
  'phone',
  'address',
  'service',
  'date',
  'window',
  'notes',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];
export type RequestFieldValues = Partial<Record<RequestField, string>>;

export const REQUEST_FIELD_MAX: Record<RequestField, number> = {
  name: 200,
  phone: 40,
  address: 500,
  service: 200,
  date: 10,
  window: 20,
  notes: 2000,
};

const REQUIRED: Record<RequestField, string | null> = {
  name: 'Please enter your name.',
  phone: 'Please enter a mobile number we can text.',
  address: 'Please enter the pickup address.',
  service: 'Please choose what to haul.',
  date: 'Please choose a date.',
  window: 'Please choose a time of day.',
  notes: null,
};

const PHONE_CHARS = /^[+\d().\s-]+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(day: string): boolean {
  const m = ISO_DATE.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** Digits a phone number needs at least (a local number without its area code has 7). */
export const PHONE_MIN_DIGITS = 7;

/**
 * What is wrong with one field's value (already trimmed), in words for the customer; null when
 * it is fine. The same sentence is the reason ingest gives the dispatcher.
 */
export function requestFieldProblem(field: RequestField, value: string): string | null {
  if (value === '') return REQUIRED[field];
  const max = REQUEST_FIELD_MAX[field];
  if (value.length > max) return `Please keep this to ${max} characters (it has ${value.length}).`;
  const markup = findDangerousMarkup(value);
  if (markup) return `Please remove “${markup}”: we can only take plain text.`;
  switch (field) {
    case 'phone': {
      const digits = value.replace(/\D/g, '').length;
      if (!PHONE_CHARS.test(value) || digits < PHONE_MIN_DIGITS) {
        return 'Please enter a phone number in digits, such as +1 312 555 0142.';
      }
      return null;
    }
    case 'date':
      return isIsoDate(value) ? null : 'Please choose a date.';
    case 'window':
      return Object.keys(PICKUP_WINDOWS).includes(value) ? null : 'Please choose a time of day.';
    default:
      return null;
  }
}

export interface FieldProblem {
  field: RequestField;
  message: string;
}

/** Every field's problem, in the form's order: what the page marks, what ingest refuses. */
export function requestProblems(values: RequestFieldValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of REQUEST_FIELDS) {
    const message = requestFieldProblem(field, (values[field] ?? '').trim());
    if (message) problems.push({ field, message });
  }
  return problems;
}

/**
 * Why the page thinks a person may not have sent it: flags it uploads with the request
 * (`suspect`), never a reason to drop it. The dispatcher sees it as possible spam.
 */
export const SUSPECT_FLAG = /^(?:honeypot|filled_in_\d{1,2}s)$/;

/** Bots fill a form within seconds; a person takes longer than this (autofill may not). */
export const MIN_FILL_MS = 3_000;

/** The flags of a submission sent `elapsedMs` after the form opened, its hidden field as sent. */
export function suspectFlags(elapsedMs: number, honeypot: string): string[] {
  const flags: string[] = [];
  if (honeypot.trim() !== '') flags.push('honeypot');
  if (elapsedMs < MIN_FILL_MS)
    flags.push(`filled_in_${Math.max(0, Math.floor(elapsedMs / 1000))}s`);
  return flags;
}

/** A flag in words, for the dispatcher. */
export function describeSuspectFlag(flag: string): string {
  if (flag === 'honeypot') return 'it filled in the hidden field people never see';
  const seconds = /^filled_in_(\d+)s$/.exec(flag)?.[1];
  if (seconds !== undefined) {
    return `it was sent ${seconds === '0' ? 'under a second' : `${seconds} s`} after the page opened (autofill, or a bot)`;
  }
  return flag;
}
