import { QdnError } from '../../shared/errors';
import type { Job } from '../../shared/job';
import { describeSuspectFlag, PICKUP_WINDOWS } from '../../shared/inbox/request-fields';
import type { ConfirmSubmission, RequestSubmission } from '../../shared/inbox/submission';
import type { QuoteInput } from '../../shared/inbox/inbox-api';
import { newJobId, newTrackingToken } from '../ids/random-ids';
import type { ChangeOutcome, JobsChange } from '../jobs/job-changes';
import { entry, historyOf } from '../jobs/job-changes';
import type { JobRules } from '../jobs/job-field-checks';
import { withTextIntent } from '../jobs/text-intents';
import { zonedInstant } from '../../shared/zoned-time';
import { quoteInputSchema } from '../../shared/inbox/inbox-args';
import type { QuoteRecord } from '../../shared/inbox/quote-record';
import { formatPickupWindow } from '../../shared/format';
import { pickupProblem } from '../../shared/pickup-checks';
import { STATUS_LABELS } from '../../shared/status-flow';
import { describeIssues } from '../../shared/validation-message';

/**
 * A submission checked and ready to apply; `key` is where it waits in the inbox. `accepted_by`
 * is set when the dispatcher accepted it from review (possible spam, or refused by ingest): the
 * job is made whatever its flags, and its history says why.
 */
export type Accepted =
  | { key: string; submission: RequestSubmission; accepted_by?: string }
  | { key: string; submission: ConfirmSubmission };

/** What applying one submission did (or why it could not apply, or why it waits for review). */
export type Applied =
  | { key: string; outcome: 'created' | 'confirmed' | 'call_requested' | 'already'; job: Job }
  | { key: string; outcome: 'rejected' | 'held'; reason: string };

/**
 * Applies a pass's submissions to jobs.json in one change. Idempotent by construction: a
 * request whose id a job already carries (`request_id`) creates nothing, and a confirmation of
 * a job already past "requested" changes nothing — so a pass re-run after a crash, a retried
 * upload or a double-clicked submit never makes a second job.
 */
export function applySubmissions(
  accepted: readonly Accepted[],
  timeZone: string,
  now: Date,
  rules: JobRules = {},
): JobsChange<Applied[]> {
  return (current) => {
    const jobs = [...current];
    const changed = new Map<string, Job>();
    const applied: Applied[] = [];
    const at = now.toISOString();
    const ids = new Set(jobs.map((j) => j.job_id));
    for (const item of accepted) {
      const { key, submission } = item;
      if (submission.kind === 'request') {
        const existing = jobs.find((j) => j.request_id === submission.id);
        if (existing) {
          applied.push({ key, outcome: 'already', job: existing });
          continue;
        }
        const acceptedBy = 'accepted_by' in item ? item.accepted_by : undefined;
        // A bot's fill time or its hidden field: kept for the dispatcher, never made a job alone.
        if (submission.suspect?.length && acceptedBy === undefined) {
          const why = submission.suspect.map(describeSuspectFlag).join('; ');
          applied.push({ key, outcome: 'held', reason: `Possible spam: ${why}.` });
          continue;
        }
        let jobId = newJobId();
        while (ids.has(jobId)) jobId = newJobId();
        ids.add(jobId);
        const window = PICKUP_WINDOWS[submission.window];
        const job: Job = {
          job_id: jobId,
          customer_name: submission.name,
          address: submission.address,
          status: 'requested',
          pickup_date: wallClockOn(submission.date, window.from, timeZone),
          pickup_window_end: wallClockOn(submission.date, window.to, timeZone),
          // No price until the dispatcher quotes one (quoted_at says when).
          price: 0,
          currency: 'USD',
          tracking_token: newTrackingToken(),
          created_at: at,
          updated_at: at,
          phone: submission.phone,
          service: submission.service,
          ...(submission.notes ? { notes: `From the booking form: ${submission.notes}` } : {}),
          request_id: submission.id,
          history: [
            {
              status: 'requested',
              at,
              by: 'customer',
              ...(acceptedBy === undefined ? {} : { reason: acceptedBy.slice(0, 500) }),
            },
          ],
        };
        jobs.push(job);
        changed.set(jobId, job);
        applied.push({ key, outcome: 'created', job });
        continue;
      }
      const index = jobs.findIndex((j) => j.tracking_token === submission.token);
      const job = jobs[index];
      if (!job || job.token_revoked_at) {
        applied.push({ key, outcome: 'rejected', reason: 'No job has this quote link.' });
      } else if (job.status !== 'requested') {
        applied.push({ key, outcome: 'already', job });
      } else if (typeof job.quoted_at !== 'string') {
        applied.push({ key, outcome: 'rejected', reason: 'This job has no quote to confirm yet.' });
      } else if (submission.answer === 'call') {
        if (job.call_requested_at === undefined) {
          jobs[index] = { ...job, call_requested_at: at, updated_at: at };
          changed.set(job.job_id, jobs[index]);
        }
        applied.push({ key, outcome: 'call_requested', job: jobs[index] ?? job });
      } else {
        const history = job.history ?? [{ status: job.status, at: job.created_at }];
        // A confirmation is a status change like any other: it may owe the customer a text.
        const updated: Job = withTextIntent(
          job,
          {
            ...job,
            status: 'scheduled',
            updated_at: at,
            confirmed_request_id: submission.id,
            history: [...history, { status: 'scheduled', at, by: 'customer' }],
          },
          rules,
          now,
          'customer',
        );
        jobs[index] = updated;
        changed.set(job.job_id, updated);
        applied.push({ key, outcome: 'confirmed', job: updated });
      }
    }
    const outcome: ChangeOutcome<Applied[]> = {
      jobs,
      result: applied,
      changed: [...changed.values()],
    };
    return outcome;
  };
}

