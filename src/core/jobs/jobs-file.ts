import { z } from 'zod';
import { errorMessage, QdnError } from '../../shared/errors';
import { jobSchema } from '../../shared/job';
import type { Job } from '../../shared/job';
import { describeIssues } from '../../shared/validation-message';
import { certainlyValidJobsDocument } from './jobs-fast-check';

/**
 * The current jobs.json: `{ "schema": 1, "jobs": [...] }`. A bare array is the old format.
 * Loose, like a job: fields this version does not know are kept and written back.
 */
const currentDocumentSchema = z.looseObject({ schema: z.literal(1), jobs: z.array(jobSchema) });
const jobsDocumentSchema = z.union([currentDocumentSchema, z.array(jobSchema)]);

export interface JobsDocument {
  jobs: Job[];
  /** Top-level fields besides `schema` and `jobs`, kept as they were. */
  extra: Record<string, unknown>;
}

/** Known fields in reading order; unknown fields follow, alphabetically. */
export const FIELD_ORDER = [
  'job_id',
  'customer_name',
  'phone',
  'email',
  'address',
  'service',
  'status',
  'pickup_date',
  'pickup_window_end',
  'price',
  'currency',
  'assigned_to',
  'notes',
  'tracking_token',
  'token_revoked_at',
  'created_at',
  'updated_at',
  'history',
];

/**
 * Reads jobs.json. Anything that is not valid JSON, does not match the schema, or repeats an
 * id or token is refused with a message that says where — the caller must not overwrite it.
 * `checked`: these exact bytes were found valid before, by the same rules (checked-revisions.ts),
 * so only their shape is looked at.
 */
export function parseJobsFile(
  text: string,
  location: string,
  { checked = false }: { checked?: boolean } = {},
): JobsDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw invalid(location, `it is not valid JSON (${errorMessage(err)})`);
  }
  if (checked && isDocumentShaped(data)) return documentOf(data);
  // The common case, a valid file, is checked without zod; zod decides anything else.
  const parsed = certainlyValidJobsDocument(data)
    ? { success: true as const }
    : jobsDocumentSchema.safeParse(data);
  if (!parsed.success) {
    const detail = Array.isArray(data)
      ? parsed.error
      : (currentDocumentSchema.safeParse(data).error ?? parsed.error);
    throw invalid(location, describeIssues(detail));
  }
  const document = documentOf(data as Job[] | { schema: 1; jobs: Job[] });
  assertUnique(document.jobs, 'job_id', location);
  assertUnique(document.jobs, 'tracking_token', location);
  return document;
}

/** `{ schema: 1, jobs: [...] }` or the old bare array; the jobs themselves unchecked. */
function isDocumentShaped(data: unknown): data is Job[] | { schema: 1; jobs: Job[] } {
  if (Array.isArray(data)) return true;
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  return record.schema === 1 && Array.isArray(record.jobs);
}

/**
 * The schema only checks (it transforms nothing), so the jobs are kept as JSON.parse made
 * them: in the file's key order, which serialising then need not rebuild.
 */
function documentOf(raw: Job[] | { schema: 1; jobs: Job[] }): JobsDocument {
  const document = Array.isArray(raw) ? { schema: 1, jobs: raw } : raw;
  const { jobs, schema: _schema, ...extra } = document;
  return { jobs, extra };
}

/**
 * Pretty, stable key order, jobs sorted by created_at: two versions diff cleanly.
 * `inFileFormExcept`: every job but those at these positions is as a file this product wrote
 * holds it (its keys in file order, in creation order among the others), so only those are
 * looked at — at 50,000 jobs, instead of every job's keys and every pair's order.
 */
