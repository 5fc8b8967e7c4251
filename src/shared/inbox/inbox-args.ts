import { z } from 'zod';
import { moneyAmount } from '../job';
import { jobIdSchema } from '../jobs/jobs-args';
import type { ArgsSchemas } from '../args-schemas';
import type { InboxApi } from './inbox-api';
import { isReviewId } from './review-id';

/** `held/<name>` or `rejected/<name>`: a key under `inbox/` that never climbs out of it. */
const reviewId = z
  .string()
  .max(900)
  .refine(isReviewId, 'must name a submission held for review (held/… or rejected/…)');
const instant = z.iso.datetime({ offset: true, error: 'needs a date and time' });

export const quoteInputSchema = z
  .strictObject({
    price: moneyAmount.refine((n) => n > 0, 'must be more than zero'),
    pickup_date: instant,
    pickup_window_end: instant.optional(),
  })
  .refine(
    (q) => !q.pickup_window_end || Date.parse(q.pickup_window_end) > Date.parse(q.pickup_date),
    { path: ['pickup_window_end'], message: 'must be after the pickup start' },
  );

/** The inbox calls' arguments, parsed on arrival like every other call's. */
export const inboxArgs: ArgsSchemas<InboxApi> = {
  listInbox: z.tuple([]),
  ingestInbox: z.tuple([]),
  quoteJob: z.tuple([jobIdSchema, quoteInputSchema]),
  listReview: z.tuple([]),
  acceptSubmission: z.tuple([reviewId]),
  dismissSubmission: z.tuple([reviewId]),
};
