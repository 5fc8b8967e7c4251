/**
 * The texts part of the contract: what the console asks of the messages floor, and what it
 * hears when a text's state changes or a customer replies. `qdn messages …` prints the same
 * shapes.
 */
import type { Job } from '../job';
import type { JobSaved } from '../jobs/jobs-api';
import type { SmsStatus } from '../settings/settings';
import type { TextRecord } from './text-record';

/** A text as `qdn messages list` prints it: the job's record with its job and a plain state. */
export interface TextListing {
  id: string;
  job_id: string;
  customer_name: string;
  direction: TextRecord['direction'];
  /** E.164 of the customer. */
  to: string | null;
  body: string | null;
  trigger: TextRecord['trigger'];
  /** As recorded, except a pending text inside quiet hours, which is `held`. */
  status: TextRecord['state'] | 'held';
  segments: number | null;
  at: string;
  /** Why it failed, was skipped or is held ("quiet hours until 8:00 AM"). */
  reason: string | null;
}

/** What a flush did with the texts that were owed. */
export interface FlushResult {
  sent: number;
  /** Inside quiet hours: they go when those end. */
  held: number;
  failed: number;
  /** The job moved on, texts are off for it, or the customer opted out. */
  skipped: number;
}

/** What the console shows about texting: who carries them, what this month cost. */
export interface MessagesStatus {
  /** Null: no provider set up (an AWS workspace without `messages.aws`): texts are not sent. */
  provider: 'sandbox' | 'aws' | 'twilio' | null;
  /** The sandbox's phone page (the local edge's /__phone/); null elsewhere. */
  phone_url: string | null;
  /** Outbound texts and their segments since the 1st of this month, in the business's zone. */
  month_texts: number;
  month_segments: number;
  /** Numbers (E.164) that texted STOP and have not texted START since. */
  opted_out: string[];
}

export interface MessagesApi {
  /** Texts of one job, or of every job on the board, newest first. */
  listTexts(jobId?: string): Promise<TextListing[]>;
  /** Sends a text now: `body` as typed, or the template of `status` (default: the job's). */
  sendText(jobId: string, input: { body?: string; status?: SmsStatus }): Promise<JobSaved>;
  /** Sends what is owed and due (also done at every start and on a timer). */
  flushTexts(): Promise<FlushResult>;
  getMessagesStatus(): Promise<MessagesStatus>;
  /** The dispatcher has read the job's replies. */
  markTextsRead(jobId: string): Promise<JobSaved>;
}

export interface MessagesEvents {
  /**
   * Texts changed on these jobs without a call from this window: a text went out or failed, a
   * delivery report or a customer's reply arrived. Carries the jobs as saved.
   */
  textsChanged: { jobs: Job[] };
}

/** The texts part's method names, listed once (src/shared/api.ts joins every domain's). */
export const MESSAGES_METHODS = [
  'listTexts',
  'sendText',
  'flushTexts',
  'getMessagesStatus',
  'markTextsRead',
] as const satisfies readonly (keyof MessagesApi)[];

export const MESSAGES_EVENTS = [
  'textsChanged',
] as const satisfies readonly (keyof MessagesEvents)[];
