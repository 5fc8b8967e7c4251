import { createContext, useContext } from 'react';
import type { Job } from '../../../shared/job';
import type { JobStatus } from '../../../shared/status-flow';
import { JOB_STATUSES } from '../../../shared/status-flow';
import type { BoardColumnsData } from './board-columns-data';

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/**
 * The card the arrow keys lead to from `jobId`: up/down within its column, left/right to the
 * nearest non-empty column at the same row (or its last card), Home/End to the column's ends.
 */
export function cardAfterKey(columns: BoardColumnsData, jobId: string, key: NavKey): Job | null {
  const status = JOB_STATUSES.find((s) => columns[s].jobs.some((j) => j.job_id === jobId));
  if (!status) return null;
  const list = columns[status].jobs;
  const index = list.findIndex((j) => j.job_id === jobId);
  switch (key) {
    case 'ArrowUp':
      return list[index - 1] ?? null;
    case 'ArrowDown':
      return list[index + 1] ?? null;
    case 'Home':
      return list[0] ?? null;
    case 'End':
      return list.at(-1) ?? null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowRight' ? 1 : -1;
      for (
        let c = JOB_STATUSES.indexOf(status) + step;
        c >= 0 && c < JOB_STATUSES.length;
        c += step
      ) {
        const other = columns[JOB_STATUSES[c] as JobStatus].jobs;
        if (other.length > 0) return other[Math.min(index, other.length - 1)] ?? null;
      }
      return null;
    }
  }
}

export interface BoardNav {
  /** Moves the keyboard to the card a key leads to; false when there is none. */
  navigate: (jobId: string, key: NavKey) => boolean;
  /** The job a drag has picked up, if any: arrow keys then belong to the drag. */
  dragging: boolean;
}

export const BoardNavContext = createContext<BoardNav>({ navigate: () => false, dragging: false });
export const useBoardNav = () => useContext(BoardNavContext);
