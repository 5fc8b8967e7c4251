import { QdnError } from '../../shared/errors';
import { jobSchema } from '../../shared/job';
import type { Job } from '../../shared/job';
import { describeIssues } from '../../shared/validation-message';
import { certainlyValidJob } from './jobs-fast-check';

/** Which jobs a change made, and whether it kept the others in their order. */
export interface MadeJobs {
  /** Positions in the new list of objects the old list did not hold (new or replaced jobs). */
  positions: number[];
  /** The old jobs the new list still holds are in their old order. */
  othersInOrder: boolean;
}

/**
 * Compares the lists by object, not by value: a change never edits a job it was given in
 * place, it puts a new object where the job changes (job-changes.ts, job-edits.ts).
 */
export function jobsMade(before: readonly Job[], after: readonly Job[]): MadeJobs {
  const at = new Map<Job, number>();
  for (let i = 0; i < before.length; i++) at.set(before[i]!, i);
  const positions: number[] = [];
  let last = -1;
  let othersInOrder = true;
  for (let i = 0; i < after.length; i++) {
    const old = at.get(after[i]!);
    if (old === undefined) positions.push(i);
    else if (old < last) othersInOrder = false;
    else last = old;
  }
  return { positions, othersInOrder };
}

/**
 * Checks what a change is about to write: each job it made against the schema, and that no
 * other job holds its id or tracking token. With the rest read from a checked file, that is
 * the whole file checked, for a few jobs' cost. A failure is a bug in the change, not in the
 * file, which stays as it was.
 */
export function checkMadeJobs(jobs: readonly Job[], made: MadeJobs, location: string): void {
  const fresh = made.positions.map((i) => jobs[i]!);
  for (const job of fresh) {
    if (certainlyValidJob(job)) continue;
    const parsed = jobSchema.safeParse(job);
    if (!parsed.success) {
      throw new QdnError(
        'internal',
        `This change would store an invalid job ${String(job.job_id)}: ${describeIssues(parsed.error)}. ${location} was left as it was.`,
      );
    }
  }
  for (const field of ['job_id', 'tracking_token'] as const) {
    const values = new Set(fresh.map((job) => job[field]));
    let holders = 0;
    for (const job of jobs) if (values.has(job[field])) holders++;
    if (values.size < fresh.length || holders > values.size) {
      throw new QdnError(
        'internal',
        `This change would give two jobs the same ${field}. ${location} was left as it was.`,
      );
    }
  }
}
