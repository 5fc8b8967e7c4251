import type { Job } from '../../../shared/job';
import { moveKind, moveProblem } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';

/**
 * What a drop (or a menu choice) of a job onto a status means: a plain move, a correction that
 * needs a reason (a step back, reopening a canceled job), or a refusal that says why.
 */
export type MoveVerdict =
  { kind: 'same' } | { kind: 'move' } | { kind: 'correction' } | { kind: 'refused'; why: string };

/** The status a job had before it moved to where it is now (from its history), if known. */
export function previousStatusOf(job: Job): JobStatus | null {
  const history = job.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (entry.status !== job.status) return entry.status;
  }
  return null;
}

const BACK: Partial<Record<JobStatus, JobStatus>> = {
  scheduled: 'requested',
  en_route: 'scheduled',
  on_site: 'en_route',
  completed: 'on_site',
};

/** The one status a job can be taken back to, with a reason: a step back, or where it was canceled. */
export function correctionTarget(job: Job): JobStatus | null {
  if (job.status === 'canceled') return previousStatusOf(job) ?? 'scheduled';
  return BACK[job.status] ?? null;
}

/** The board's reading of the shared move rules (status-flow.ts): the same words core uses. */
export function judgeMove(job: Job, to: JobStatus): MoveVerdict {
  switch (moveKind(job.status, to)) {
    case 'none':
      return { kind: 'same' };
    case 'step':
      return { kind: 'move' };
    case 'correction':
      return { kind: 'correction' };
    case 'refused':
      return { kind: 'refused', why: moveProblem(job.status, to) ?? 'That move is not allowed.' };
  }
}
