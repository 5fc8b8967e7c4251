import type { Job } from '../../../shared/job';
import { isOpenStatus, JOB_STATUSES } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';

/** One column's cards, and how many older closed jobs "Show all" would add. */
export interface ColumnJobs {
  jobs: Job[];
  hidden: number;
}
export type BoardColumnsData = Record<JobStatus, ColumnJobs>;

/** Closed columns (Completed, Canceled) show the last week's jobs, and never fewer than this. */
export const RECENT_CLOSED_MIN = 20;
export const RECENT_CLOSED_DAYS = 7;

/** Parsed once per job: Date.parse of 5,000 dates on every keystroke was the hot spot. */
const times = new WeakMap<Job, { pickup: number; closed: number }>();
function timesOf(job: Job) {
  let found = times.get(job);
  if (!found) {
    const pickup = Date.parse(job.pickup_date);
    found = { pickup, closed: job.updated_at ? Date.parse(job.updated_at) : pickup };
    times.set(job, found);
  }
  return found;
}
/** A job's pickup, and when it was closed (its last change), as instants; read once per job. */
export const pickupTime = (job: Job) => timesOf(job).pickup;
export const closedTime = (job: Job) => timesOf(job).closed;

/** Sorts by a key read once per job rather than twice per comparison. */
function sortBy(jobs: Job[], key: (job: Job) => number): Job[] {
  return jobs
    .map((job) => ({ job, at: key(job) }))
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.job);
}

/**
 * Jobs in columns by status: open columns in pickup order (the next pickup on top); closed
 * columns trimmed to the recently closed unless `showAllClosed`, then the latest pickup first.
 */
export function columnsOf(
  jobs: readonly Job[],
  showAllClosed: boolean,
  now = Date.now(),
): BoardColumnsData {
  const columns = Object.fromEntries(
    JOB_STATUSES.map((s) => [s, { jobs: [] as Job[], hidden: 0 }]),
  ) as BoardColumnsData;
  for (const job of jobs) columns[job.status].jobs.push(job);
  for (const status of JOB_STATUSES) {
    const column = columns[status];
    if (isOpenStatus(status)) {
      column.jobs = sortBy(column.jobs, pickupTime);
      continue;
    }
    column.jobs = sortBy(column.jobs, (job) => -closedTime(job));
    if (!showAllClosed) {
      const since = now - RECENT_CLOSED_DAYS * 24 * 3600_000;
      let shown = column.jobs.findIndex((j) => closedTime(j) < since);
      if (shown === -1) shown = column.jobs.length;
      shown = Math.max(shown, Math.min(RECENT_CLOSED_MIN, column.jobs.length));
      column.hidden = column.jobs.length - shown;
      column.jobs = column.jobs.slice(0, shown);
    }
    // Shown under the days they were for, as the open columns are: the latest pickup first.
    column.jobs = sortBy(column.jobs, (job) => -pickupTime(job));
  }
  return columns;
}
