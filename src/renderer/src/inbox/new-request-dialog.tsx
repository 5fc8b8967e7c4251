import { useRef, useState } from 'react';
import type { FormEvent, InputHTMLAttributes } from 'react';
import { createPortal } from 'react-dom';
import { NEW_JOB_MAX_LENGTH } from '../../../shared/job';
import { zoneCity } from '../../../shared/format';
import { ModalDialog } from '../dialogs/modal-dialog';
import { useBoardStore } from '../stores/board-store';
import { useSettings } from '../settings/use-settings';
import { useInboxStore } from './inbox-store';
import { NEW_REQUEST_FIELDS, readNewRequest } from './read-new-request';
import type { NewRequestField } from './read-new-request';
import { FormField } from '../board/form-field';

/**
 * The Requested column's "New request": a lead taken on the phone goes on the board as a
 * Requested job with no price, as a booking from the website does, and its panel opens to be
 * quoted. (A dialog of the inbox's own rather than a choice in the New job form: a lead has no
 * price, no crew and no link to send yet, and the form asks for all three.)
 */
export function NewRequestButton() {
  const open = useInboxStore((s) => s.openRequest);
  return (
    <>
      <button
        type="button"
        className="badge new-request-button"
        onClick={open}
        title="A lead taken on the phone: on the board in Requested, to quote"
      >
        New request
      </button>
      {/* Outside the column header, whose styles (uppercase headings, small badges) are its own. */}
      {createPortal(<NewRequestDialog />, document.body)}
    </>
  );
}

function NewRequestDialog() {
  const open = useInboxStore((s) => s.requestOpen);
  const close = useInboxStore((s) => s.closeRequest);
  return (
    <ModalDialog
      open={open}
      onClose={close}
      labelledBy="new-request-title"
      className="new-request-dialog"
    >
      {open && <NewRequestForm onDone={close} />}
    </ModalDialog>
  );
}

type FieldErrors = Partial<Record<NewRequestField, string>>;

function NewRequestForm({ onDone }: { onDone: () => void }) {
  const timeZone = useSettings().business.time_zone;
  const createRequest = useInboxStore((s) => s.createRequest);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const read = readNewRequest(new FormData(event.currentTarget), timeZone);
    if (!read.ok) {
      setErrors(read.errors);
      const first = (Object.keys(NEW_REQUEST_FIELDS) as NewRequestField[]).find(
        (f) => read.errors[f],
      );
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    setProblem(null);
    setBusy(true);
    const saved = await createRequest(read.input);
    setBusy(false);
    if ('problem' in saved) {
      setProblem(saved.problem);
      return;
    }
    onDone();
    // The lead's panel opens, with its Quote button: quoting is what the dispatcher does next.
    useBoardStore.getState().select(saved.job.job_id);
  }

  /** Typing in a field clears what was said about it. */
  function edited(event: FormEvent<HTMLFormElement>) {
    const name = (event.target as HTMLInputElement).name as NewRequestField;
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  }

  const field = (
    name: NewRequestField,
    input: InputHTMLAttributes<HTMLInputElement> = {},
    label: string = NEW_REQUEST_FIELDS[name],
  ) => (
    <FormField
      form="new-request"
      name={name}
      label={label}
      spoken={NEW_REQUEST_FIELDS[name]}
      problem={errors[name]}
      busy={busy}
      multiline={name === 'notes'}
      input={input}
    />
  );

  return (
    <form
      ref={formRef}
      className="new-job new-request"
      aria-labelledby="new-request-title"
      noValidate
      onSubmit={(e) => void submit(e)}
      onInput={edited}
    >
      <h2 id="new-request-title">New request</h2>
      <p className="muted new-request-intro">
        A lead taken on the phone: it goes in Requested with no price, and you quote it next.
      </p>
      <div className="form-grid">
        {field('customer_name', {
          required: true,
          autoComplete: 'off',
          maxLength: NEW_JOB_MAX_LENGTH.customer_name,
          autoFocus: true,
        })}
        {field('phone', { type: 'tel', autoComplete: 'off', maxLength: NEW_JOB_MAX_LENGTH.phone })}
        {field('address', { required: true, autoComplete: 'off', maxLength: 500 })}
        {field('service', { autoComplete: 'off', maxLength: NEW_JOB_MAX_LENGTH.service })}
        {field(
          'pickup_date',
          { type: 'datetime-local', required: true },
          `Preferred pickup (${zoneCity(timeZone)} time)`,
        )}
        {field('pickup_window_end', { type: 'datetime-local' })}
        {field('notes')}
      </div>
      <div className="form-error-slot">
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onDone}>
          Close
        </button>
        <button type="submit" aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : 'Save request'}
        </button>
      </div>
    </form>
  );
}
