import { QdnError } from '../../shared/errors';
import { newJobInputSchema } from '../../shared/job';
import type { Job, NewJobInput } from '../../shared/job';
import { canTransition, STATUS_LABELS } from '../../shared/status-flow';
import type { JobStatus } from '../../shared/status-flow';
import { newJobId, newTrackingToken } from '../ids';
import { describeIssues } from '../../shared/validation-message';

/** What one change did: the new list, its answer, and which jobs' public documents to refresh. */
export interface ChangeOutcome<T> {
  jobs: Job[];
  result: T;
  changed: Job[];
}

/**
 * A change is a function of the jobs as read, not a snapshot: when a conditional write loses a
 * race, the repository re-reads and runs the same change again.
 */
export type JobsChange<T> = (jobs: readonly Job[]) => ChangeOutcome<T>;

/** Adds a job a dispatcher entered; it starts `scheduled`, since it has a pickup time. */
export function addJob(input: NewJobInput, now: Date, by?: string): JobsChange<Job> {
  const parsed = newJobInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new QdnError('bad_request', `Invalid job: ${describeIssues(parsed.error)}`);
  }
  const fields = parsed.data;
  return (jobs) => {
    const ids = new Set(jobs.map((j) => j.job_id));
    let jobId = newJobId();
    while (ids.has(jobId)) jobId = newJobId();
    const at = now.toISOString();
    const job: Job = {
      ...fields,
      job_id: jobId,
      status: 'scheduled',
      tracking_token: newTrackingToken(),
      created_at: at,
      updated_at: at,
      history: [{ status: 'scheduled', at, ...(by ? { by } : {}) }],
    };
    return { jobs: [...jobs, job], result: job, changed: [job] };
  };
}

/** Moves a job along its flow (or cancels it), appending to its history. */
export function changeStatus(
  jobId: string,
  to: JobStatus,
  now: Date,
  by?: string,
): JobsChange<Job> {
  return (jobs) => {
    const index = jobs.findIndex((j) => j.job_id === jobId);
    const current = jobs[index];
    if (!current) throw new QdnError('not_found', `No job with id ${jobId}.`);
    if (current.status === to) return { jobs: [...jobs], result: current, changed: [] };
    if (!canTransition(current.status, to)) {
      throw new QdnError(
        'invalid_transition',
        `A ${STATUS_LABELS[current.status].toLowerCase()} job cannot move to ${STATUS_LABELS[to].toLowerCase()}.`,
      );
    }
    const at = now.toISOString();
    const history = current.history ?? [{ status: current.status, at: current.created_at }];
    const updated: Job = {
      ...current,
      status: to,
      updated_at: at,
      history: [...history, { status: to, at, ...(by ? { by } : {}) }],
    };
    const next = [...jobs];
    next[index] = updated;
    return { jobs: next, result: updated, changed: [updated] };
  };
}
