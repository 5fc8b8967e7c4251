import { z } from 'zod';
import { jobStatusSchema, JOB_ID_PATTERN, newJobInputSchema } from '../job';
import type { ArgsSchemas } from '../args-schemas';
import type { JobsApi } from './jobs-api';
import { jobEditSchema, moveReasonSchema } from './job-edit';

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

/** The jobs part's arguments, parsed on arrival: the renderer is untrusted input. */
export const jobsArgs: ArgsSchemas<JobsApi> = {
  getWorkspace: z.tuple([]),
  listJobs: z.tuple([]),
  createJob: z.tuple([newJobInputSchema]),
  createRequest: z.tuple([newRequestInputSchema]),
  setJobStatus: z.tuple([jobIdSchema, jobStatusSchema, moveReasonSchema.optional()]),
  editJob: z.tuple([jobIdSchema, jobEditSchema]),
  revokeJobLink: z.tuple([jobIdSchema]),
  rotateJobLink: z.tuple([jobIdSchema]),
  listArchivedJobs: z.tuple([]),
  listJobsFileVersions: z.tuple([]),
  restoreJobsFileVersion: z.tuple([versionIdSchema]),
  loadSampleDay: z.tuple([]),
};
