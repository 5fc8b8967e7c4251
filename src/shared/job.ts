import { z } from 'zod';
import { JOB_STATUSES } from './status-flow';

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

/** Loose like a job: what a newer console adds to an entry survives a round-trip. */
export const historyEntrySchema = z.looseObject({
  status: jobStatusSchema,
  at: isoInstant,
  by: z.string().max(100).optional(),
});

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
} as const;
const tooLong = (n: number) => `must be at most ${n} characters`;
const L = NEW_JOB_MAX_LENGTH;

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
    price: moneyAmount,
    currency: z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code'))
      .default('USD'),
    phone: z.string().trim().max(L.phone, tooLong(L.phone)).optional(),
    email: z.email('is not an email address').max(L.email, tooLong(L.email)).optional(),
    service: z.string().trim().max(L.service, tooLong(L.service)).optional(),
    notes: z.string().max(L.notes, tooLong(L.notes)).optional(),
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
