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

const pickupTime = (job: Job) => Date.parse(job.pickup_date);
const closedTime = (job: Job) => Date.parse(job.updated_at ?? job.pickup_date);

/**
 * Jobs in columns by status: open columns in pickup order (the next pickup on top), closed
 * columns newest first, trimmed to the recent ones unless `showAllClosed`.
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
      column.jobs.sort((a, b) => pickupTime(a) - pickupTime(b));
      continue;
    }
    column.jobs.sort((a, b) => closedTime(b) - closedTime(a));
    if (showAllClosed) continue;
    const since = now - RECENT_CLOSED_DAYS * 24 * 3600_000;
    let shown = column.jobs.findIndex((j) => closedTime(j) < since);
    if (shown === -1) shown = column.jobs.length;
    shown = Math.max(shown, Math.min(RECENT_CLOSED_MIN, column.jobs.length));
    column.hidden = column.jobs.length - shown;
    column.jobs = column.jobs.slice(0, shown);
  }
  return columns;
}
