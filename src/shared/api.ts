import type { Job, NewJobInput } from './job';
import type { JobStatus } from './status-flow';
import type { QdnErrorCode } from './errors';
import { DEPLOY_METHODS } from './deploy/deploy-api';
import type { DeployApi, DeployEvents } from './deploy/deploy-api';
import { INBOX_EVENTS, INBOX_METHODS } from './inbox/inbox-api';
import type { InboxApi, InboxEvents } from './inbox/inbox-api';
import { SETTINGS_EVENTS, SETTINGS_METHODS } from './settings/settings-api';
import type { SettingsApi, SettingsEvents } from './settings/settings-api';
import type { JobEdit } from './jobs/job-edit';
import type { JobSaved } from './jobs/jobs-api';

/** What the console is running against, for the header and for building links. */
export interface WorkspaceInfo {
  mode: 'sandbox' | 'aws';
  /** Where the public site answers: the local edge in the sandbox, the CDN domain on AWS. */
  publicBaseUrl: string;
  businessName: string;
  /** A human-readable place: a folder for the sandbox, a bucket for AWS. */
  location: string;
}

/** An earlier jobs.json: when it was saved, and how many jobs it holds (null: it is invalid). */
export interface JobsFileVersion {
  versionId: string;
  savedAt: string;
  jobs: number | null;
  /** Why it cannot be restored, when it cannot. */
  problem: string | null;
}

/** A restored jobs.json; `warning` as for JobSaved (tracking pages that did not catch up). */
export interface JobsRestored {
  jobs: Job[];
  warning: string | null;
}

/** The jobs part of the contract. */
export interface JobsApi {
  getWorkspace(): Promise<WorkspaceInfo>;
  listJobs(): Promise<Job[]>;
  createJob(input: NewJobInput): Promise<JobSaved>;
  /**
   * Moves a job. A step forward or a cancel needs no reason; any other move (a step back,
   * reopening a canceled job, an undo) is a correction and needs one, recorded in history.
   */
  setJobStatus(jobId: string, status: JobStatus, reason?: string): Promise<JobSaved>;
  /** Changes the fields a dispatcher typed; `conflict` when a `base` value moved underneath. */
  editJob(jobId: string, edit: JobEdit): Promise<JobSaved>;
  /** Withdraws the job's tracking page at once; the link then says it is no longer valid. */
  revokeJobLink(jobId: string): Promise<JobSaved>;
  /** Revokes the job's link and gives it a new one (the saved job carries the new token). */
  rotateJobLink(jobId: string): Promise<JobSaved>;
  /** Finished jobs moved out of jobs.json (read-only), for search. */
  listArchivedJobs(): Promise<Job[]>;
  /** Earlier versions of jobs.json, newest first: offered when the current one is broken. */
  listJobsFileVersions(): Promise<JobsFileVersion[]>;
  restoreJobsFileVersion(versionId: string): Promise<JobsRestored>;
}

/**
 * Calls answered by core services (through main in Electron, through the harness in a
 * browser), each domain's part declared beside the domain.
 */
export type CoreApi = JobsApi & DeployApi & InboxApi & SettingsApi;

/** Events about jobs.json. */
export interface JobsEvents {
  /**
   * jobs.json changed outside this console (another laptop, `qdn`): seen by a watch of the
   * workspace in the sandbox, by a conditional GET on AWS (on a timer and on window focus).
   */
  jobsChanged: { revision: string | null };
}

/** Events core sends the renderer (main → renderer), each domain's part beside the domain. */
export type QdnEvents = JobsEvents & DeployEvents & InboxEvents & SettingsEvents;

/** Calls answered by the shell the renderer runs in (Electron main, or the browser itself). */
export interface ShellApi {
  copyText(text: string): Promise<void>;
}

/** The one contract between the renderer and the rest, as the renderer's code calls it. */
export type QdnApi = CoreApi & ShellApi;

/**
 * The contract as it crosses a boundary: every outcome as data. Electron's contextBridge
 * copies only an Error's message, so a thrown error would lose its code; a CallResult keeps it.
 */
export type Bridged<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<CallResult<R>>
    : never;
};

/** A listener for one event; its payload only, never the transport's own event object. */
export type QdnEventListener<K extends keyof QdnEvents> = (payload: QdnEvents[K]) => void;

/** How the renderer hears core's events, on every bridge alike. */
export interface QdnEventSource {
  /** Calls `listener` with each `name` event's payload until the returned function is called. */
  onEvent<K extends keyof QdnEvents>(name: K, listener: QdnEventListener<K>): () => void;
}

/** `window.qdn`: what the preload (or the browser harness) exposes. */
export type QdnBridge = Bridged<QdnApi> & QdnEventSource;

/** Method names, listed once; the arg schemas in api-args.ts are checked against the same types. */
const JOBS_METHODS = [
  'getWorkspace',
  'listJobs',
  'createJob',
  'setJobStatus',
  'editJob',
  'revokeJobLink',
  'rotateJobLink',
  'listArchivedJobs',
  'listJobsFileVersions',
  'restoreJobsFileVersion',
] as const satisfies readonly (keyof JobsApi)[];
export const CORE_METHODS = [
  ...JOBS_METHODS,
  ...DEPLOY_METHODS,
  ...INBOX_METHODS,
  ...SETTINGS_METHODS,
] as const;
/** Event names, listed once, like the methods. */
export const EVENT_NAMES = [
  'jobsChanged',
  'deployProgress',
  ...INBOX_EVENTS,
  ...SETTINGS_EVENTS,
] as const satisfies readonly (keyof QdnEvents)[];
export const SHELL_METHODS = ['copyText'] as const satisfies readonly (keyof ShellApi)[];

/** The IPC channel of a contract method. */
export const channelOf = (method: keyof QdnApi): string => `qdn:${method}`;
/** The IPC channel of a contract event (apart from the calls', so neither can answer the other). */
export const eventChannelOf = (name: keyof QdnEvents): string => `qdn-event:${name}`;
/** Whether a name from outside (the renderer, the wire) is a contract event. */
export const isEventName = (name: unknown): name is keyof QdnEvents =>
  (EVENT_NAMES as readonly unknown[]).includes(name);

/** How a call's outcome travels: errors as data, so their code survives IPC and HTTP. */
export type CallResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: QdnErrorCode; message: string } };

// Compile-time guard: a method added to the contract but not to the lists above fails here.
type Unlisted = Exclude<
  keyof QdnApi,
  (typeof CORE_METHODS)[number] | (typeof SHELL_METHODS)[number]
>;
export const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
type UnlistedEvent = Exclude<keyof QdnEvents, (typeof EVENT_NAMES)[number]>;
export const everyEventListed: [UnlistedEvent] extends [never] ? true : UnlistedEvent = true;
