import { QdnError } from '../../shared/errors';
import { newJobInputSchema } from '../../shared/job';
import type { HistoryEntry, Job, NewJobInput } from '../../shared/job';
import { moveFactsOf, moveKind, moveProblem, skippedSteps } from '../../shared/status-flow';
import { STATUS_LABELS } from '../../shared/status-flow';
import type { JobStatus } from '../../shared/status-flow';
import type { MoveOptions } from '../../shared/jobs/job-edit';
import { newJobId, newTrackingToken } from '../ids/random-ids';
import { describeIssues } from '../../shared/validation-message';
import { checkAssignee, checkJobPhone, checkPickup } from './job-field-checks';
import type { JobRules } from './job-field-checks';
import { withTextIntent } from './text-intents';

/** What one change did: the new list, its answer, and which jobs' public documents to refresh. */
export interface ChangeOutcome<T> {
  jobs: Job[];
  result: T;
  changed: Job[];
}

/**
 * A change as saved: its answer, the jobs it made, and the revision it was saved as (the list
 * itself is not handed back: a store may apply a change without reading every job).
 */
export interface SavedChange<T> {
  result: T;
  changed: Job[];
  revision: string | null;
}

/**
 * A change is a function of the jobs as read, not a snapshot: when a conditional write loses a
 * race, the repository re-reads and runs the same change again.
 */
export type JobsChange<T> = ((jobs: readonly Job[]) => ChangeOutcome<T>) & {
  /**
   * Set on a change that only adds jobs after all the others and looks at those only to ask
   * whether a job id is taken (a create): a store that can answer that without reading every
   * job may apply the change this way instead.
   */
  readonly appends?: JobsAddition<T>;
  /**
   * Set on a change of one job alone, found by its id (a move, an edit): a store that can find
   * and replace that job without reading the others may apply the change this way instead.
   */
  readonly updatesOne?: OneJobUpdate<T>;
};

/** A change of the job `jobId` alone: the job as it will be stored (null: no change), and the answer. */
export interface OneJobUpdate<T> {
  jobId: string;
  update: (current: Job) => { job: Job | null; result: T };
}

/** The jobs a change adds, given whether a job id is taken already. */
export type JobsAddition<T> = (idTaken: (jobId: string) => boolean) => { added: Job[]; result: T };

/**
 * Adds a job a dispatcher entered; it starts `scheduled`, since it has a pickup time. A pickup
 * already over is refused (PastPickupError) unless the input allows it: a typo far more often
 * than a record of the past.
 */
export function addJob(
  input: NewJobInput,
  now: Date,
  by?: string,
  rules: JobRules = {},
): JobsChange<Job> {
  const parsed = newJobInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new QdnError('bad_request', `Invalid job: ${describeIssues(parsed.error)}`);
  }
  const { allow_past_pickup: allowPast = false, ...fields } = parsed.data;
  checkPickup(
    { start: fields.pickup_date, end: fields.pickup_window_end ?? null },
    now,
    allowPast,
    rules,
  );
  if (fields.phone) checkJobPhone(fields.phone, rules);
  if (fields.assigned_to !== undefined) {
    const assignee = checkAssignee(fields.assigned_to, rules);
    if (assignee === null) delete fields.assigned_to;
    else fields.assigned_to = assignee;
  }
  // Minted once and kept across a lost race's re-application, so the document a create
  // published before its write (jobs-service.ts) is the one of the job it saves.
  let minted: Job | null = null;
  const made: JobsAddition<Job> = (idTaken) => {
    if (minted && !idTaken(minted.job_id)) return { added: [minted], result: minted };
    // 64 random bits: a clash is a one-in-10^15 event at 10,000 jobs, so no set of all ids.
    let jobId = newJobId();
    while (idTaken(jobId)) jobId = newJobId();
    const at = now.toISOString();
    const job: Job = {
      ...fields,
      job_id: jobId,
      status: 'scheduled',
      tracking_token: newTrackingToken(),
      created_at: at,
      updated_at: at,
      history: [{ status: 'scheduled', at, event: 'created', ...(by ? { by } : {}) }],
    };
    minted = job;
    return { added: [job], result: job };
  };
  const change = (jobs: readonly Job[]) => {
    const { added, result } = made((id) => jobs.some((j) => j.job_id === id));
    return { jobs: [...jobs, ...added], result, changed: added };
  };
  return Object.assign(change, { appends: made });
}

