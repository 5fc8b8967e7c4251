import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Job } from '../../../shared/job';
import { isOpenStatus } from '../../../shared/status-flow';
import { dayKeyOf } from '../../../shared/zoned-time';
import { dayStartOf } from './day-rows';

/**
 * What the board shows when no date is picked and nothing is searched: 'coming' is today and
 * what is coming, plus every open job of a past day (overdue: it must be seen to be dealt
 * with); 'all' adds the jobs finished or canceled before today.
 */
export type BoardRange = 'coming' | 'all';

/** The jobs a range lets through, in their order. */
export function inBoardRange(
  jobs: readonly Job[],
  range: BoardRange,
  timeZone: string,
  now: Date = new Date(),
): readonly Job[] {
  if (range === 'all') return jobs;
  const todayStart = dayStartOf(dayKeyOf(now, timeZone), timeZone);
  return jobs.filter(
    (job) => isOpenStatus(job.status) || !(Date.parse(job.pickup_date) < todayStart),
  );
}

/** Where the choice is kept between sessions. */
export const BOARD_RANGE_STORAGE_KEY = 'qdn.board-range';

interface BoardRangeState {
  range: BoardRange;
  setRange: (range: BoardRange) => void;
}

/**
 * The board's own range, beside the header's date filter (src/renderer/src/find/find-bar.tsx):
 * that filter's "All" means no date was picked, and then this decides. Persisted.
 */
export const useBoardRangeStore = create<BoardRangeState>()(
  persist(
    (set) => ({
      range: 'coming',
      setRange: (range) => set({ range }),
    }),
    {
      name: BOARD_RANGE_STORAGE_KEY,
      version: 1,
      partialize: (s) => ({ range: s.range }),
      // A hand-edited or unknown value falls back to the default.
      merge: (stored, current) => {
        const range = (stored as { range?: unknown } | null)?.range;
        return range === 'all' || range === 'coming' ? { ...current, range } : current;
      },
    },
  ),
);
