import type { Job } from '../../shared/job';
import type { FlushResult } from '../../shared/messages/messages-api';
import type { MessagesSettings } from '../../shared/messages/messages-settings';
import type { TextRecord } from '../../shared/messages/text-record';
import type { SmsStatus } from '../../shared/settings/settings';
import { smsStatusFor } from '../../shared/sms';
import { countSegments } from '../../shared/sms-segments';
import { errorMessage } from '../../shared/errors';
import { isOwedText } from '../jobs/text-append';
import { recordTextOutcome } from '../jobs/text-outcomes';
import type { TextOutcome } from '../jobs/text-outcomes';
import type { JobsStore } from '../jobs/jobs-store';
import type { ObjectStore } from '../storage/object-store';
import { PreconditionFailedError } from '../storage/object-store';
import type { OptOuts, TextSender } from './messages-ports';
import { TextRefusedError } from './messages-ports';
import { quietUntil } from './quiet-hours';

/** Where a text's claim lives in the data store: one create-only object per text. */
const CLAIMS_PREFIX = 'messages/claims/';
export const claimKey = (textId: string): string => `${CLAIMS_PREFIX}${textId}.json`;

/**
 * How long a claim holds a text. A sender killed after claiming never records an outcome; once
 * its claim is this old another flush takes it over. Far longer than a send takes (a provider
 * call has seconds), so a slow sender is not overtaken in the middle of one.
 */
export const CLAIM_LEASE_MS = 120_000;

export const NO_PROVIDER_REASON = 'No text provider is set up (Settings → Texts)';
export const MOVED_ON_REASON = 'the job moved on before it went';
const TEXTS_OFF_REASON = 'texts are off for this job';
const OPTED_OUT_REASON = 'the customer texted STOP';

export interface FlushDeps {
  /** Where the jobs are read and the outcomes written (a console writes through its service). */
  jobs: Pick<JobsStore, 'list' | 'update'>;
  /** The data store: claims live there, so two consoles on one business never both send. */
  data: ObjectStore;
  /** Null: no provider is set up (an AWS workspace without messages.aws); nothing is sent. */
  sender: TextSender | null;
  optOuts: OptOuts;
  settings: Pick<MessagesSettings, 'quiet_hours'>;
  timeZone: string;
  /** The words for a job and template (the tracking link filled in), or null: no template. */
  bodyOf: (job: Job, template: SmsStatus) => string | null;
  /** Who claims (for the claim object, to read when checking a stuck text). */
  by?: string;
  now?: () => Date;
  leaseMs?: number;
}

/** What a flush did, the jobs it changed (as saved), and when held texts go. */
export interface FlushOutcome {
  result: FlushResult;
  changed: Job[];
  /** The earliest end of quiet hours a held text waits for; null when none is held. */
  heldUntil: Date | null;
  /** Why an owed text could not go this time (no provider, a provider down): for a warning. */
  problems: string[];
}

/**
 * Sends the texts owed on `jobs` (as read by the caller; a status change passes the job it
 * saved, which spares a read), one at a time, each through its claim.
 *
 * The one unavoidable window — the process killed after the provider took a text and before its
 * outcome was written — is taken AT LEAST ONCE: the text is still `pending` with a claim, and a
 * flush that finds the claim older than the lease sends it again. A missing "on our way" is the
 * failure texts exist to prevent; a second copy of it is a nuisance. Any other failure (a claim
 * or a send that fails, a crash before the send) leaves the text owed, and the next flush sends
 * it once.
 */
export async function flushJobs(deps: FlushDeps, jobs: readonly Job[]): Promise<FlushOutcome> {
  const outcome: FlushOutcome = {
    result: { sent: 0, held: 0, failed: 0, skipped: 0 },
    changed: [],
    heldUntil: null,
    problems: [],
  };
  for (const job of jobs) {
    for (const text of job.texts ?? []) {
      if (!isOwedText(text)) continue;
      try {
        await flushOne(deps, job, text, outcome, { manual: false });
      } catch (err) {
        // A store that failed half-way: this text stays owed (or claimed, until its lease ends)
        // and the others still get their turn.
        outcome.problems.push(
          `A text to ${job.customer_name} did not go yet: ${errorMessage(err)}`,
        );
      }
    }
  }
  return outcome;
}

/** Sends every owed text on the board (a console's start, its timer, `qdn messages flush`). */
export async function flushAll(deps: FlushDeps, jobIds?: readonly string[]): Promise<FlushOutcome> {
  const jobs = await deps.jobs.list();
  const wanted = jobIds ? new Set(jobIds) : null;
  return flushJobs(
    deps,
    jobs.filter((job) => (wanted ? wanted.has(job.job_id) : (job.texts ?? []).some(isOwedText))),
  );
}

/**
 * One owed text: decided (moved on, texts off, opted out, held, no provider), else claimed,
 * sent and recorded. A manual text goes whatever the job's status and quiet hours: the
 * dispatcher is sending it now.
 */
