import { useRef, useState } from 'react';
import type { FormEvent, InputHTMLAttributes } from 'react';
import { NEW_JOB_MAX_LENGTH } from '../../../shared/job';
import { zoneCity } from '../../../shared/format';
import { useBoardStore } from '../stores/board-store';
import { useAssigneeNames, useBusinessTimeZone } from '../find/use-found-jobs';
import { machineTimeZone } from '../../../shared/zoned-time';
import { useSettingsStore } from '../settings/settings-store';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { ModalDialog } from '../dialogs/modal-dialog';
import { QUICK_PICKUPS, quickWindow } from './quick-pickups';
import type { QuickPickup } from './quick-pickups';
import { NEW_JOB_FIELDS, readNewJob } from './read-new-job';
import type { NewJobField } from './read-new-job';
import { FormField } from './form-field';

type FieldErrors = Partial<Record<NewJobField, string>>;

/** "New job" (N): a dialog over the board; what is typed stays while the board refreshes. */
export function NewJobDialog() {
  const open = useDialogsStore((s) => s.newJobOpen);
  const close = useDialogsStore((s) => s.closeNewJob);
  return (
    <ModalDialog open={open} onClose={close} labelledBy="new-job-title" className="new-job-dialog">
      <NewJobForm onCreated={close} onCancel={close} />
    </ModalDialog>
  );
}

export function NewJobForm({
  onCreated,
  onCancel,
}: {
  onCreated: () => void;
  onCancel: () => void;
}) {
  const createJob = useBoardStore((s) => s.createJob);
  const clearError = useBoardStore((s) => s.clearError);
  const busy = useBoardStore((s) => Boolean(s.busy['']));
  const error = useBoardStore((s) => s.errors['']);
  const timeZone = useBusinessTimeZone();
  const currency = useSettingsStore((s) => s.settings?.business.currency) ?? 'USD';
  const names = useAssigneeNames();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  /** The pickup a "that is in the past" warning was shown for: creating again keeps it. */
  const [pastWarned, setPastWarned] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldOf = (name: NewJobField) =>
    formRef.current?.querySelector<HTMLInputElement>(`[name="${name}"]`) ?? null;
  const zoneNote = timeZone === machineTimeZone() ? '' : ` (${zoneCity(timeZone)} time)`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    clearError('');
    const pickup = fieldOf('pickup_date')?.value ?? '';
    const read = readNewJob(new FormData(form), {
      timeZone,
      allowPast: pastWarned !== null && pastWarned === pickup,
    });
    if (!read.ok) {
      setFieldErrors(read.errors);
      setPastWarned(read.pastOnly ? pickup : null);
      const first = (Object.keys(NEW_JOB_FIELDS) as NewJobField[]).find((f) => read.errors[f]);
      if (first) fieldOf(first)?.focus();
      return;
    }
    setFieldErrors({});
    setPastWarned(null);
    const job = await createJob(read.input);
    if (job) {
      form.reset();
      onCreated();
      // After the dialog has closed (and let go of the focus): the keyboard goes to the new card.
      requestAnimationFrame(() => useBoardStore.getState().focusCard(job.job_id));
    }
  }

  /** Editing a field clears what was said about it, and any earlier save error. */
  function edited(event: FormEvent<HTMLFormElement>) {
    const name = (event.target as HTMLInputElement).name as NewJobField;
    if (fieldErrors[name]) setFieldErrors(({ [name]: _gone, ...rest }) => rest);
    if (error) clearError('');
  }

  function quick(choice: QuickPickup) {
    const window = quickWindow(choice, timeZone);
    const start = fieldOf('pickup_date');
    const end = fieldOf('pickup_window_end');
    if (start) start.value = window.start;
    if (end) end.value = window.end;
    setFieldErrors(({ pickup_date: _a, pickup_window_end: _b, ...rest }) => rest);
  }

  const field = (
    name: NewJobField,
    input: InputHTMLAttributes<HTMLInputElement> = {},
    label: string = NEW_JOB_FIELDS[name],
  ) => (
    <FormField
      form="new-job"
      name={name}
      label={label}
      spoken={NEW_JOB_FIELDS[name]}
      problem={fieldErrors[name]}
      busy={busy}
      multiline={name === 'notes'}
      input={input}
    />
  );

  return (
    <form
      ref={formRef}
      className="new-job"
      aria-labelledby="new-job-title"
      noValidate
      onSubmit={(e) => void submit(e)}
      onInput={edited}
    >
      <h2 id="new-job-title">New job</h2>
      <div className="form-grid">
        {field('customer_name', {
          required: true,
          autoComplete: 'off',
          maxLength: NEW_JOB_MAX_LENGTH.customer_name,
          autoFocus: true,
        })}
        {field('address', {
          required: true,
          autoComplete: 'off',
          maxLength: NEW_JOB_MAX_LENGTH.address,
        })}
        {field('pickup_date', { type: 'datetime-local', required: true }, `Pickup${zoneNote}`)}
        {field('pickup_window_end', { type: 'datetime-local' })}
        <div className="quick-pickups" role="group" aria-label="Quick choices">
          {(Object.keys(QUICK_PICKUPS) as QuickPickup[]).map((choice) => (
            <button key={choice} type="button" className="secondary" onClick={() => quick(choice)}>
              {choice}
            </button>
          ))}
        </div>
        {field('price', { inputMode: 'decimal', required: true, autoComplete: 'off' })}
        {field('currency', {
          defaultValue: currency,
          maxLength: 3,
          size: 4,
          autoCapitalize: 'characters',
        })}
        {field('phone', { type: 'tel', autoComplete: 'off', maxLength: NEW_JOB_MAX_LENGTH.phone })}
        {field('email', {
          type: 'email',
          autoComplete: 'off',
          maxLength: NEW_JOB_MAX_LENGTH.email,
        })}
        {field('service', { autoComplete: 'off', maxLength: NEW_JOB_MAX_LENGTH.service })}
        {field('assigned_to', { list: 'crew-names', autoComplete: 'off', maxLength: 200 })}
        <datalist id="crew-names">
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {field('notes')}
      </div>
      <div className="form-error-slot">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Close
        </button>
        <button type="submit" aria-disabled={busy || undefined}>
          {busy ? 'Creating…' : 'Create job'}
        </button>
      </div>
    </form>
  );
}
