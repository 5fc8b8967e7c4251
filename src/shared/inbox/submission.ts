import { z } from 'zod';
import { TRACKING_TOKEN_PATTERN } from '../job';

/**
 * What the public booking page uploads to `inbox/`: a pickup request from `/book/`, or the
 * answer to a quote from `/book/<token>`. Untrusted input from anyone on the internet: parsed
 * strictly, unknown fields refused, and nothing that looks like markup accepted.
 */

/** The id the phone mints once per form: a retried or double-clicked submit reuses it. */
export const SUBMISSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Preferred pickup windows, in the business's time zone. */
export const PICKUP_WINDOWS = {
  morning: { label: 'Morning (8 AM – 12 PM)', from: '08:00', to: '12:00' },
  afternoon: { label: 'Afternoon (12 – 5 PM)', from: '12:00', to: '17:00' },
  evening: { label: 'Evening (5 – 8 PM)', from: '17:00', to: '20:00' },
  any: { label: 'Any time (8 AM – 8 PM)', from: '08:00', to: '20:00' },
} as const;
export type PickupWindowName = keyof typeof PICKUP_WINDOWS;

const MARKUP = /<\s*[a-z!/?]|javascript:|on[a-z]+\s*=/i;
/** Plain text only: a document that carries markup is rejected, never stored in a job. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !MARKUP.test(s), 'must be plain text (it carries markup)');

const base = {
  schema: z.literal(1),
  id: z.string().regex(SUBMISSION_ID_PATTERN, 'must be 16–64 base64url characters'),
  submitted_at: z.iso.datetime({ offset: true }),
};

export const requestSubmissionSchema = z.strictObject({
  ...base,
  kind: z.literal('request'),
  name: text(200).pipe(z.string().min(1, 'is required')),
  phone: text(40).pipe(z.string().regex(/^[+\d().\s-]{7,40}$/, 'is not a phone number')),
  address: text(500).pipe(z.string().min(1, 'is required')),
  service: text(200).pipe(z.string().min(1, 'is required')),
  date: z.iso.date(),
  window: z.enum(Object.keys(PICKUP_WINDOWS) as [PickupWindowName, ...PickupWindowName[]]),
  notes: text(2000).optional(),
});

export const confirmSubmissionSchema = z.strictObject({
  ...base,
  kind: z.literal('confirm'),
  token: z.string().regex(TRACKING_TOKEN_PATTERN, 'is not a quote link token'),
  /** Confirm the quote as it stands, or ask the business to call first. */
  answer: z.enum(['confirm', 'call']),
});

export const submissionSchema = z.discriminatedUnion('kind', [
  requestSubmissionSchema,
  confirmSubmissionSchema,
]);
export type Submission = z.infer<typeof submissionSchema>;
export type RequestSubmission = z.infer<typeof requestSubmissionSchema>;
export type ConfirmSubmission = z.infer<typeof confirmSubmissionSchema>;
