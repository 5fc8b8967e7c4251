import { useState } from 'react';
import type { FormEvent } from 'react';
import { STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { ModalDialog } from '../dialogs/modal-dialog';
import { agreedPriceOf, confirmByPhone } from './confirm-by-phone';
import { backTargets, needsPhoneConfirmation, reasonWords } from './move-rules';

/**
 * Confirms a cancel, or asks the reason of a move that needs one (kept in its history): a move
 * back — by one step or several, the target chosen here — a reopen, or a request with no quote
 * scheduled on the customer's confirmation by phone.
 */
export function MoveDialog() {
  const pending = useDialogsStore((s) => s.pendingMove);
  const close = useDialogsStore((s) => s.closeMove);
  const job = useBoardStore((s) => s.jobs.find((j) => j.job_id === pending?.jobId));
  return (
    <ModalDialog
      open={Boolean(pending && job)}
      onClose={close}
      labelledBy="move-title"
      className="move-dialog"
    >
      {pending && job && <MoveForm key={`${pending.jobId}:${pending.to}`} />}
    </ModalDialog>
  );
}

function MoveForm() {
  const pending = useDialogsStore((s) => s.pendingMove)!;
  const close = useDialogsStore((s) => s.closeMove);
  const job = useBoardStore((s) => s.jobs.find((j) => j.job_id === pending.jobId))!;
  const [reason, setReason] = useState('');
  const [to, setTo] = useState<JobStatus>(pending.to);
  const [problem, setProblem] = useState<string | null>(null);
  const [price, setPrice] = useState('');
  const [priceProblem, setPriceProblem] = useState<string | null>(null);
  const cancel = pending.kind === 'cancel';
  const byPhone = !cancel && to === 'scheduled' && needsPhoneConfirmation(job);
  // A request comes in at 0: confirming it by phone asks what was agreed (issue 17).
  const asksPrice = byPhone && job.price === 0;
  const words = reasonWords(job, to);
  // A move back may go several steps at once; a reopen or a phone confirmation has one target.
  const targets =
    !cancel && job.status !== 'canceled' && !(to === 'scheduled' && needsPhoneConfirmation(job))
      ? backTargets(job)
      : [];
  const title = cancel ? `Cancel ${job.customer_name}'s job?` : words.title;

  function submit(event: FormEvent) {
    event.preventDefault();
    const why = reason.trim();
    const agreed = asksPrice ? agreedPriceOf(price) : null;
    if (!cancel && why === '') setProblem('Say why: the reason is kept in the job’s history.');
    if (asksPrice && agreed === null) {
      setPriceProblem('Type the price agreed on the phone, e.g. 350 or 350.50.');
    }
    if ((!cancel && why === '') || (asksPrice && agreed === null)) return;
    close();
    if (byPhone) void confirmByPhone(job, agreed, why);
    else
      void useBoardStore.getState().moveJob(job.job_id, cancel ? pending.to : to, why || undefined);
    // Once the dialog has let go of the focus, the keyboard follows the card to its column.
    requestAnimationFrame(() => useBoardStore.getState().focusCard(job.job_id));
  }

  return (
    <form className="move-form" onSubmit={submit} noValidate>
      <h2 id="move-title">{title}</h2>
      <p className="muted">
        {cancel
          ? 'The customer’s page will say the pickup is canceled. You can undo this for a few seconds.'
          : words.note}
      </p>
      <div className="field">
        <label htmlFor="move-reason">{cancel ? 'Reason (optional)' : words.label}</label>
        <input
          id="move-reason"
          name="reason"
          autoFocus
          autoComplete="off"
          maxLength={500}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'move-reason-error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setProblem(null);
          }}
        />
        <span className="field-error" id="move-reason-error">
          {problem}
        </span>
      </div>
      {asksPrice && (
        <div className="field">
          <label htmlFor="move-price">Agreed price ({job.currency})</label>
          <input
            id="move-price"
            name="price"
            inputMode="decimal"
            autoComplete="off"
            value={price}
            aria-invalid={priceProblem ? true : undefined}
            aria-describedby={priceProblem ? 'move-price-error' : undefined}
            onChange={(e) => {
              setPrice(e.target.value);
              setPriceProblem(null);
            }}
          />
          <span className="field-error" id="move-price-error">
            {priceProblem}
          </span>
        </div>
      )}
      {/* After the reason: showModal gives the keyboard to the first field, the reason. */}
      {targets.length > 1 && (
        <div className="field">
          <label htmlFor="move-target">Back to</label>
          <select id="move-target" value={to} onChange={(e) => setTo(e.target.value as JobStatus)}>
            {targets.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={close}>
          Keep it {STATUS_LABELS[job.status]}
        </button>
        <button type="submit">{cancel ? 'Cancel job' : words.submit}</button>
      </div>
    </form>
  );
}
