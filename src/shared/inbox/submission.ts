import { z } from 'zod';
import { TRACKING_TOKEN_PATTERN } from '../job';
import { PICKUP_WINDOWS, requestFieldProblem, SUSPECT_FLAG } from './request-fields';
import type { PickupWindowName, RequestField } from './request-fields';

export { PICKUP_WINDOWS };
export type { PickupWindowName };

/**
 * What the public booking page uploads to `inbox/`: a pickup request from `/book/`, or the
 * answer to a quote from `/book/<token>`. Untrusted input from anyone on the internet: parsed
 * strictly and unknown fields refused. Each field of a request is checked by the same rule the
 * page checks it with before it uploads (request-fields.ts), so what ingest refuses, the page
 * refused first, beside the field.
 */

/** The id the phone mints once per form: a retried or double-clicked submit reuses it. */
export const SUBMISSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A request field, trimmed, held to the page's rule for it. */
const field = (name: RequestField) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = requestFieldProblem(name, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const base = {
  schema: z.literal(1),
  id: z.string().regex(SUBMISSION_ID_PATTERN, 'must be 16–64 base64url characters'),
  submitted_at: z.iso.datetime({ offset: true }),
};

export const requestSubmissionSchema = z.strictObject({
  ...base,
  kind: z.literal('request'),
  name: field('name'),
  phone: field('phone'),
  address: field('address'),
  service: field('service'),
  date: field('date'),
  window: field('window').pipe(
    z.enum(Object.keys(PICKUP_WINDOWS) as [PickupWindowName, ...PickupWindowName[]]),
  ),
  notes: field('notes').optional(),
  /** Why the page thinks a bot may have sent it: held for the dispatcher, never dropped. */
  suspect: z
    .array(z.string().regex(SUSPECT_FLAG, 'is not a flag the booking page sends'))
    .max(4)
    .optional(),
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
