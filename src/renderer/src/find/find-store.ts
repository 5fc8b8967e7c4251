import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { qdn } from '../qdn';
import { errorMessage } from '../../../shared/errors';
import type { Job } from '../../../shared/job';
import { JOB_STATUSES } from '../../../shared/status-flow';
import type { AssigneeFilter, DateFilter, JobFilters } from './filter-jobs';
import { NO_FILTERS } from './filter-jobs';

export type BoardView = 'board' | 'day';

interface FindState extends JobFilters {
  view: BoardView;
  /** Finished jobs moved out of jobs.json, searched read-only when asked for. */
  includeArchived: boolean;
  archived: Job[] | null;
  archivedError: string | null;
  /** Closed columns show recent jobs unless the dispatcher asked for all of them. */
  showAllClosed: boolean;
  setQuery: (query: string) => void;
  setDate: (date: DateFilter) => void;
  setStatus: (status: JobFilters['status']) => void;
  setAssignee: (assignee: AssigneeFilter) => void;
  setView: (view: BoardView) => void;
  setShowAllClosed: (all: boolean) => void;
  setIncludeArchived: (include: boolean) => Promise<void>;
  clearFilters: () => void;
}

/** Where the search and filters are kept between sessions: they survive a reload. */
export const FIND_STORAGE_KEY = 'qdn.find';

/** Search, filters and the Board | Day choice; persisted in localStorage. */
export const useFindStore = create<FindState>()(
  persist(
    (set, get) => ({
      ...NO_FILTERS,
      view: 'board',
      includeArchived: false,
      archived: null,
      archivedError: null,
      showAllClosed: false,
      setQuery: (query) => set({ query }),
      setDate: (date) => set({ date }),
      setStatus: (status) => set({ status }),
      setAssignee: (assignee) => set({ assignee }),
      setView: (view) => set({ view }),
      setShowAllClosed: (showAllClosed) => set({ showAllClosed }),
      async setIncludeArchived(include) {
        set({ includeArchived: include });
        if (!include || get().archived) return;
        try {
          // Read once: archived jobs never change.
          set({ archived: await qdn.listArchivedJobs(), archivedError: null });
        } catch (err) {
          set({ archivedError: errorMessage(err), includeArchived: false });
        }
      },
      clearFilters: () => set({ ...NO_FILTERS }),
    }),
    {
      name: FIND_STORAGE_KEY,
      version: 1,
      partialize: (s) => ({
        query: s.query,
        date: s.date,
        status: s.status,
        assignee: s.assignee,
        view: s.view,
        includeArchived: s.includeArchived,
        showAllClosed: s.showAllClosed,
      }),
      // What comes back from storage is checked: a hand-edited or older value falls back.
      merge: (stored, current) => ({ ...current, ...sanitize(stored) }),
    },
  ),
);

function sanitize(stored: unknown): Partial<FindState> {
  if (typeof stored !== 'object' || stored === null) return {};
  const s = stored as Record<string, unknown>;
  const out: Partial<FindState> = {};
  if (typeof s.query === 'string') out.query = s.query.slice(0, 200);
  if (s.date === 'all' || s.date === 'today' || s.date === 'tomorrow' || s.date === 'week') {
    out.date = s.date;
  }
  if (s.status === 'all' || (JOB_STATUSES as readonly unknown[]).includes(s.status)) {
    out.status = s.status as JobFilters['status'];
  }
  const a = s.assignee;
  if (a === 'all' || a === 'none') out.assignee = a;
  else if (
    typeof a === 'object' &&
    a !== null &&
    typeof (a as { name?: unknown }).name === 'string'
  ) {
    out.assignee = { name: (a as { name: string }).name };
  }
  if (s.view === 'board' || s.view === 'day') out.view = s.view;
  if (typeof s.showAllClosed === 'boolean') out.showAllClosed = s.showAllClosed;
  // Archived jobs are read again on start when this was on (see App).
  if (typeof s.includeArchived === 'boolean') out.includeArchived = s.includeArchived;
  return out;
}
