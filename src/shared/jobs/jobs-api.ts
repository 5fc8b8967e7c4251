/**
 * The jobs part of the contract: the board's calls, their results, and the event that says
 * jobs.json changed elsewhere. Argument schemas are in args-schemas.ts and api-args.ts.
 */
import type { Job, NewJobInput } from '../job';
import type { JobStatus } from '../status-flow';
import type { JobEdit, MoveOptions } from './job-edit';

/**
 * A job change that was saved. `warning` says what did not follow — e.g. its tracking page
 * could not be updated — without hiding that the change itself is safe in jobs.json.
 */
export interface JobSaved {
  job: Job;
  warning: string | null;
}

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

/** Jobs added at once (the sample day); `warning` as for JobSaved. */
export interface JobsAdded {
  jobs: Job[];
  warning: string | null;
}

/** A phoned-in lead: what a new job takes but its price, which its quote sets later. */
export type NewRequestInput = Omit<NewJobInput, 'price'>;

/** Days in the business's zone (YYYY-MM-DD), both included. */
export interface ReportRange {
  from: string;
  to: string;
}

/** One completed job, as a bookkeeper's row reads it. */
export interface CompletedRow {
  /** The day it was completed, in the business's zone. */
  date: string;
  completed_at: string;
  job_id: string;
  customer: string;
  service: string | null;
  crew: string | null;
  price: number;
  currency: string;
}

/** Amounts by currency code: jobs priced in different currencies are never added together. */
export type Revenue = Record<string, number>;

export interface ReportGroup {
  /** The crew member or service; null for jobs with none. */
  name: string | null;
  jobs_done: number;
  revenue: Revenue;
}

/** Jobs done and revenue over a range, as `qdn report` prints them. */
export interface JobsReport {
  range: ReportRange & { time_zone: string };
  jobs_done: number;
  revenue: Revenue;
  by_crew: ReportGroup[];
  by_service: ReportGroup[];
}

/** A report with its rows (for a chart by day) and the bookkeeper's CSV of them. */
export interface ReportResult {
  report: JobsReport;
  rows: CompletedRow[];
  csv: string;
}

/** The jobs part of the contract. */
export interface JobsApi {
  getWorkspace(): Promise<WorkspaceInfo>;
  listJobs(): Promise<Job[]>;
  createJob(input: NewJobInput): Promise<JobSaved>;
  /** A Requested job for a lead taken on the phone, with no price until it is quoted. */
  createRequest(input: NewRequestInput): Promise<JobSaved>;
  /**
   * Moves a job. A step forward, a cancel, or the office marking a scheduled or en route job
   * completed in one move needs no reason; a move back (one step or several), reopening a
   * canceled job, an undo, or scheduling a request with no quote (the customer confirmed by
   * phone) needs one, recorded in history (src/shared/status-flow.ts has the rules). `move`
   * marks an undo and names the status it starts from (`conflict` when the job moved on).
   */
  setJobStatus(
    jobId: string,
    status: JobStatus,
    reason?: string,
    move?: MoveOptions,
  ): Promise<JobSaved>;
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
  /** Fills an empty sandbox board with a realistic day of jobs, dated today (the first-run hint). */
  loadSampleDay(): Promise<JobsAdded>;
  /** Jobs done and revenue over days in the business's zone, archived jobs included. */
  getReport(range: ReportRange): Promise<ReportResult>;
}

/** Events about jobs.json. */
export interface JobsEvents {
  /**
   * jobs.json changed outside this console (another laptop, `qdn`): seen by a watch of the
   * workspace in the sandbox, by a conditional GET on AWS (on a timer and on window focus).
   */
  jobsChanged: { revision: string | null };
}

/** The jobs part's method names, listed once (src/shared/api.ts joins every domain's). */
export const JOBS_METHODS = [
  'getWorkspace',
  'listJobs',
  'createJob',
  'createRequest',
  'setJobStatus',
  'editJob',
  'revokeJobLink',
  'rotateJobLink',
  'listArchivedJobs',
  'listJobsFileVersions',
  'restoreJobsFileVersion',
  'loadSampleDay',
  'getReport',
] as const satisfies readonly (keyof JobsApi)[];
