import { createHash } from 'node:crypto';
import {
  HISTORY_EVENTS,
  jobSchema,
  JOB_ID_PATTERN,
  TRACKING_TOKEN_PATTERN,
} from '../../shared/job';
import { JOB_STATUSES } from '../../shared/status-flow';

/**
 * The ISO instant pattern zod itself checks `created_at` and the other dates with. Read from the
 * schema so the two can never differ; were it not there (a zod upgrade), the fast check turns
 * itself off and every read goes through zod.
 */
const ISO_INSTANT: RegExp | null = (() => {
  // zod keeps a string format's pattern on its internals; there is no public accessor.
  const pattern = (jobSchema.shape.created_at as unknown as { _zod?: { pattern?: unknown } })._zod
    ?.pattern;
  return pattern instanceof RegExp ? pattern : null;
})();

const STATUSES = new Set<unknown>(JOB_STATUSES);
const EVENTS = new Set<unknown>(HISTORY_EVENTS);
const REQUIRED_TEXT = Object.entries({ customer_name: 200, address: 500 });
const OPTIONAL_TEXT = Object.entries({
  phone: 40,
  email: 254,
  service: 200,
  notes: 5000,
  assigned_to: 200,
});
const OPTIONAL_INSTANTS = [
  'pickup_window_end',
  'updated_at',
  'token_revoked_at',
  'call_requested_at',
] as const;

/**
 * True only when `data` certainly passes the jobs.json schema: the same rules as `jobSchema`,
 * written as plain checks, ~10× faster than zod on 10,000 jobs. False means "ask zod", which
 * then accepts or says what is wrong — so this may be stricter than the schema, never looser
 * (a test holds it to that).
 */
export function certainlyValidJobsDocument(data: unknown): boolean {
  if (ISO_INSTANT === null) return false;
  const jobs = Array.isArray(data) ? data : isRecord(data) && data.schema === 1 ? data.jobs : null;
  if (!Array.isArray(jobs)) return false;
  for (const job of jobs) if (!certainlyValidJob(job)) return false;
  return true;
}

/** The same for one job. */
export function certainlyValidJob(job: unknown): boolean {
  if (!isRecord(job)) return false;
  if (typeof job.job_id !== 'string' || !JOB_ID_PATTERN.test(job.job_id)) return false;
  for (const [field, max] of REQUIRED_TEXT) {
    const value = job[field];
    if (typeof value !== 'string' || value.length > max || value.trim().length === 0) return false;
  }
  if (!STATUSES.has(job.status)) return false;
  if (!isInstant(job.pickup_date) || !isInstant(job.created_at)) return false;
  if (!isMoney(job.price)) return false;
  if (typeof job.currency !== 'string' || !/^[A-Z]{3}$/.test(job.currency)) return false;
  if (typeof job.tracking_token !== 'string' || !TRACKING_TOKEN_PATTERN.test(job.tracking_token)) {
    return false;
  }
  for (const [field, max] of OPTIONAL_TEXT) {
    const value = job[field];
    if (field in job && (typeof value !== 'string' || value.length > max)) return false;
  }
  for (const field of OPTIONAL_INSTANTS) {
    if (field in job && !isInstant(job[field])) return false;
  }
  if ('history' in job) {
    if (!Array.isArray(job.history)) return false;
    for (const entry of job.history) if (!certainlyValidEntry(entry)) return false;
  }
  return true;
}

/** As `historyEntrySchema`: a status and a time, and who, what and why when given. */
function certainlyValidEntry(entry: unknown): boolean {
  if (!isRecord(entry) || !STATUSES.has(entry.status) || !isInstant(entry.at)) return false;
  if ('by' in entry && (typeof entry.by !== 'string' || entry.by.length > 100)) return false;
  if ('event' in entry && !EVENTS.has(entry.event)) return false;
  if ('reason' in entry && (typeof entry.reason !== 'string' || entry.reason.length > 500)) {
    return false;
  }
  if ('fields' in entry) {
    const fields = entry.fields;
    if (!Array.isArray(fields) || fields.length > 20) return false;
    if (!fields.every((f) => typeof f === 'string' && f.length <= 40)) return false;
  }
  return true;
}

function isInstant(value: unknown): boolean {
  return typeof value === 'string' && ISO_INSTANT!.test(value);
}

/** As `moneyAmount`: a finite, non-negative number with at most two decimals. */
function isMoney(value: unknown): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    Math.abs(Math.round(value * 100) - value * 100) < 1e-6
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Which rules a jobs.json was checked by: the code and constants of this check, which a test
 * holds to never accept what zod refuses (so a stricter schema changes it too). A revision
 * remembered as checked (checked-revisions.ts) counts only under the same identity.
 */
export const FAST_CHECK_IDENTITY = createHash('sha256')
  .update(
    [certainlyValidJobsDocument, certainlyValidJob, certainlyValidEntry, isInstant, isMoney]
      .map(String)
      .join('\n'),
  )
  .update(
    JSON.stringify([
      ISO_INSTANT?.source ?? null,
      JOB_ID_PATTERN.source,
      TRACKING_TOKEN_PATTERN.source,
      [...STATUSES],
      [...EVENTS],
      REQUIRED_TEXT,
      OPTIONAL_TEXT,
      OPTIONAL_INSTANTS,
    ]),
  )
  .digest('hex')
  .slice(0, 32);
