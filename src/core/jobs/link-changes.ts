import type { Job } from '../../shared/job';
import { newTrackingToken } from '../ids/random-ids';
import { changeOne, entry, historyOf } from './job-changes';
import type { JobsChange } from './job-changes';

/** A job whose link changed, and the token that stopped working (or was already revoked). */
export interface LinkChange {
  job: Job;
  withdrawnToken: string;
}

/**
 * Revokes a job's tracking link: the job stays on the board as it was, its token is marked
 * revoked (the publisher then withdraws its status document). Revoking twice changes nothing
 * more, but still names the token, so a retry withdraws and invalidates it again.
 */
export function revokeLink(jobId: string, now: Date, by?: string): JobsChange<LinkChange> {
  return (jobs) => {
    const outcome = changeOne(jobs, jobId, (current) => {
      if (current.token_revoked_at) return null;
      const at = now.toISOString();
      return {
        ...current,
        token_revoked_at: at,
        updated_at: at,
        history: [
          ...historyOf(current),
          entry({ status: current.status, at, event: 'revoke' }, by),
        ],
      };
    });
    // Found, or changeOne would have thrown: the token as it was before this change.
    const withdrawnToken = jobs.find((j) => j.job_id === jobId)!.tracking_token;
    return { ...outcome, result: { job: outcome.result, withdrawnToken } };
  };
}

/**
 * Gives a job a new tracking link; the old one stops working (its document is withdrawn by
 * the caller once the new one is saved). A revoked link is brought back this way too.
 */
export function rotateLink(jobId: string, now: Date, by?: string): JobsChange<LinkChange> {
  return (jobs) => {
    const tokens = new Set(jobs.map((j) => j.tracking_token));
    let token = newTrackingToken();
    while (tokens.has(token)) token = newTrackingToken();
    const outcome = changeOne(jobs, jobId, (current) => {
      const at = now.toISOString();
      const { token_revoked_at: _revoked, ...rest } = current;
      return {
        ...rest,
        tracking_token: token,
        updated_at: at,
        history: [
          ...historyOf(current),
          entry({ status: current.status, at, event: 'rotate' }, by),
        ],
      };
    });
    const withdrawnToken = jobs.find((j) => j.job_id === jobId)!.tracking_token;
    return { ...outcome, result: { job: outcome.result, withdrawnToken } };
  };
}
