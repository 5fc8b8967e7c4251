import { z } from 'zod';
import { NEW_JOB_MAX_LENGTH as L, jobStatusSchema, phoneNumber, priceAmount } from '../job';
import { currencyCodeSchema } from '../settings/settings';

/**
 * A dispatcher's edit of a job (issue 8 §2): only the fields a person types, each optional;
 * `null` clears an optional field. `base` holds the values the edit started from, so core can
 * refuse (code `conflict`) when one of those fields was changed underneath by another laptop
 * or `qdn` — the dispatcher then chooses, instead of a silent overwrite.
 */
const tooLong = (n: number) => `must be at most ${n} characters`;
const instant = z.iso.datetime({ offset: true, error: 'needs a date and time' });
const required = (max: number) => z.string().trim().min(1, 'is required').max(max, tooLong(max));
const optional = (max: number) => z.string().trim().max(max, tooLong(max)).nullable();

/** The fields a dispatcher types into the edit form. */
export const typedChangesSchema = z.strictObject({
  customer_name: required(L.customer_name).optional(),
  address: required(L.address).optional(),
  pickup_date: instant.optional(),
  pickup_window_end: instant.nullable().optional(),
  price: priceAmount.optional(),
  currency: currencyCodeSchema.optional(),
  phone: phoneNumber.nullable().optional(),
  email: z.email('is not an email address').max(L.email, tooLong(L.email)).nullable().optional(),
  service: optional(L.service).optional(),
  notes: z.string().max(L.notes, tooLong(L.notes)).nullable().optional(),
  assigned_to: optional(L.assigned_to).optional(),
});

/**
 * Every field an edit may change: the typed ones, and the job panel's switches (issue 18):
 * `no_texts` (false clears it: texts on is the default) and `paid_at` (null: unpaid).
 */
export const jobChangesSchema = z.strictObject({
  ...typedChangesSchema.shape,
  no_texts: z.boolean({ error: 'must be on or off' }).optional(),
  paid_at: instant.nullable().optional(),
});
export type JobChanges = z.infer<typeof jobChangesSchema>;
/** A field of the edit form (typed). */
export type JobField = keyof z.infer<typeof typedChangesSchema>;
export const JOB_FIELDS = Object.keys(typedChangesSchema.shape) as JobField[];
/** Any field an edit changes, switches included. */
export type JobChangeField = keyof JobChanges;
export const JOB_CHANGE_FIELDS = Object.keys(jobChangesSchema.shape) as JobChangeField[];

export const jobEditSchema = z.strictObject({
  changes: jobChangesSchema.refine((c) => Object.keys(c).length > 0, 'change at least one field'),
  /** The edited fields' values when the dispatcher started editing (absent: no check). */
  base: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  /** The dispatcher confirmed a pickup time in the past (e.g. recording one after the fact). */
  allow_past_pickup: z.boolean().optional(),
  /** The edit takes back an earlier one (the toast's Undo): its history entry says so. */
  undo: z.boolean().optional(),
});
export type JobEdit = z.infer<typeof jobEditSchema>;

/** Why a status move was made when it is not a plain step forward (or a cancel). */
export const moveReasonSchema = z
  .string()
  .trim()
  .min(1, 'a reason is required')
  .max(500, 'must be at most 500 characters');

/**
 * How a status move is meant (issue 17): `undo` takes back the move before it (its history
 * entry says so); `from` is the status the move starts from, and core refuses (`conflict`)
 * when the job is no longer there: an Undo never takes back what someone did since.
 */
export const moveOptionsSchema = z.strictObject({
  undo: z.boolean().optional(),
  from: jobStatusSchema.optional(),
});
export type MoveOptions = z.infer<typeof moveOptionsSchema>;
