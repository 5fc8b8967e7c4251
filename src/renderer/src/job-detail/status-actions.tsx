import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Job } from '../../../shared/job';
import { isOpenStatus, nextStatus, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';

const BACK: Partial<Record<JobStatus, JobStatus>> = {
  scheduled: 'requested',
  en_route: 'scheduled',
  on_site: 'en_route',
  completed: 'on_site',
};

/** Where "Reopen" takes a canceled job: the status it had before it was canceled. */
export function reopenTarget(job: Job): JobStatus {
  const history = job.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const status = history[i]!.status;
    if (status !== 'canceled') return status;
  }
  return 'scheduled';
}

/**
 * The job's status and the moves a dispatcher can make from it: the next step and Cancel at
 * once (each with Undo), a step back or a reopen only with a reason, recorded in history.
 */
export function StatusActions({ job }: { job: Job }) {
  const moveJob = useBoardStore((s) => s.moveJob);
  const busy = useBoardStore((s) => Boolean(s.busy[job.job_id]));
  const error = useBoardStore((s) => s.errors[job.job_id]);
  const move = (status: JobStatus, reason?: string) => moveJob(job.job_id, status, reason);
  const [correcting, setCorrecting] = useState<JobStatus | null>(null);
  const [reason, setReason] = useState('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const next = nextStatus(job.status);
  const back = job.status === 'canceled' ? reopenTarget(job) : BACK[job.status];

  async function correct(event: FormEvent) {
    event.preventDefault();
    if (!correcting || !reason.trim()) return;
    if (await move(correcting, reason.trim())) {
      setCorrecting(null);
      setReason('');
    }
  }

  return (
    <section className="panel-section status-actions" aria-label="Status">
      <p className="status-line">
        <span className={`status-pill status-${job.status}`}>{STATUS_LABELS[job.status]}</span>
      </p>
      <div className="button-row">
        {next && (
          <button type="button" disabled={busy} onClick={() => void move(next)}>
            {busy ? 'Saving…' : `Move to ${STATUS_LABELS[next]}`}
          </button>
        )}
        {back && !correcting && (
          <button type="button" className="secondary" onClick={() => setCorrecting(back)}>
            {job.status === 'canceled' ? 'Reopen…' : 'Move back…'}
          </button>
        )}
        {isOpenStatus(job.status) && !confirmingCancel && (
          <button
            type="button"
            className="secondary danger"
            disabled={busy}
            onClick={() => setConfirmingCancel(true)}
          >
            Cancel job
          </button>
        )}
      </div>
      {confirmingCancel && (
        <div className="confirm-row" role="group" aria-label="Confirm cancel">
          <span>
            Cancel {job.customer_name}&rsquo;s job? The customer&rsquo;s page will say so.
          </span>
          <button
            type="button"
            className="danger"
            autoFocus
            onClick={() => {
              setConfirmingCancel(false);
              void move('canceled');
            }}
          >
            Yes, cancel the job
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmingCancel(false)}>
            Keep it
          </button>
        </div>
      )}
      {correcting && (
        <form className="reason-form" onSubmit={(e) => void correct(e)}>
          <label htmlFor="move-reason">
            {job.status === 'canceled'
              ? `Why reopen as ${STATUS_LABELS[correcting]}?`
              : `Why move back to ${STATUS_LABELS[correcting]}?`}
          </label>
          <input
            id="move-reason"
            value={reason}
            maxLength={500}
            required
            autoFocus
            placeholder="e.g. Truck broke down, rescheduling"
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="button-row">
            <button type="submit" disabled={busy || !reason.trim()}>
              {job.status === 'canceled' ? 'Reopen' : `Move back to ${STATUS_LABELS[correcting]}`}
            </button>
            <button type="button" className="secondary" onClick={() => setCorrecting(null)}>
              Never mind
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
