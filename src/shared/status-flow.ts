/** The life of a job, in board order. `canceled` is reachable from every open status. */
export const JOB_STATUSES = [
  'requested',
  'scheduled',
  'en_route',
  'on_site',
  'completed',
  'canceled',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

export const STATUS_LABELS: Record<JobStatus, string> = {
  requested: 'Requested',
  scheduled: 'Scheduled',
  en_route: 'En route',
  on_site: 'On site',
  completed: 'Completed',
  canceled: 'Canceled',
};

const FORWARD: Record<JobStatus, JobStatus | null> = {
  requested: 'scheduled',
  scheduled: 'en_route',
  en_route: 'on_site',
  on_site: 'completed',
  completed: null,
  canceled: null,
};

/** True while the job can still move (not completed, not canceled). */
export function isOpenStatus(status: JobStatus): boolean {
  return FORWARD[status] !== null;
}

/** The next status on the happy path, or null at the end of the flow. */
export function nextStatus(status: JobStatus): JobStatus | null {
  return FORWARD[status];
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  if (to === 'canceled') return isOpenStatus(from);
  return FORWARD[from] === to;
}

/** Board order, for telling a step forward from a step back. */
const ORDER: Record<JobStatus, number> = {
  requested: 0,
  scheduled: 1,
  en_route: 2,
  on_site: 3,
  completed: 4,
  canceled: 5,
};

/** What it takes to do a first step into each status, in a dispatcher's words. */
const FIRST_STEP: Partial<Record<JobStatus, string>> = {
  scheduled: 'Schedule it first',
  en_route: 'Send the crew on the way first',
  on_site: 'Mark the crew on site first',
};

/**
 * A correction: a move that undoes or reverses the plain flow — a step back (e.g. a misclicked
 * "Completed" back to On site) or reopening a canceled job at an open status. Corrections
 * need a reason, kept in the job's history (issue 8 §3).
 */
export function isCorrection(from: JobStatus, to: JobStatus): boolean {
  if (from === 'canceled') return to !== 'canceled' && to !== 'completed';
  if (to === 'canceled') return false;
  return ORDER[to] === ORDER[from] - 1;
}

/** How a move from `from` to `to` is made: a plain step, a correction, or not at all. */
export type MoveKind = 'none' | 'step' | 'correction' | 'refused';

export function moveKind(from: JobStatus, to: JobStatus): MoveKind {
  if (from === to) return 'none';
  if (canTransition(from, to)) return 'step';
  return isCorrection(from, to) ? 'correction' : 'refused';
}

/**
 * Why a move cannot be made as asked, in words a dispatcher can act on; null when it can.
 * A correction without a (non-blank) reason is refused with a request for one.
 */
export function moveProblem(from: JobStatus, to: JobStatus, reason?: string): string | null {
  const kind = moveKind(from, to);
  const fromLabel = withArticle(STATUS_LABELS[from].toLowerCase());
  if (kind === 'none' || kind === 'step') return null;
  if (kind === 'correction') {
    if (reason !== undefined && reason.trim() !== '') return null;
    return from === 'canceled'
      ? 'Reopening a canceled job needs a reason (it is kept in the job’s history).'
      : `Moving a job back needs a reason (it is kept in the job’s history).`;
  }
  if (from === 'completed' && to === 'canceled') {
    return 'A completed job cannot be canceled. Move it back to On site first, with a reason.';
  }
  if (from === 'canceled') {
    return 'A canceled job can be reopened at an open status (Requested to On site), not Completed.';
  }
  if (ORDER[to] > ORDER[from]) {
    const next = FORWARD[from]!;
    const firstStep = FIRST_STEP[next] ?? `Move it to ${STATUS_LABELS[next]} first`;
    return `${firstStep}: ${fromLabel} job goes to ${STATUS_LABELS[next]} before ${STATUS_LABELS[to]}.`;
  }
  const back = JOB_STATUSES[ORDER[from] - 1]!;
  return `A job moves back one step at a time: ${fromLabel} job goes back to ${STATUS_LABELS[back]} first.`;
}

/** "a scheduled", "an en route". */
function withArticle(label: string): string {
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
