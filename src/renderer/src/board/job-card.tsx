import { useEffect, useRef, useState } from 'react';
import { formatMoney, formatPickup } from '../../../shared/format';
import type { Job } from '../../../shared/job';
import { isOpenStatus, nextStatus, STATUS_LABELS } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';
import { useBoardStore } from '../stores/board-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { qdn } from '../qdn';
import { useDeployStore } from '../deploy/deploy-store';
import { QuoteForm } from '../inbox/quote-form';

const FEEDBACK_MS = 4000;

/** One job on the board: who, where, when, what it costs, and what the dispatcher can do next. */
export function JobCard({ job }: { job: Job }) {
  const moveJob = useBoardStore((s) => s.moveJob);
  const busy = useBoardStore((s) => Boolean(s.busy[job.job_id]));
  const error = useBoardStore((s) => s.actionErrors[job.job_id]);
  const takesFocus = useBoardStore((s) => s.focusJobId === job.job_id);
  const focusHandled = useBoardStore((s) => s.focusHandled);
  const publicBaseUrl = useWorkspaceStore((s) => s.info?.publicBaseUrl);
  const openLinkDoctor = useDeployStore((s) => s.openLinkDoctor);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const next = nextStatus(job.status);
  const link = publicBaseUrl ? buildTrackingUrl(publicBaseUrl, job.tracking_token) : null;

  // A moved card appears anew in its column: the keyboard follows it, to its next action.
  useEffect(() => {
    if (!takesFocus || !cardRef.current) return;
    const target = cardRef.current.querySelector<HTMLElement>('button:not(:disabled)');
    (target ?? cardRef.current).focus();
    focusHandled();
  }, [takesFocus, focusHandled]);

  useEffect(() => {
    if (copied !== 'yes') return;
    const timer = setTimeout(() => setCopied(null), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copyLink() {
    if (!link) return;
    try {
      await qdn.copyText(link);
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
    <article
      ref={cardRef}
      tabIndex={-1}
      className="job-card"
      aria-label={`${job.customer_name}, ${STATUS_LABELS[job.status]}`}
      aria-busy={busy || undefined}
    >
      <h3>{job.customer_name}</h3>
      <p>{job.address}</p>
      <p>
        <time dateTime={job.pickup_date}>{formatPickup(job.pickup_date)}</time> ·{' '}
        {formatMoney(job.price, job.currency)}
      </p>
      <div className="actions">
        {next && (
          <button type="button" disabled={busy} onClick={() => void moveJob(job.job_id, next)}>
            {busy ? 'Saving…' : `Move to ${STATUS_LABELS[next]}`}
          </button>
        )}
        {!job.token_revoked_at && (
          <button
            type="button"
            className="secondary"
            disabled={!link}
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
        {!job.token_revoked_at && (
          <button
            type="button"
            className="link-button"
            title="Check each layer this job's tracking link crosses"
            onClick={() => openLinkDoctor(job.job_id)}
          >
            Link doctor
          </button>
        )}
      </div>
      <p className="feedback" aria-live="polite">
        {copied === 'yes' && 'Link copied.'}
        {copied === 'failed' && 'Could not copy the link. Select it and copy it yourself:'}
      </p>
      {copied === 'failed' && link && (
        <input className="link-text" aria-label="Tracking link" readOnly value={link} />
      )}
      {job.status === 'requested' && <QuoteForm job={job} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
