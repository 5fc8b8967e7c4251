import { useState } from 'react';
import { formatMoney, formatPickup } from '../../../shared/format';
import type { Job } from '../../../shared/job';
import { isOpenStatus, nextStatus, STATUS_LABELS } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';
import { useBoardStore } from '../stores/board-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { qdn } from '../qdn';

/** One job on the board: who, where, when, what it costs, and what the dispatcher can do next. */
export function JobCard({ job }: { job: Job }) {
  const moveJob = useBoardStore((s) => s.moveJob);
  const busy = useBoardStore((s) => Boolean(s.busy[job.job_id]));
  const error = useBoardStore((s) => s.actionErrors[job.job_id]);
  const publicBaseUrl = useWorkspaceStore((s) => s.info?.publicBaseUrl);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const next = nextStatus(job.status);

  async function copyLink() {
    if (!publicBaseUrl) return;
    try {
      await qdn.copyText(buildTrackingUrl(publicBaseUrl, job.tracking_token));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  function cancel() {
    if (window.confirm(`Cancel ${job.customer_name}'s job? This cannot be undone.`)) {
      void moveJob(job.job_id, 'canceled');
    }
  }

  return (
    <article className="job-card" aria-label={`${job.customer_name}, ${STATUS_LABELS[job.status]}`}>
      <h3>{job.customer_name}</h3>
      <p>{job.address}</p>
      <p>
        <time dateTime={job.pickup_date}>{formatPickup(job.pickup_date)}</time> ·{' '}
        {formatMoney(job.price, job.currency)}
      </p>
      <div className="actions">
        {next && (
          <button type="button" disabled={busy} onClick={() => void moveJob(job.job_id, next)}>
            Move to {STATUS_LABELS[next]}
          </button>
        )}
        {!job.token_revoked_at && (
          <button
            type="button"
            className="secondary"
            disabled={!publicBaseUrl}
            onClick={() => void copyLink()}
          >
            Copy tracking link
          </button>
        )}
        {isOpenStatus(job.status) && (
          <button type="button" className="secondary" disabled={busy} onClick={cancel}>
            Cancel job
          </button>
        )}
      </div>
      <p className="feedback" aria-live="polite">
        {copied === 'yes' && 'Link copied.'}
        {copied === 'failed' && 'Could not copy the link.'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
