import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Job } from '../../../shared/job';
import { isOpenStatus, nextStatus, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { backTargets, canMarkDone, needsPhoneConfirmation } from '../board/move-rules';

/** Where "Reopen" takes a canceled job: the status it had before it was canceled. */
export function reopenTarget(job: Job): JobStatus {
  const history = job.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const status = history[i]!.status;
    if (status !== 'canceled') return status;
  }
  return 'scheduled';
}

/** What the reason form is for: a move back or a reopen, or a phone confirmation. */
type Asking = { kind: 'back'; to: JobStatus } | { kind: 'phone' };

/**
 * The job's status and the moves a dispatcher can make from it: the next step, Mark done (the
 * office closing a scheduled or en route job in one move) and Cancel at once (each with Undo);
 * a move back (one step or several), a reopen, or scheduling a request with no quote on the
 * customer's confirmation by phone only with a reason, recorded in history.
 */
export function StatusActions({ job }: { job: Job }) {
  const moveJob = useBoardStore((s) => s.moveJob);
  const busy = useBoardStore((s) => Boolean(s.busy[job.job_id]));
  const error = useBoardStore((s) => s.errors[job.job_id]);
  const move = (status: JobStatus, reason?: string) => moveJob(job.job_id, status, reason);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const next = nextStatus(job.status);
  const phone = next !== null && needsPhoneConfirmation(job);
  const targets = job.status === 'canceled' ? [reopenTarget(job)] : backTargets(job);
  const target = asking?.kind === 'phone' ? 'scheduled' : asking?.to;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target || !reason.trim()) return;
    if (await move(target, reason.trim())) {
      setAsking(null);
      setReason('');
    }
  }

  return (
    <section className="panel-section status-actions" aria-label="Status">
      <p className="status-line">
        <span className={`status-pill status-${job.status}`}>{STATUS_LABELS[job.status]}</span>
      </p>
      <div className="button-row">
        {next && phone && !asking && (
          <button type="button" disabled={busy} onClick={() => setAsking({ kind: 'phone' })}>
            Schedule (confirmed by phone)…
          </button>
        )}
        {next && !phone && (
          <button type="button" disabled={busy} onClick={() => void move(next)}>
            {busy ? 'Saving…' : `Move to ${STATUS_LABELS[next]}`}
          </button>
        )}
        {next !== 'completed' && canMarkDone(job) && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void move('completed')}
          >
            Mark done
          </button>
        )}
        {targets[0] && !asking && (
          <button
            type="button"
            className="secondary"
            onClick={() => setAsking({ kind: 'back', to: targets[0]! })}
          >
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
      {phone && (
        <p className="muted">
          No quote yet: send one for the customer to confirm, or schedule it once they confirmed by
          phone.
        </p>
      )}
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
      {asking && target && (
        <form className="reason-form" onSubmit={(e) => void submit(e)}>
          {asking.kind === 'back' && targets.length > 1 && (
            <>
              <label htmlFor="move-back-target">Back to</label>
              <select
                id="move-back-target"
                value={asking.to}
                onChange={(e) => setAsking({ kind: 'back', to: e.target.value as JobStatus })}
              >
                {targets.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="move-reason">{reasonLabel(job, asking, target)}</label>
          <input
            id="move-reason"
            value={reason}
            maxLength={500}
            required
            autoFocus
            placeholder={
              asking.kind === 'phone'
                ? 'e.g. Called back, agreed $350 for Tuesday'
                : 'e.g. Truck broke down, rescheduling'
            }
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="button-row">
            <button type="submit" disabled={busy || !reason.trim()}>
              {asking.kind === 'phone'
                ? 'Schedule it'
                : job.status === 'canceled'
                  ? 'Reopen'
                  : `Move back to ${STATUS_LABELS[target]}`}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
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

function reasonLabel(job: Job, asking: Asking, target: JobStatus): string {
  if (asking.kind === 'phone') return 'Confirmed by phone: what was agreed?';
  return job.status === 'canceled'
    ? `Why reopen as ${STATUS_LABELS[target]}?`
    : `Why move back to ${STATUS_LABELS[target]}?`;
}
