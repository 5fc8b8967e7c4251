import { z } from 'zod';
import { JOB_STATUSES } from '../status-flow';

/**
 * A text on its job (jobs.json → job.texts), outbound or a customer's reply.
 *
 * Exactly once is kept in three steps: the *intent* (`pending`) is written in the same
 * jobs.json write as the status change that owes it, so a change and its text can never part;
 * the sender then claims the text (a create-only object in the data store, so two consoles
 * never both send it), hands it to the provider, and records the outcome (`sent`, later
 * `delivered` or `failed`) on the job.
 */
export const TEXT_STATES = [
  /** Owed, not yet handed to the provider (inside quiet hours it waits: shown as held). */
  'pending',
  /** Claimed by a sender that has not recorded an answer yet. */
  'sending',
  /** The provider took it. */
  'sent',
  /** The carrier says it reached the phone. */
  'delivered',
  /** The provider or carrier refused it; `reason` says why, in the carrier's words. */
  'failed',
  /** Not sent on purpose: the job moved on before it could go, or texts are off for it. */
  'skipped',
  /** Not sent: the customer texted STOP (or the carrier keeps the number opted out). */
  'opted_out',
  /** A customer's text to the business. */
  'received',
] as const;
export type TextState = (typeof TEXT_STATES)[number];

/** What made a text: a status change (automatic), the dispatcher, or the customer. */
export const textTriggerSchema = z.union([
  z.enum(JOB_STATUSES),
  z.literal('manual'),
  z.literal('reply'),
]);
export type TextTrigger = z.infer<typeof textTriggerSchema>;

const isoInstant = z.iso.datetime({ offset: true });

/** Loose, as a job is: what a newer console adds survives a round-trip. */
export const textRecordSchema = z.looseObject({
  /** 16 lowercase hex chars from a CSPRNG; also names the text's claim in the data store. */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  direction: z.enum(['out', 'in']),
  trigger: textTriggerSchema,
  state: z.enum(TEXT_STATES),
  /** When it was owed (outbound) or arrived (inbound). */
  at: isoInstant,
  /**
   * The pickup the text was owed for: one text per job and transition, so an undo and redo
   * owes nothing new, while a job rescheduled to another day is told again.
   */
  for_pickup: isoInstant.optional(),
  /** The customer's number (E.164): `to` when outbound, `from` when inbound. */
  to: z.string().max(20).optional(),
  from: z.string().max(20).optional(),
  /** The words sent or received (filled when handed to the provider). */
  body: z.string().max(1600).optional(),
  segments: z.number().int().min(0).max(100).optional(),
  encoding: z.enum(['GSM-7', 'UCS-2']).optional(),
  /** When the provider took it; when its state last changed. */
  sent_at: isoInstant.optional(),
  updated_at: isoInstant.optional(),
  /** The provider's id for it (AWS MessageId, Twilio SID): how delivery events find it. */
  provider_id: z.string().max(200).optional(),
  /** Why it failed or was skipped, in plain words (the carrier's reason when there is one). */
  reason: z.string().max(500).optional(),
  /** Who sent a manual text or made the change that owed it (as history's `by`). */
  by: z.string().max(100).optional(),
  /** Inbound: the dispatcher has seen it. */
  read_at: isoInstant.optional(),
});
export type TextRecord = z.infer<typeof textRecordSchema>;

/** How many texts a job keeps; the oldest go first past this (a year of replies stays small). */
export const MAX_TEXTS_PER_JOB = 100;
