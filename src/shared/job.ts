import { z } from 'zod';
import { JOB_STATUSES } from './status-flow';
import { MAX_PRICE, PRICE_TOO_HIGH } from './money';
import { isPhoneShaped, PHONE_EXAMPLE } from './phone';
import { currencyCodeSchema } from './settings/settings';
import { MAX_TEXTS_PER_JOB, textRecordSchema } from './messages/text-record';

/** 16 lowercase hex chars, as minted by the console (and as in the seed record for Mark). */
export const JOB_ID_PATTERN = /^[0-9a-f]{16}$/;
/** ≥ 32 base64url chars: at least 192 bits when minted from a CSPRNG. */
export const TRACKING_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

const isoInstant = z.iso.datetime({ offset: true });
const notBlank = (s: string) => s.trim().length > 0;

/** A decimal amount in major units with at most two decimals. */
export const moneyAmount = z
  .number({ error: 'must be a number' })
  .finite('must be a number')
  .nonnegative('cannot be negative')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'must have at most 2 decimals');

export const jobStatusSchema = z.enum(JOB_STATUSES);

/** What a history entry records; absent on older entries, which are all status changes. */
export const HISTORY_EVENTS = ['created', 'status', 'edit', 'revoke', 'rotate', 'quote'] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** A field's value before and after an edit (null: empty). */
export const historyChangeSchema = z.object({
  from: z.union([z.string().max(500), z.number(), z.null()]),
  to: z.union([z.string().max(500), z.number(), z.null()]),
});
/** What an edit changed, field by field, old → new (only fields that are not personal data). */
export const historyChangesSchema = z.record(z.string().max(40), historyChangeSchema);
export type HistoryChanges = z.infer<typeof historyChangesSchema>;

/**
 * Loose like a job: what a newer console adds to an entry survives a round-trip. `status` is
 * the job's status after the entry (for an edit: unchanged), so older consoles still read it.
 * `fields` names what an edit changed; `changes` holds old → new for the fields that plan and
 * price the work, never names, contacts or notes (src/core/jobs/job-edits.ts): history is no
 * copy of personal data. `undo` marks a change that took back an earlier one.
 */
export const historyEntrySchema = z.looseObject({
  status: jobStatusSchema,
  at: isoInstant,
  by: z.string().max(100).optional(),
  event: z.enum(HISTORY_EVENTS).optional(),
  reason: z.string().max(500).optional(),
  fields: z.array(z.string().max(40)).max(20).optional(),
  changes: historyChangesSchema.optional(),
  undo: z.boolean().optional(),
});

/** Whether an entry is a move of the status (or the job's creation), not an edit or a link change. */
export function isStatusEntry(entry: HistoryEntry): boolean {
  return entry.event === undefined || entry.event === 'status' || entry.event === 'created';
}

/**
 * A job as stored in jobs.json. Unknown fields are kept (`loose`) so a newer console's
 * data survives a round-trip through an older one.
 */
export const jobSchema = z.looseObject({
  job_id: z.string().regex(JOB_ID_PATTERN, 'must be 16 lowercase hex characters'),
  // Checked, never transformed: a stored record is read (and written back) exactly as it is.
  customer_name: z.string().max(200).refine(notBlank, 'must not be blank'),
  address: z.string().max(500).refine(notBlank, 'must not be blank'),
  status: jobStatusSchema,
  pickup_date: isoInstant,
  price: moneyAmount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
  tracking_token: z.string().regex(TRACKING_TOKEN_PATTERN, 'must be ≥ 32 base64url characters'),
  created_at: isoInstant,
  phone: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  service: z.string().max(200).optional(),
  notes: z.string().max(5000).optional(),
  pickup_window_end: isoInstant.optional(),
  assigned_to: z.string().max(200).optional(),
  updated_at: isoInstant.optional(),
  history: z.array(historyEntrySchema).optional(),
  token_revoked_at: isoInstant.optional(),
  /** When the customer asked, on their quote page, to be called first (the card's flag). */
  call_requested_at: isoInstant.optional(),
  /** The customer's texts, sent and received (src/shared/messages/text-record.ts). */
  texts: z.array(textRecordSchema).max(MAX_TEXTS_PER_JOB).optional(),
  /** The dispatcher turned automatic texts off for this job. */
  no_texts: z.boolean().optional(),
  /** When the customer paid (the receipt on their page says paid, not due). */
  paid_at: isoInstant.optional(),
});

export type Job = z.infer<typeof jobSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Longest accepted text of the fields a dispatcher types (the form's maxLength too). */
export const NEW_JOB_MAX_LENGTH = {
  customer_name: 200,
  address: 500,
  phone: 40,
  email: 254,
  service: 200,
  notes: 5000,
  assigned_to: 200,
} as const;
const tooLong = (n: number) => `must be at most ${n} characters`;
const L = NEW_JOB_MAX_LENGTH;

/** A price a dispatcher enters: a money amount a business would mean (see money.ts). */
export const priceAmount = moneyAmount.max(MAX_PRICE, PRICE_TOO_HIGH);

/**
 * A phone number as typed, loosely checked here (no country is known to the schema); core
 * checks it against the business's country with libphonenumber-js (see phone.ts).
 */
export const phoneNumber = z
  .string()
  .trim()
  .max(L.phone, tooLong(L.phone))
  .refine(
    (text) => text === '' || isPhoneShaped(text),
    `is not a phone number (e.g. ${PHONE_EXAMPLE})`,
  );

/** What a dispatcher (or the CLI) supplies to create a job; the rest is minted. */
export const newJobInputSchema = z
  .object({
    customer_name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(L.customer_name, tooLong(L.customer_name)),
    address: z.string().trim().min(1, 'is required').max(L.address, tooLong(L.address)),
    pickup_date: z.iso.datetime({ offset: true, error: 'needs a date and time' }),
    pickup_window_end: z.iso.datetime({ offset: true, error: 'needs a date and time' }).optional(),
    price: priceAmount,
    currency: currencyCodeSchema.default('USD'),
    phone: phoneNumber.optional(),
    email: z.email('is not an email address').max(L.email, tooLong(L.email)).optional(),
    service: z.string().trim().max(L.service, tooLong(L.service)).optional(),
    notes: z.string().max(L.notes, tooLong(L.notes)).optional(),
    assigned_to: z.string().trim().max(L.assigned_to, tooLong(L.assigned_to)).optional(),
    /** The dispatcher confirmed a pickup in the past (recording one after the fact); not stored. */
    allow_past_pickup: z.boolean().optional(),
  })
  .refine(
    (job) =>
      !job.pickup_window_end || Date.parse(job.pickup_window_end) > Date.parse(job.pickup_date),
    {
      path: ['pickup_window_end'],
      message: 'must be after the pickup start',
    },
  );

export type NewJobInput = z.input<typeof newJobInputSchema>;
