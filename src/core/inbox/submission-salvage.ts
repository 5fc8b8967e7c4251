import { createHash } from 'node:crypto';
import type { ReviewFields } from '../../shared/inbox/inbox-api';
import {
  isIsoDate,
  PHONE_MIN_DIGITS,
  PICKUP_WINDOWS,
  REQUEST_FIELD_MAX,
} from '../../shared/inbox/request-fields';
import { SUBMISSION_ID_PATTERN } from '../../shared/inbox/submission';
import type { PickupWindowName, RequestSubmission } from '../../shared/inbox/submission';
import { dayKeyOf } from '../../shared/zoned-time';

/** What the review list shows of each field: enough to judge, not a whole 2,000-char note. */
const SHOWN_CHARS = 300;
const SHOWN_FIELDS = ['name', 'phone', 'address', 'service', 'date', 'window', 'notes'] as const;
const NO_ADDRESS = 'No address given: ask the customer';
const NO_SERVICE = 'Not given';

/** A document under review read as loosely as it can be: an object, or null. */
export function readLoosely(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const textOf = (doc: Record<string, unknown> | null, name: string): string => {
  const value = doc?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** The fields the review list shows, as text. */
export function reviewFields(doc: Record<string, unknown> | null): ReviewFields {
  const fields: ReviewFields = {};
  for (const name of SHOWN_FIELDS) {
    const text = textOf(doc, name);
    if (text) fields[name] = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  }
  return fields;
}

/**
 * Why a document cannot become a job however the dispatcher wants it: it needs at least a
 * name and a phone number to reach the customer (the form's only way back to them). Null when
 * it can.
 */
export function cannotAccept(doc: Record<string, unknown> | null): string | null {
  if (!doc)
    return 'It is not a booking request (it is not JSON): there is nothing to make a job of.';
  if (doc.kind === 'confirm') {
    return 'It answers a quote, for a link no job has: there is no request to make a job of.';
  }
  const name = textOf(doc, 'name');
  const digits = textOf(doc, 'phone').replace(/\D/g, '').length;
  if (!name && digits < PHONE_MIN_DIGITS) return 'It has no name and no phone number.';
  if (!name) return 'It has no name.';
  if (digits < PHONE_MIN_DIGITS) return 'It has no phone number to reach the customer.';
  return null;
}

/**
 * The request a dispatcher accepts anyway, as if it had been valid: the name and phone as sent
 * (cut to what a job holds), the rest as sent where it makes sense and a plain placeholder
 * where it does not (no address, an unreadable date → today, an unknown window → any time).
 * `name` is where it waits for review; a document without a usable id gets one derived from
 * it, so accepting it twice still makes one job. Null when `cannotAccept` says why.
 */
export function salvageRequest(
  doc: Record<string, unknown> | null,
  name: string,
  now: Date,
  timeZone: string,
): RequestSubmission | null {
  if (cannotAccept(doc)) return null;
  const cut = (field: keyof typeof REQUEST_FIELD_MAX, fallback = '') =>
    (textOf(doc, field) || fallback).slice(0, REQUEST_FIELD_MAX[field]);
  const id = textOf(doc, 'id');
  const submittedAt = textOf(doc, 'submitted_at');
  const date = textOf(doc, 'date');
  const window = textOf(doc, 'window');
  const notes = cut('notes');
  return {
    schema: 1,
    kind: 'request',
    id: SUBMISSION_ID_PATTERN.test(id) ? id : reviewRequestId(name),
    submitted_at: Number.isNaN(Date.parse(submittedAt)) ? now.toISOString() : submittedAt,
    name: cut('name'),
    phone: cut('phone'),
    address: cut('address', NO_ADDRESS),
    service: cut('service', NO_SERVICE),
    date: isIsoDate(date) ? date : dayKeyOf(now, timeZone),
    window: Object.keys(PICKUP_WINDOWS).includes(window) ? (window as PickupWindowName) : 'any',
    ...(notes ? { notes } : {}),
  };
}

/** A stable request id for a document that carries none usable, from where it waited. */
export function reviewRequestId(name: string): string {
  return `review-${createHash('sha256').update(name).digest('hex').slice(0, 32)}`;
}
