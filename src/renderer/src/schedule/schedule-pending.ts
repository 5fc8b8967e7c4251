import { create } from 'zustand';
import type { Job } from '../../../shared/job';
import type { JobEdit } from '../../../shared/jobs/job-edit';

/** A drop shown before its save has answered: the job as dropped, and which save it awaits. */
export interface PendingMove {
  job: Job;
  /** Tells a newer drop (or its Undo) of the same job from this one, so that only it clears. */
  seq: number;
}

interface PendingState {
  /** Jobs dropped on the schedule whose save is under way, by job id. */
  saving: Record<string, PendingMove>;
  /** Shows `job` as dropped until `settle(id, seq)`; returns that seq. */
  show: (job: Job) => number;
  /** The save answered: the board's own copy of the job is what is shown again. */
  settle: (jobId: string, seq: number) => void;
}

let nextSeq = 1;

/**
 * Drops waiting for their save (issue 17: a drag lands at once). Kept apart from the board's
 * store so that a board reload answering meanwhile cannot put the block back under the cursor.
 */
export const usePendingMoves = create<PendingState>()((set, get) => ({
  saving: {},
  show(job) {
    const seq = nextSeq++;
    set((s) => ({ saving: { ...s.saving, [job.job_id]: { job, seq } } }));
    return seq;
  },
  settle(jobId, seq) {
    if (get().saving[jobId]?.seq !== seq) return;
    set((s) => {
      const { [jobId]: _settled, ...rest } = s.saving;
      return { saving: rest };
    });
  },
}));

/** The job as it will be once `edit` is saved (null clears a field, as core does). */
export function editedJob(job: Job, edit: JobEdit): Job {
  const next: Record<string, unknown> = { ...job };
  for (const [field, value] of Object.entries(edit.changes)) {
    if (value === undefined) continue;
    if (value === null || value === '') delete next[field];
    else next[field] = value;
  }
  return next as Job;
}

/** The board's jobs with the drops still saving shown where they were dropped. */
export function withPending(jobs: Job[], saving: Record<string, PendingMove>): Job[] {
  if (Object.keys(saving).length === 0) return jobs;
  return jobs.map((job) => saving[job.job_id]?.job ?? job);
}