export async function flushOne(
  deps: FlushDeps,
  job: Job,
  text: TextRecord,
  outcome: FlushOutcome,
  how: { manual: boolean },
): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  const template = templateOf(text);
  const decide = async (state: 'skipped' | 'opted_out', reason: string) => {
    await record(deps, job.job_id, text.id, { state, reason }, outcome, now);
    outcome.result.skipped += 1;
  };
  if (!how.manual && text.trigger !== 'manual' && job.status !== text.trigger) {
    return decide('skipped', MOVED_ON_REASON);
  }
  if (!how.manual && job.no_texts === true) return decide('skipped', TEXTS_OFF_REASON);
  const to = text.to;
  if (!to) return decide('skipped', 'the job has no phone number to text');
  const body = text.body ?? (template ? deps.bodyOf(job, template) : null);
  if (!body) return decide('skipped', 'no template for this status');
  const until = how.manual ? null : quietUntil(now, deps.settings.quiet_hours, deps.timeZone);
  if (until || !deps.sender) {
    // Not going now: an opted-out number is still told apart, so the job shows why.
    if (await deps.optOuts.has(to)) return decide('opted_out', OPTED_OUT_REASON);
    if (until) {
      outcome.result.held += 1;
      if (!outcome.heldUntil || until < outcome.heldUntil) outcome.heldUntil = until;
    } else {
      outcome.problems.push(NO_PROVIDER_REASON);
    }
    return;
  }
  // The opt-out check beside the claim, not before it: one round trip fewer on the way to the
  // provider. A claim taken for a text that then is not sent only marks it decided.
  const [optedOut, claimed] = await Promise.all([
    deps.optOuts.has(to),
    claim(deps, job.job_id, text.id, now),
  ]);
  if (!claimed) return;
  if (optedOut) return decide('opted_out', OPTED_OUT_REASON);
  const segments = countSegments(body);
  let accepted: { providerId: string };
  try {
    accepted = await deps.sender.send({ id: text.id, to, body });
  } catch (err) {
    if (err instanceof TextRefusedError) {
      await record(
        deps,
        job.job_id,
        text.id,
        { state: err.optedOut ? 'opted_out' : 'failed', reason: err.message.slice(0, 500), body },
        outcome,
        now,
      );
      if (err.optedOut) outcome.result.skipped += 1;
      else outcome.result.failed += 1;
      return;
    }
    // Transient: the text stays owed. Its claim is let go so the next flush need not wait out
    // the lease (a release that fails too is only that wait).
    await deps.data.delete(claimKey(text.id)).catch(() => {});
    outcome.problems.push(`A text to ${job.customer_name} did not go yet: ${errorMessage(err)}`);
    return;
  }
  const sentOutcome = () =>
    record(
      deps,
      job.job_id,
      text.id,
      {
        state: 'sent',
        body,
        to,
        segments: segments.segments,
        encoding: segments.encoding,
        sent_at: now.toISOString(),
        provider_id: accepted.providerId.slice(0, 200),
      },
      outcome,
      now,
      // The provider took it: that is the truth whatever a racing decision wrote meanwhile.
      ['pending', 'sending', 'skipped', 'failed'],
    );
  // Once more on a failed write: past the send, a lost outcome is a second copy of the text
  // later (the lease), so one blip of the store is not let cost that.
  await sentOutcome().catch(() => sentOutcome());
  outcome.result.sent += 1;
}

/** The template a text fills: its trigger's, or none (a manual text carries its body). */
function templateOf(text: TextRecord): SmsStatus | null {
  if (text.trigger === 'manual' || text.trigger === 'reply') return null;
  return smsStatusFor(text.trigger);
}

async function record(
  deps: FlushDeps,
  jobId: string,
  textId: string,
  patch: TextOutcome,
  outcome: FlushOutcome,
  now: Date,
  from: readonly TextRecord['state'][] = ['pending', 'sending'],
): Promise<void> {
  const saved = await deps.jobs.update(recordTextOutcome(jobId, textId, patch, from, now));
  for (const job of saved.changed) {
    const at = outcome.changed.findIndex((j) => j.job_id === job.job_id);
    if (at >= 0) outcome.changed[at] = job;
    else outcome.changed.push(job);
  }
}

/**
 * Takes the text for this sender: a create-only object, so of two flushes (two consoles, a
 * console and `qdn`) exactly one wins. A claim older than the lease was left by a sender that
 * died: it is taken over with a write conditional on that claim's ETag, so again one wins.
 */
async function claim(deps: FlushDeps, jobId: string, textId: string, now: Date): Promise<boolean> {
  const body = JSON.stringify({ claimed_at: now.toISOString(), by: deps.by ?? null });
  const key = claimKey(textId);
  try {
    await deps.data.put(key, body, { ifNoneMatch: '*', contentType: 'application/json' });
    return true;
  } catch (err) {
    if (!(err instanceof PreconditionFailedError)) throw err;
  }
  const held = await deps.data.get(key);
  if (!held) return false; // released meanwhile: the next flush takes it
  const claimedAt = Date.parse(
    (JSON.parse(held.body.toString('utf8')) as { claimed_at?: string }).claimed_at ?? '',
  );
  const lease = deps.leaseMs ?? CLAIM_LEASE_MS;
  if (Number.isFinite(claimedAt) && now.getTime() - claimedAt < lease) return false;
  // A claim stays after its text is sent, so an old claim alone does not mean a dead sender:
  // the caller's read of the job may be older than the outcome another sender wrote. Only a
  // text still owed in jobs.json as it is now is taken over (rare, so the read costs little).
  const current = (await deps.jobs.list())
    .find((j) => j.job_id === jobId)
    ?.texts?.find((t) => t.id === textId);
  if (!current || !isOwedText(current)) return false;
  try {
    await deps.data.put(key, body, { ifMatch: held.etag, contentType: 'application/json' });
    return true;
  } catch (err) {
    if (err instanceof PreconditionFailedError) return false;
    throw err;
  }
}
