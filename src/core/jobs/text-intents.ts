import type { Job } from '../../shared/job';
import type { TextRecord } from '../../shared/messages/text-record';
import { checkPhone } from '../../shared/phone';
import { smsStatusFor } from '../../shared/sms';
import { newJobId } from '../ids/random-ids';
import type { JobRules } from './job-field-checks';
import { appendText, unusedTextId } from './text-append';

/**
 * The first half of "exactly once": a status change that owes the customer a text records that
 * intent (`pending`) on the job it saves, in the same jobs.json write, so the change and its
 * text can never part. The sender (src/core/messages/) sends it and records the outcome.
 *
 * A text is owed when the job enters a status the workspace texts on (`rules.autoTexts`, from
 * config.json → messages.auto) that has a template, the job has a phone that checks in the
 * business's country, texts are not off for it, and no earlier outbound text of the job had the
 * same trigger for the same pickup: an undo and redo, or a retried change, owes nothing new,
 * while a job moved to another day is told again.
 */
export function withTextIntent(
  before: Job,
  after: Job,
  rules: JobRules,
  now: Date,
  by?: string,
  newId: () => string = newJobId,
): Job {
  if (after.status === before.status) return after;
  if (!(rules.autoTexts ?? []).includes(after.status)) return after;
  if (smsStatusFor(after.status) === null || after.no_texts === true || !after.phone) return after;
  const phone = checkPhone(after.phone, rules.phoneCountry);
  if (!phone.ok) return after;
  const texts = after.texts ?? [];
  // A text skipped because the job moved on never went: moved back to that status, it is owed
  // again (en route held in quiet hours, a slip to on site skips it, the correction back must
  // not leave the customer untold). Sent, failed or opted out counts as told.
  const told = texts.some(
    (t) =>
      t.direction === 'out' &&
      t.trigger === after.status &&
      t.for_pickup === after.pickup_date &&
      t.state !== 'skipped',
  );
  if (told) return after;
  const id = unusedTextId(texts, newId);
  const intent: TextRecord = {
    id,
    direction: 'out',
    trigger: after.status,
    state: 'pending',
    at: now.toISOString(),
    for_pickup: after.pickup_date,
    to: phone.e164,
    ...(by ? { by: by.slice(0, 100) } : {}),
  };
  return { ...after, texts: appendText(texts, intent) };
}
