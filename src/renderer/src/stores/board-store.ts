import { create } from 'zustand';
import type { Job, NewJobInput } from '../../../shared/job';
import type { JobStatus } from '../../../shared/status-flow';

interface BoardState {
  jobs: Job[];
  loaded: boolean;
  /** Why the jobs could not be read (e.g. a broken jobs.json); the board shows it, not stale data. */
  loadError: string | null;
  /** The last failed action, per job id ('' for the new-job form). */
  actionErrors: Record<string, string>;
  busy: Record<string, boolean>;
  load: () => Promise<void>;
  createJob: (input: NewJobInput) => Promise<Job | null>;
  moveJob: (jobId: string, status: JobStatus) => Promise<void>;
}

/** The kanban board: its actions are the only callers of window.qdn for jobs. */
export const useBoardStore = create<BoardState>()((set, get) => {
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
  const replace = (job: Job) =>
    set((s) => ({
      jobs: s.jobs.some((j) => j.job_id === job.job_id)
        ? s.jobs.map((j) => (j.job_id === job.job_id ? job : j))
        : [...s.jobs, job],
    }));

  return {
    jobs: [],
    loaded: false,
    loadError: null,
    actionErrors: {},
    busy: {},
    async load() {
      try {
        set({ jobs: await window.qdn.listJobs(), loaded: true, loadError: null });
      } catch (err) {
        set({ loaded: true, loadError: (err as Error).message });
      }
    },
    async createJob(input) {
      const job = await withBusy('', () => window.qdn.createJob(input));
      if (job) replace(job);
      return job;
    },
    async moveJob(jobId, status) {
      const job = await withBusy(jobId, () => window.qdn.setJobStatus(jobId, status));
      if (job) replace(job);
      else if (get().actionErrors[jobId]) await get().load();
    },
  };
});

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
