import { z } from 'zod';
import { jobStatusSchema, JOB_ID_PATTERN, newJobInputSchema } from '../job';
import type { ArgsSchemas } from '../args-schemas';
import type { JobsApi } from './jobs-api';
import { jobEditSchema, moveOptionsSchema, moveReasonSchema } from './job-edit';

export const jobIdSchema = z
  .string()
  .regex(JOB_ID_PATTERN, 'job id must be 16 lowercase hex characters');

/** S3 version ids are opaque but URL-safe; the folder store's are hex and digits. Never a path. */
export const versionIdSchema = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9._+=-]+$/, 'version id has characters no store uses');

/**
 * A lead's fields: a new job's, without the price (its quote sets it), and a price sent anyway
 * refused rather than dropped. The window's order is core's to check (addJob, as for a job):
 * zod cannot omit a field of a schema with refinements.
 */
const { price: _price, ...requestFields } = newJobInputSchema.shape;
export const newRequestInputSchema = z.strictObject(requestFields);

/** A real day as YYYY-MM-DD (no 2026-02-30). */
export const dayKeySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day looks like 2026-12-08')
  .refine((text) => {
    // A text not shaped like a day is the regex's to refuse, with its one message.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return true;
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'no such day');

/** The longest report the console asks for: a year, a leap day included, drawn a bar a day. */
export const REPORT_MAX_DAYS = 366;

const DAY_MS = 86_400_000;

export const reportRangeSchema = z
  .strictObject({ from: dayKeySchema, to: dayKeySchema })
  .refine((range) => range.from <= range.to, 'the first day is after the last')
  .refine(
    (range) => (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS < REPORT_MAX_DAYS,
    `a report covers at most ${REPORT_MAX_DAYS} days`,
  );

/** The jobs part's arguments, parsed on arrival: the renderer is untrusted input. */
export const jobsArgs: ArgsSchemas<JobsApi> = {
  getWorkspace: z.tuple([]),
  listJobs: z.tuple([]),
  createJob: z.tuple([newJobInputSchema]),
  createRequest: z.tuple([newRequestInputSchema]),
  setJobStatus: z.tuple([
    jobIdSchema,
    jobStatusSchema,
    moveReasonSchema.optional(),
    moveOptionsSchema.optional(),
  ]),
  editJob: z.tuple([jobIdSchema, jobEditSchema]),
  revokeJobLink: z.tuple([jobIdSchema]),
  rotateJobLink: z.tuple([jobIdSchema]),
  listArchivedJobs: z.tuple([]),
  listJobsFileVersions: z.tuple([]),
  restoreJobsFileVersion: z.tuple([versionIdSchema]),
  loadSampleDay: z.tuple([]),
  getReport: z.tuple([reportRangeSchema]),
};
