import type { Job } from '../../../shared/job';
import {
  canTransition,
  isOpenStatus,
  nextStatus,
  STATUS_LABELS,
} from '../../../shared/status-flow';
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

export function judgeMove(job: Job, to: JobStatus): MoveVerdict {
  if (job.status === to) return { kind: 'same' };
  if (canTransition(job.status, to)) return { kind: 'move' };
  if (correctionTarget(job) === to) return { kind: 'correction' };
  // A canceled job may be reopened at any open status (its earlier one is offered first).
  if (job.status === 'canceled' && isOpenStatus(to)) return { kind: 'correction' };
  const from = STATUS_LABELS[job.status];
  const target = STATUS_LABELS[to];
  if (job.status === 'completed') {
    return {
      kind: 'refused',
      why: `${job.customer_name}'s job is completed: it can only go back to On site, with a reason.`,
    };
  }
  if (job.status === 'canceled') {
    const back = correctionTarget(job);
    return {
      kind: 'refused',
      why: `${job.customer_name}'s job was canceled: it can be reopened at an open status (such as ${STATUS_LABELS[back ?? 'scheduled']}), not ${target}.`,
    };
  }
  const next = nextStatus(job.status);
  return {
    kind: 'refused',
    why:
      `A job moves one step at a time: ${from} goes to ${next ? STATUS_LABELS[next] : 'nowhere'}` +
      ` next, not ${target}.`,
  };
}
