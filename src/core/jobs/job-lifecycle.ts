import { isStatusEntry } from '../../shared/job';
import type { Job } from '../../shared/job';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a completed or canceled job finished: its last move into that status, else its last
 * update, else its creation. Null while the job is open. Edits and link changes after the
 * finish carry the same status but are not moves: a price fixed a week later does not make
 * the job finish later (nor keep its page online longer).
 */
export function finishedAt(job: Job): Date | null {
  if (job.status !== 'completed' && job.status !== 'canceled') return null;
  const entry = job.history?.findLast((h) => isStatusEntry(h) && h.status === job.status);
  const at = entry?.at ?? job.updated_at ?? job.created_at;
  return new Date(at);
}

/** Finished at least `days` days before `now`. */
export function finishedBefore(job: Job, days: number, now: Date): boolean {
  const at = finishedAt(job);
  return at !== null && now.getTime() - at.getTime() >= days * DAY_MS;
}
