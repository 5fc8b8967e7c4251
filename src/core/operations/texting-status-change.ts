import type { Job } from '../../shared/job';
import type { JobSaved } from '../../shared/jobs/jobs-api';
import type { MoveOptions } from '../../shared/jobs/job-edit';
import type { JobStatus } from '../../shared/status-flow';
import { errorMessage } from '../../shared/errors';
import type { JobActor } from '../jobs/job-actor';
import type { JobsService } from '../jobs/jobs-service';
import { flushJobs } from '../messages/text-flush';
import { isOwedText } from '../jobs/text-append';
import type { FlushDeps, FlushOutcome } from '../messages/text-flush';

/**
 * A status change that texts the customer: the jobs service's change (which records the text it
 * owes in the same write), then a flush of that job's owed texts, from the job as saved (no
 * re-read). The send never fails the change: the job comes back saved, with the text `failed`
 * or still owed and a warning that says why.
 */
export async function setStatusAndText(
  jobs: Pick<JobsService, 'setJobStatus'>,
  flushDeps: () => Promise<FlushDeps>,
  jobId: string,
  status: JobStatus,
  reason: string | undefined,
  actor: JobActor,
  move: MoveOptions = {},
): Promise<JobSaved> {
  const saved = await jobs.setJobStatus(jobId, status, reason, actor, move);
  if (!(saved.job.texts ?? []).some(isOwedText)) return saved;
  let flushed: FlushOutcome;
  try {
    flushed = await flushJobs(await flushDeps(), [saved.job]);
  } catch (err) {
    return withWarning(saved, saved.job, `the text did not go yet (${errorMessage(err)})`);
  }
  const job = flushed.changed.find((j) => j.job_id === jobId) ?? saved.job;
  const failed = (job.texts ?? []).find(
    (t) =>
      t.state === 'failed' && (saved.job.texts ?? []).some((o) => o.id === t.id && isOwedText(o)),
  );
  if (failed)
    return withWarning(saved, job, `the text failed: ${failed.reason ?? 'no reason given'}`);
  if (flushed.problems.length > 0) {
    return withWarning(saved, job, `the text did not go yet: ${flushed.problems[0]}`);
  }
  return { job, warning: saved.warning };
}

function withWarning(saved: JobSaved, job: Job, warning: string): JobSaved {
  const text = `Saved, but ${warning}.`;
  return { job, warning: saved.warning ? `${saved.warning} ${text}` : text };
}