export function serializeJobsFile(
  jobs: readonly Job[],
  extra: Record<string, unknown> = {},
  { inFileFormExcept }: { inFileFormExcept?: readonly number[] } = {},
): string {
  const inFileForm =
    (inFileFormExcept && fileFormAround(jobs, inFileFormExcept)) ??
    sortByCreation(jobs).map(orderFields);
  const document = { schema: 1, jobs: inFileForm, ...extra };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The jobs in file form when only those at `fresh` need it and each sits in creation order
 * between its neighbours (the rest are in order among themselves); null when they must be
 * sorted.
 */
function fileFormAround(jobs: readonly Job[], fresh: readonly number[]): readonly Job[] | null {
  for (const i of fresh) {
    if (i > 0 && !createdInOrder(jobs[i - 1]!, jobs[i]!)) return null;
    if (i + 1 < jobs.length && !createdInOrder(jobs[i]!, jobs[i + 1]!)) return null;
  }
  const inFileForm = jobs.slice();
  for (const i of fresh) inFileForm[i] = orderFields(jobs[i]!) as Job;
  return inFileForm;
}

/**
 * A job's text as an item of the file's jobs array, as serializeJobsFile writes it: one level
 * deeper than on its own (JSON.stringify escapes newlines inside strings, so every raw newline
 * is a line of the layout).
 */
export function jobInFileForm(job: Job): string {
  return `    ${JSON.stringify(orderFields(job), null, 2).replace(/\n/g, '\n    ')}`;
}

/** Each date parsed once (not inside the comparator); a list already in order is not sorted. */
function sortByCreation(jobs: readonly Job[]): readonly Job[] {
  if (inCreationOrder(jobs)) return jobs;
  const keyed = jobs.map((job) => ({ job, at: Date.parse(job.created_at) }));
  const before = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    a.at - b.at || cmp(a.job.job_id, b.job.job_id);
  return keyed.sort(before).map((entry) => entry.job);
}

/**
 * Whether the jobs are already in the file's order (the common case: a write adds the newest
 * job last). Two times as `toISOString` writes them compare as strings, in time order, without
 * `Date.parse` (~40 ms at 50,000 jobs); any other form is parsed.
 */
function inCreationOrder(jobs: readonly Job[]): boolean {
  for (let i = 1; i < jobs.length; i++) if (!createdInOrder(jobs[i - 1]!, jobs[i]!)) return false;
  return true;
}

/** Whether `a` may come before `b` in the file: by creation time, then by id. */
export function createdInOrder(a: Job, b: Job): boolean {
  const order =
    isCanonicalInstant(a.created_at) && isCanonicalInstant(b.created_at)
      ? cmp(a.created_at, b.created_at)
      : Date.parse(a.created_at) - Date.parse(b.created_at);
  if (order > 0 || Number.isNaN(order)) return false;
  return order < 0 || cmp(a.job_id, b.job_id) <= 0;
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ`: fixed width, so string order is time order. */
function isCanonicalInstant(at: string): boolean {
  return (
    at.length === 24 &&
    at[4] === '-' &&
    at[7] === '-' &&
    at[10] === 'T' &&
    at[13] === ':' &&
    at[16] === ':' &&
    at[19] === '.' &&
    at[23] === 'Z'
  );
}

const FIELD_RANK = new Map(FIELD_ORDER.map((field, i) => [field, i]));

/** A job whose keys are already in the file's order (any job read from it) is used as it is. */
function orderFields(job: Job): Record<string, unknown> {
  const keys = Object.keys(job);
  if (inFileOrder(keys)) return job;
  const known = FIELD_ORDER.filter((k) => k in job);
  const extra = Object.keys(job)
    .filter((k) => !FIELD_ORDER.includes(k))
    .sort(cmp);
  const record = job as Record<string, unknown>;
  return Object.fromEntries([...known, ...extra].map((k) => [k, record[k]]));
}

function assertUnique(jobs: readonly Job[], field: 'job_id' | 'tracking_token', location: string) {
  const seen = new Set<string>();
  for (const [i, job] of jobs.entries()) {
    if (seen.has(job[field])) throw invalid(location, `jobs[${i}] repeats a ${field} used earlier`);
    seen.add(job[field]);
  }
}

function invalid(location: string, why: string): QdnError {
  return new QdnError(
    'jobs_file_invalid',
    `${location} cannot be used: ${why}. It was left untouched; fix it, or restore an earlier ` +
      'version (the console offers them; or `qdn job versions`, then `qdn job restore`).',
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function inFileOrder(keys: readonly string[]): boolean {
  let rank = -1;
  let lastExtra: string | null = null;
  for (const key of keys) {
    const known = FIELD_RANK.get(key);
    if (known !== undefined) {
      if (lastExtra !== null || known < rank) return false;
      rank = known;
    } else {
      if (lastExtra !== null && cmp(lastExtra, key) >= 0) return false;
      lastExtra = key;
    }
  }
  return true;
}
