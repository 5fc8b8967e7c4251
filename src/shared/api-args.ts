import { z } from 'zod';
import { jobStatusSchema, JOB_ID_PATTERN, newJobInputSchema } from './job';
import type { CoreApi, ShellApi } from './api';
import type { ArgsSchemas } from './args-schemas';
import { deployArgs } from './deploy/deploy-args';
import { inboxArgs } from './inbox/inbox-args';
import { settingsArgs } from './settings/settings-args';
import { jobEditSchema, moveReasonSchema } from './jobs/job-edit';

const jobId = z.string().regex(JOB_ID_PATTERN, 'job id must be 16 lowercase hex characters');
/** S3 version ids are opaque but URL-safe; the folder store's are hex and digits. Never a path. */
export const versionIdSchema = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9._+=-]+$/, 'version id has characters no store uses');

/** Every argument list is parsed on arrival: the renderer is untrusted input. */
export const coreArgs: ArgsSchemas<CoreApi> = {
  getWorkspace: z.tuple([]),
  listJobs: z.tuple([]),
  createJob: z.tuple([newJobInputSchema]),
  setJobStatus: z.tuple([jobId, jobStatusSchema, moveReasonSchema.optional()]),
  editJob: z.tuple([jobId, jobEditSchema]),
  revokeJobLink: z.tuple([jobId]),
  rotateJobLink: z.tuple([jobId]),
  listArchivedJobs: z.tuple([]),
  listJobsFileVersions: z.tuple([]),
  restoreJobsFileVersion: z.tuple([versionIdSchema]),
  ...deployArgs,
  ...inboxArgs,
  ...settingsArgs,
};

export const shellArgs: ArgsSchemas<ShellApi> = {
  copyText: z.tuple([z.string().max(10_000)]),
};
