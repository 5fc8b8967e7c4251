import type { Job } from '../../../shared/job';
import type { DayKey } from '../../../shared/zoned-time';
import { filterJobs, pickupDayOf } from '../find/filter-jobs';
import type { JobFilters } from '../find/filter-jobs';
import { weekOf } from './schedule-layout';
import type { ScheduleMode } from './schedule-store';

/**
 * The jobs the schedule lays out, before its day: the find bar's search, status and crew (its
 * date choice moves the day instead, schedule-store.ts), canceled ones only when asked for.
 */
export function scheduleJobs(jobs: readonly Job[], filters: JobFilters, timeZone: string): Job[] {
  return filterJobs(jobs, { ...filters, date: 'all' }, timeZone).filter(
    (job) => job.status !== 'canceled' || filters.status === 'canceled',
  );
}

/** Of `jobs`, those on the schedule's day (or in its week): what its blocks are. */
export function onScheduleDays(
  jobs: readonly Job[],
  day: DayKey,
  mode: ScheduleMode,
  timeZone: string,
): Job[] {
  const days = mode === 'week' ? weekOf(day) : [day];
  const [first, last] = [days[0]!, days.at(-1)!];
  return jobs.filter((job) => {
    const on = pickupDayOf(job, timeZone);
    return on >= first && on <= last;
  });
}