/**
 * A quote as it may be saved, or a bad_request saying why not: a price above nothing, a window
 * that ends after it starts, a pickup not over yet. Checked before anything is read or written.
 */
function checkQuote(
  quote: QuoteInput,
  now: Date,
  rules: Pick<JobRules, 'timeZone'> = {},
): QuoteInput {
  const checked = quoteInputSchema.safeParse(quote);
  if (!checked.success) {
    throw new QdnError('bad_request', `Invalid quote: ${describeIssues(checked.error)}`);
  }
  const { pickup_date: start, pickup_window_end: end } = checked.data;
  const problem = pickupProblem({ start, end: end ?? null }, now, rules);
  if (problem?.kind === 'past') {
    const when = formatPickupWindow(start, end, 'en-US', rules.timeZone, now);
    throw new QdnError(
      'bad_request',
      `The quoted pickup (${when}) is in the past: quote a time from now on.`,
    );
  }
  if (problem) throw new QdnError('bad_request', problem.message);
  return checked.data;
}

/**
 * Turns a requested job into a quote: its price and window, ready for the customer to confirm
 * on `/book/<token>`, and a history entry that says what was quoted and by whom. A job past
 * Requested, a link that no longer opens, a price of nothing or a pickup already over is
 * refused and changes nothing (a quote is an offer for the future: there is no "confirm it is
 * in the past" here, as a create has).
 */
export function quoteJob(
  jobId: string,
  quote: QuoteInput,
  now: Date,
  by?: string,
  rules: Pick<JobRules, 'timeZone'> = {},
): JobsChange<Job> {
  const { price, pickup_date: start, pickup_window_end: end } = checkQuote(quote, now, rules);
  return (current) => {
    const index = current.findIndex((j) => j.job_id === jobId);
    const job = current[index];
    if (!job) throw new QdnError('not_found', `No job with id ${jobId}.`);
    if (job.status !== 'requested') {
      throw new QdnError(
        'invalid_transition',
        `Only a requested job takes a quote; this one is ${STATUS_LABELS[job.status]}.`,
      );
    }
    if (job.token_revoked_at) {
      throw new QdnError(
        'bad_request',
        'This request’s link is revoked, so the customer could not open a quote: give it a new link first.',
      );
    }
    const at = now.toISOString();
    const quoted: QuoteRecord = {
      price,
      currency: job.currency,
      pickup_date: start,
      ...(end ? { pickup_window_end: end } : {}),
    };
    const updated: Job = {
      ...job,
      price,
      pickup_date: start,
      quoted_at: at,
      updated_at: at,
      history: [
        ...historyOf(job),
        entry({ status: 'requested', at, event: 'quote' }, by, { quote: quoted }),
      ],
    };
    if (end) updated.pickup_window_end = end;
    else delete updated.pickup_window_end;
    const jobs = [...current];
    jobs[index] = updated;
    return { jobs, result: updated, changed: [updated] };
  };
}

/** A preferred window's "HH:MM" on the requested day, on the business's clocks, as an instant. */
function wallClockOn(day: string, time: string, timeZone: string): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return zonedInstant(day, hour, minute, timeZone).toISOString();
}
