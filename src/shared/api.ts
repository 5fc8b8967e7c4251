import { z } from 'zod';
import { jobStatusSchema, JOB_ID_PATTERN, newJobInputSchema } from './job';
import type { Job, NewJobInput } from './job';
import type { JobStatus } from './status-flow';
import type { QdnErrorCode } from './errors';

/** What the console is running against, for the header and for building links. */
export interface WorkspaceInfo {
  mode: 'sandbox' | 'aws';
  /** Where the public site answers: the local edge in the sandbox, the CDN domain on AWS. */
  publicBaseUrl: string;
  businessName: string;
  /** A human-readable place: a folder for the sandbox, a bucket for AWS. */
  location: string;
}

/** Calls answered by core services (through main in Electron, through the harness in a browser). */
export interface CoreApi {
  getWorkspace(): Promise<WorkspaceInfo>;
  listJobs(): Promise<Job[]>;
  createJob(input: NewJobInput): Promise<Job>;
  setJobStatus(jobId: string, status: JobStatus): Promise<Job>;
}

/** Calls answered by the shell the renderer runs in (Electron main, or the browser itself). */
export interface ShellApi {
  copyText(text: string): Promise<void>;
}

/** The one contract between the renderer and the rest: `window.qdn`. */
export type QdnApi = CoreApi & ShellApi;

type ArgsSchemas<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => unknown ? z.ZodType<A> : never;
};

const jobId = z.string().regex(JOB_ID_PATTERN, 'job id must be 16 lowercase hex characters');

/** Every argument list is parsed on arrival: the renderer is untrusted input. */
export const coreArgs: ArgsSchemas<CoreApi> = {
  getWorkspace: z.tuple([]),
  listJobs: z.tuple([]),
  createJob: z.tuple([newJobInputSchema]),
  setJobStatus: z.tuple([jobId, jobStatusSchema]),
};

export const shellArgs: ArgsSchemas<ShellApi> = {
  copyText: z.tuple([z.string().max(10_000)]),
};

export const CORE_METHODS = Object.keys(coreArgs) as (keyof CoreApi)[];
export const SHELL_METHODS = Object.keys(shellArgs) as (keyof ShellApi)[];

/** The IPC channel of a contract method. */
export const channelOf = (method: keyof QdnApi): string => `qdn:${method}`;

/** How a call's outcome travels: errors as data, so their code survives IPC and HTTP. */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: QdnErrorCode; message: string } };
