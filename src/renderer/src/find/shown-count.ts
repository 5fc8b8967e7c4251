import { useMemo } from 'react';
import type { Job } from '../../../shared/job';
import type { DayKey } from '../../../shared/zoned-time';
import { inBoardRange, useBoardRangeStore } from '../board/board-range';
import type { BoardRange } from '../board/board-range';
import { onScheduleDays, scheduleJobs } from '../schedule/schedule-jobs';
import type { ScheduleMode } from '../schedule/schedule-store';
import { shownDay, useScheduleStore } from '../schedule/schedule-store';
import { useBoardStore } from '../stores/board-store';
import type { BoardView } from './find-store';
import { useFindStore } from './find-store';
import type { JobFilters } from './filter-jobs';
import { useBusinessTimeZone } from './use-found-jobs';
import type { FoundJobs } from './use-found-jobs';

export interface ShownInputs {
  view: BoardView;
  /** What the find bar's search and filters let through (use-found-jobs.ts). */
  found: readonly Job[];
  /** The board's jobs, as the schedule reads them (it lays out the live jobs only). */
  jobs: readonly Job[];
  filters: JobFilters;
  includeArchived: boolean;
  range: BoardRange;
  day: DayKey;
  mode: ScheduleMode;
  timeZone: string;
  now?: Date;
}

/**
 * How many jobs the dispatcher can see (issue 17: the find bar counted past jobs the board's
 * range hides, and tomorrow's jobs while the schedule showed another day): on the board, the
 * found jobs within its range when that applies (as board-columns.tsx decides); on the
 * schedule, its blocks on the day or week shown.
 */
export function shownCount(input: ShownInputs): number {
  const { filters, timeZone } = input;
  if (input.view === 'day') {
    return onScheduleDays(
      scheduleJobs(input.jobs, filters, timeZone),
      input.day,
      input.mode,
      timeZone,
    ).length;
  }
  const rangeApplies =
    filters.date === 'all' && filters.query.trim() === '' && !input.includeArchived;
  return rangeApplies
    ? inBoardRange(input.found, input.range, timeZone, input.now).length
    : input.found.length;
}

/** `shownCount` for the find bar, from the stores the board and the schedule draw from. */
export function useShownCount(found: FoundJobs): number {
  const view = useFindStore((s) => s.view);
  const query = useFindStore((s) => s.query);
  const date = useFindStore((s) => s.date);
  const status = useFindStore((s) => s.status);
  const assignee = useFindStore((s) => s.assignee);
  const includeArchived = useFindStore((s) => s.includeArchived);
  const jobs = useBoardStore((s) => s.jobs);
  const range = useBoardRangeStore((s) => s.range);
  const picked = useScheduleStore((s) => s.day);
  const mode = useScheduleStore((s) => s.mode);
  const timeZone = useBusinessTimeZone();
  const day = shownDay(picked, timeZone);
  return useMemo(
    () =>
      shownCount({
        view,
        found: found.jobs,
        jobs,
        filters: { query, date, status, assignee },
        includeArchived,
        range,
        day,
        mode,
        timeZone,
      }),
    [
      view,
      found.jobs,
      jobs,
      query,
      date,
      status,
      assignee,
      includeArchived,
      range,
      day,
      mode,
      timeZone,
    ],
  );
}
