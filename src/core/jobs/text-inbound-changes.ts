import type { CountryCode } from 'libphonenumber-js';
import type { Job } from '../../shared/job';
import type { TextRecord } from '../../shared/messages/text-record';
import { checkPhone } from '../../shared/phone';
import { isOpenStatus } from '../../shared/status-flow';
import { newJobId } from '../ids/random-ids';
import type { JobsChange } from './job-changes';
import { appendText, unusedTextId } from './text-append';

/** Longest body a text record keeps (src/shared/messages/text-record.ts). */
const MAX_TEXT_BODY = 1600;

/** A customer's text, as the messages floor hands it to jobs.json. */
export interface ReplyToRecord {
  /** The provider's id of the inbound text: a job that has it already gains nothing. */
  providerId: string;
  /** E.164. */
  from: string;
  body: string;
  at: string;
  /** STOP/START: lands on every open job of the number, so each shows the customer opted out. */
  keyword?: boolean;
}

/** What recording a reply did: the jobs it landed on (empty: no job has that number). */
export interface ReplyRecorded {
  jobs: Job[];
  /** It was on its job(s) already (a redelivered event): nothing was written. */
  already: boolean;
}

/**
 * The jobs a reply from `e164` belongs on. A reply lands on one job: the customer's open job
 * (the nearest pickup, if several), else their most recent. An opt-out keyword lands on every
 * open job of theirs too, since each of them would have texted.
 */
function jobsForNumber(
  jobs: readonly Job[],
  e164: string,
  country: CountryCode | undefined,
  keyword = false,
): Job[] {
  // A cheap look at the digits first: parsing every job's phone on every reply costs ~10 µs a job.
  // Contains, not ends with: a phone typed with an extension ("… 555-0142 x12") ends in it.
  const tail = e164.replace(/\D/g, '').slice(-7);
  const theirs = jobs.filter((job) => {
    if (!job.phone || !job.phone.replace(/\D/g, '').includes(tail)) return false;
    const checked = checkPhone(job.phone, country);
    return checked.ok && checked.e164 === e164;
  });
  if (theirs.length === 0) return [];
  const open = theirs
    .filter((job) => isOpenStatus(job.status))
    .sort((a, b) => a.pickup_date.localeCompare(b.pickup_date));
  if (keyword && open.length > 0) return open;
  if (open.length > 0) return [open[0]!];
  const newest = [...theirs].sort((a, b) => b.created_at.localeCompare(a.created_at))[0]!;
  return [newest];
}

/** Whether any job holds the inbound text with this provider id. */
export function replyRecorded(jobs: readonly Job[], providerId: string): boolean {
  return jobs.some((job) =>
    (job.texts ?? []).some((t) => t.direction === 'in' && t.provider_id === providerId),
  );
}

/**
 * Records a customer's text on their job(s) as `received`, unread. A change of the jobs as read
 * (re-applied after a lost race), so a redelivered reply, or one a lost race re-applies, is
 * found on the job and adds nothing.
 */
export function recordReply(
  reply: ReplyToRecord,
  country: CountryCode | undefined,
  newId: () => string = newJobId,
): JobsChange<ReplyRecorded> {
  return (jobs) => {
    if (replyRecorded(jobs, reply.providerId)) {
      return { jobs: [...jobs], result: { jobs: [], already: true }, changed: [] };
    }
    const targets = new Set(
      jobsForNumber(jobs, reply.from, country, reply.keyword).map((job) => job.job_id),
    );
    if (targets.size === 0) {
      return { jobs: [...jobs], result: { jobs: [], already: false }, changed: [] };
    }
    const body =
      reply.body.length > MAX_TEXT_BODY ? reply.body.slice(0, MAX_TEXT_BODY) : reply.body;
    const changed: Job[] = [];
    const next = jobs.map((job) => {
      if (!targets.has(job.job_id)) return job;
      const texts = job.texts ?? [];
      const record: TextRecord = {
        id: unusedTextId(texts, newId),
        direction: 'in',
        trigger: 'reply',
        state: 'received',
        at: reply.at,
        from: reply.from,
        body,
        provider_id: reply.providerId,
        ...(body.length < reply.body.length
          ? { reason: `Cut to ${MAX_TEXT_BODY} characters of ${reply.body.length}.` }
          : {}),
      };
      const updated: Job = { ...job, texts: appendText(texts, record) };
      changed.push(updated);
      return updated;
    });
    return { jobs: next, result: { jobs: changed, already: false }, changed };
  };
}

/** A delivery report, as the messages floor hands it to jobs.json. */
export interface DeliveryToRecord {
  /** The provider's id of the text we sent (`provider_id` on its record). */
  providerId: string;
  state: 'delivered' | 'failed';
  reason?: string;
  at: string;
}

/** Where a report found its text: `null` when no job has sent a text with that id (yet). */
export type DeliveryRecorded = { job: Job; changed: boolean } | null;

/**
 * Sets the outcome the carrier reported on the outbound text it names. The first final report
 * stands: a redelivered or late report changes nothing on a text already delivered or failed.
 */
export function recordDelivery(report: DeliveryToRecord): JobsChange<DeliveryRecorded> {
  return (jobs) => {
    const index = jobs.findIndex((job) =>
      (job.texts ?? []).some((t) => t.direction === 'out' && t.provider_id === report.providerId),
    );
    const job = jobs[index];
    if (!job) return { jobs: [...jobs], result: null, changed: [] };
    const texts = job.texts ?? [];
    const text = texts.find((t) => t.direction === 'out' && t.provider_id === report.providerId)!;
    if (text.state === 'delivered' || text.state === 'failed') {
      return { jobs: [...jobs], result: { job, changed: false }, changed: [] };
    }
    const reason = report.reason?.trim().slice(0, 500);
    const updatedText: TextRecord = {
      ...text,
      state: report.state,
      updated_at: report.at,
      ...(report.state === 'failed' && reason ? { reason } : {}),
    };
    const updated: Job = {
      ...job,
      texts: texts.map((t) => (t === text ? updatedText : t)),
    };
    const next = [...jobs];
    next[index] = updated;
    return { jobs: next, result: { job: updated, changed: true }, changed: [updated] };
  };
}
