import type { Job } from '../../../shared/job';
import type { JobStatus } from '../../../shared/status-flow';
import { addDays, dayKeyOf, weekdayOf } from '../../../shared/zoned-time';
import { byHits, JobSearch } from './job-search';

export type DateFilter = 'all' | 'today' | 'tomorrow' | 'week';
/** 'all', 'none' (unassigned), or one crew member's name. */
export type AssigneeFilter = 'all' | 'none' | { name: string };

export interface JobFilters {
  query: string;
  date: DateFilter;
  status: JobStatus | 'all';
  assignee: AssigneeFilter;
}

export const NO_FILTERS: JobFilters = { query: '', date: 'all', status: 'all', assignee: 'all' };

/** How long a keystroke may spend indexing jobs the idle slices have not reached yet. */
const KEYSTROKE_INDEX_MS = 4;

/** The board's jobs' index, kept in step with them (the archive has its own: use-found-jobs). */
export const boardSearch = new JobSearch();

/**
 * Indexes the jobs ahead of the first keystroke, a slice at a time while the browser is idle,
 * until `stop()`; true once done. A keystroke before then finishes the work at once.
 */
export function prepareSearch(jobs: readonly Job[], stop: () => boolean): boolean {
  return boardSearch.syncSome(jobs, stop);
}

/** The days (in the business's zone) a date filter lets through; null: every day. */
export function daysOf(date: DateFilter, now: Date, timeZone: string): [string, string] | null {
  const today = dayKeyOf(now, timeZone);
  switch (date) {
    case 'all':
      return null;
    case 'today':
      return [today, today];
    case 'tomorrow':
      return [addDays(today, 1), addDays(today, 1)];
    case 'week': {
      const monday = addDays(today, -weekdayOf(today));
      return [monday, addDays(monday, 6)];
    }
  }
}

const pickupDays = new WeakMap<Job, { timeZone: string; day: string }>();
/** The day a job's pickup falls on in the zone; cached, as Intl is slow at 5,000 jobs a keystroke. */
export function pickupDayOf(job: Job, timeZone: string): string {
  const cached = pickupDays.get(job);
  if (cached?.timeZone === timeZone) return cached.day;
  const day = dayKeyOf(job.pickup_date, timeZone);
  pickupDays.set(job, { timeZone, day });
  return day;
}

export function matchesAssignee(job: Job, assignee: AssigneeFilter): boolean {
  if (assignee === 'all') return true;
  if (assignee === 'none') return !job.assigned_to;
  return job.assigned_to === assignee.name;
}

/**
 * The jobs the header's search and filters let through: in their original order with nothing
 * typed, else the best matches first (every word as typed, then as a word's start, then with a
 * typo). The board sorts each column by pickup, so there the order changes nothing; a list
 * that shows matches in this order puts the likeliest on top. `search` is the index kept
 * for these jobs.
 */
export function filterJobs(
  jobs: readonly Job[],
  filters: JobFilters,
  timeZone: string,
  now: Date = new Date(),
  search: JobSearch = boardSearch,
): Job[] {
  const days = daysOf(filters.date, now, timeZone);
  let hits: ReturnType<JobSearch['find']> = null;
  if (filters.query.trim()) {
    // A keystroke indexes a little more and searches what is not indexed yet plainly: finishing
    // the index first held the first keystroke after a load for 70–500 ms (bench/board.ts).
    const until = performance.now() + KEYSTROKE_INDEX_MS;
    search.syncSome(jobs, () => performance.now() > until);
    hits = search.find(filters.query, jobs);
  }
  const kept = jobs.filter((job) => {
    if (filters.status !== 'all' && job.status !== filters.status) return false;
    if (!matchesAssignee(job, filters.assignee)) return false;
    if (days) {
      const day = pickupDayOf(job, timeZone);
      if (day < days[0] || day > days[1]) return false;
    }
    return !hits || hits.has(job.job_id);
  });
  return hits ? byHits(kept, hits) : kept;
}
