import { create } from 'zustand';
import { qdn } from '../qdn';
import type { JobSaved } from '../../../shared/api';
import { QdnError } from '../../../shared/errors';
import type { QdnErrorCode } from '../../../shared/errors';
import type { Job, NewJobInput } from '../../../shared/job';
import type { JobStatus } from '../../../shared/status-flow';

interface BoardState {
  jobs: Job[];
  loaded: boolean;
  /** Why the jobs could not be read at all (e.g. a broken jobs.json): the board shows only this. */
  loadError: string | null;
  /** Its code: `jobs_file_invalid` means an earlier jobs.json can be offered. */
  loadErrorCode: QdnErrorCode | null;
  /** Why the latest refresh failed while a board is on screen: shown above the board, kept. */
  refreshError: string | null;
  /** When the jobs on screen were read. */
  loadedAt: Date | null;
  /** The last failed action, per job id ('' for the new-job form). */
  actionErrors: Record<string, string>;
  busy: Record<string, boolean>;
  /** A card that just moved column: it takes the keyboard focus when it appears there. */
  focusJobId: string | null;
  load: () => Promise<void>;
  createJob: (input: NewJobInput) => Promise<Job | null>;
  moveJob: (jobId: string, status: JobStatus) => Promise<void>;
  clearActionError: (key: string) => void;
  focusHandled: () => void;
}

/** The kanban board: its actions are the only callers of qdn for jobs. */
export const useBoardStore = create<BoardState>()((set, get) => {
  // A load answered after a newer load, or after a change made here, would show a stale board
  // (a card hopping back to where it was): such answers are dropped.
  let latestLoad = 0;
  let localChanges = 0;

  const withBusy = async <T>(key: string, work: () => Promise<T>): Promise<T | null> => {
    set((s) => ({ busy: { ...s.busy, [key]: true }, actionErrors: omit(s.actionErrors, key) }));
    try {
      return await work();
    } catch (err) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [key]: (err as Error).message } }));
      return null;
    } finally {
      set((s) => ({ busy: omit(s.busy, key) }));
    }
  };
  /** Shows a saved job; what did not follow the save (its tracking page) shows on its card. */
  const showSaved = ({ job, warning }: JobSaved): Job => {
    localChanges++;
    set((s) => ({
      jobs: s.jobs.some((j) => j.job_id === job.job_id)
        ? s.jobs.map((j) => (j.job_id === job.job_id ? job : j))
        : [...s.jobs, job],
      actionErrors: warning
        ? { ...s.actionErrors, [job.job_id]: warning }
        : omit(s.actionErrors, job.job_id),
    }));
    return job;
  };

  return {
    jobs: [],
    loaded: false,
    loadError: null,
    loadErrorCode: null,
    refreshError: null,
    loadedAt: null,
    actionErrors: {},
    busy: {},
    focusJobId: null,
    async load() {
      const load = ++latestLoad;
      const changesBefore = localChanges;
      try {
        const jobs = await qdn.listJobs();
        if (load !== latestLoad) return;
        // Read before a change made here: ask again rather than show it.
        if (changesBefore !== localChanges) return await get().load();
        set({
          jobs,
          loaded: true,
          loadError: null,
          loadErrorCode: null,
          refreshError: null,
          loadedAt: new Date(),
        });
      } catch (err) {
        if (load !== latestLoad) return;
        const message = (err as Error).message;
        const code = codeOf(err);
        // A blip during a background refresh must not blank the dispatcher's board; a broken
        // jobs.json must, since every action on it would fail: it gets the way to restore it.
        if (get().loadedAt && code !== 'jobs_file_invalid') set({ refreshError: message });
        else set({ loaded: true, loadError: message, loadErrorCode: code });
      }
    },
    async createJob(input) {
      const saved = await withBusy('', () => qdn.createJob(input));
      return saved && showSaved(saved);
    },
    async moveJob(jobId, status) {
      const saved = await withBusy(jobId, () => qdn.setJobStatus(jobId, status));
      if (saved) {
        showSaved(saved);
        set({ focusJobId: jobId });
      } else if (get().actionErrors[jobId]) await get().load();
    },
    clearActionError(key) {
      set((s) => ({ actionErrors: omit(s.actionErrors, key) }));
    },
    focusHandled() {
      set({ focusJobId: null });
    },
  };
});

function codeOf(err: unknown): QdnErrorCode {
  return err instanceof QdnError ? err.code : 'internal';
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
