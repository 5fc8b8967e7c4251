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
