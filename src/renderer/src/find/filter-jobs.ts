import type { Job } from '../../../shared/job';
import type { JobStatus } from '../../../shared/status-flow';
import { addDays, dayKeyOf, weekdayOf } from '../../../shared/zoned-time';

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

/** A job's text a search looks through, lowercased once per job rather than per keystroke. */
interface SearchText {
  text: string;
  digits: string;
}
const searchTexts = new WeakMap<Job, SearchText>();
function searchTextOf(job: Job): SearchText {
  let found = searchTexts.get(job);
  if (!found) {
    found = {
      text: `${job.customer_name}\n${job.address}\n${job.job_id}\n${job.phone ?? ''}`.toLowerCase(),
      digits: (job.phone ?? '').replace(/\D/g, ''),
    };
    searchTexts.set(job, found);
  }
  return found;
}

/** Reads every job's search text ahead of the first keystroke (called when the browser is idle). */
export function prepareSearch(jobs: readonly Job[]): void {
  for (const job of jobs) searchTextOf(job);
}

/**
 * Whether a job matches what the dispatcher typed: every word must appear in the name, address,
 * job id or phone; a phone matches by its digits alone, so "555 0199" finds "+1 (555) 0199".
 * A query of digits and separators is one number, not several words: "312 555 7788" must not
 * find another 312-555 customer whose random job id happens to hold "7788". It still finds a
 * house number or id digits typed as they are written. The query is read once, then applied to
 * each job.
 */
export function queryMatcher(query: string): (job: Job) => boolean {
  const typed = query.trim().toLowerCase();
  const words = typed.split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  const queryDigits = typed.replace(/\D/g, '');
  if (queryDigits.length >= 3 && /^[\d\s()+.-]+$/.test(typed)) {
    return (job) => {
      const { text, digits } = searchTextOf(job);
      return digits.includes(queryDigits) || text.includes(typed);
    };
  }
  return (job) => {
    const { text } = searchTextOf(job);
    return words.every((word) => text.includes(word));
  };
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

/** The jobs the header's search and filters let through, in their original order. */
export function filterJobs(
  jobs: readonly Job[],
  filters: JobFilters,
  timeZone: string,
  now: Date = new Date(),
): Job[] {
  const days = daysOf(filters.date, now, timeZone);
  const matches = queryMatcher(filters.query);
  return jobs.filter((job) => {
    if (filters.status !== 'all' && job.status !== filters.status) return false;
    if (!matchesAssignee(job, filters.assignee)) return false;
    if (days) {
      const day = pickupDayOf(job, timeZone);
      if (day < days[0] || day > days[1]) return false;
    }
    return matches(job);
  });
}