/**
 * Moves a job: a step along its flow or a cancel as asked; the office marking a scheduled or
 * en route job done in one move (its history entry names the steps skipped); a correction
 * (back one step or several, reopening a canceled job) only with a reason; and a request with
 * no quote to Scheduled only with a reason, the customer's confirmation by phone (issue 17).
 * Every move appends one entry to the job's history, with its reason when one was given (an
 * undo of a step forward gives one too). An undo's entry says so (`undo: true`); a move that
 * names where it starts (`from`) is refused (`conflict`) once the job is no longer there.
 */
export function changeStatus(
  jobId: string,
  to: JobStatus,
  now: Date,
  by?: string,
  reason?: string,
  move: MoveOptions = {},
  rules: JobRules = {},
): JobsChange<Job> {
  const why = reason?.trim() || undefined;
  return jobChange(jobId, (current) => {
    if (move.from !== undefined && current.status !== move.from) {
      throw new QdnError(
        'conflict',
        `${current.customer_name}'s job is ${STATUS_LABELS[current.status]} now, not ${STATUS_LABELS[move.from]}: nothing was changed.`,
      );
    }
    // Asked of the job as read: a quote saved since the caller looked counts (a lost race
    // re-runs this on the job as it is then).
    const facts = moveFactsOf(current);
    const kind = moveKind(current.status, to, facts);
    if (kind === 'none') return null;
    const problem = moveProblem(current.status, to, why, facts);
    if (problem) throw new QdnError('invalid_transition', problem);
    const at = now.toISOString();
    const extra: Partial<HistoryEntry> = why ? { reason: why } : {};
    if (kind === 'finish') extra.skipped = skippedSteps(current.status, to);
    if (kind === 'confirm') extra.confirmed = 'phone';
    if (move.undo === true) extra.undo = true;
    const moved: Job = {
      ...current,
      status: to,
      updated_at: at,
      history: [...historyOf(current), entry({ status: to, at, event: 'status' }, by, extra)],
    };
    // An undo puts back what was: it owes the customer no text (the one it undid is skipped
    // by the sender, its job having moved on).
    return move.undo === true ? moved : withTextIntent(current, moved, rules, now, by);
  });
}

/**
 * A change of one job, in both forms (the list's, and `updatesOne`); its answer is the job as
 * saved. `update`: as for changeOne.
 */
export function jobChange(jobId: string, update: (current: Job) => Job | null): JobsChange<Job> {
  const change = (jobs: readonly Job[]) => changeOne(jobs, jobId, update);
  const updatesOne: OneJobUpdate<Job> = {
    jobId,
    update: (current) => {
      const job = update(current);
      return { job, result: job ?? current };
    },
  };
  return Object.assign(change, { updatesOne });
}

/**
 * Applies `update` to one job: null means nothing to change (nothing is written). The job must
 * be on the board: archived jobs are read-only.
 */
export function changeOne(
  jobs: readonly Job[],
  jobId: string,
  update: (current: Job) => Job | null,
): ChangeOutcome<Job> {
  const index = jobs.findIndex((j) => j.job_id === jobId);
  const current = jobs[index];
  if (!current) throw new QdnError('not_found', `No job with id ${jobId}.`);
  const updated = update(current);
  if (updated === null) return { jobs: [...jobs], result: current, changed: [] };
  const next = [...jobs];
  next[index] = updated;
  return { jobs: next, result: updated, changed: [updated] };
}

/** A job's history so far; a job from before histories starts with its creation. */
export function historyOf(job: Job): HistoryEntry[] {
  return job.history ?? [{ status: job.status, at: job.created_at }];
}

/** A history entry with `by` only when known (≤ 100 characters, as the schema keeps it). */
export function entry(
  base: HistoryEntry,
  by: string | undefined,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry {
  return { ...base, ...(by ? { by: by.slice(0, 100) } : {}), ...extra };
}
