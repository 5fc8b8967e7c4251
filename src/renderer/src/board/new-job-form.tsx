import { useRef, useState } from 'react';
import type { FormEvent, InputHTMLAttributes } from 'react';
import { useBoardStore } from '../stores/board-store';
import { NEW_JOB_MAX_LENGTH } from '../../../shared/job';
import { NEW_JOB_FIELDS, readNewJob } from './read-new-job';
import type { NewJobField } from './read-new-job';

type FieldErrors = Partial<Record<NewJobField, string>>;

export function NewJobForm() {
  const createJob = useBoardStore((s) => s.createJob);
  const clearError = useBoardStore((s) => s.clearActionError);
  const busy = useBoardStore((s) => Boolean(s.busy['']));
  const error = useBoardStore((s) => s.actionErrors['']);
  const [created, setCreated] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const focusField = (name: NewJobField) =>
    formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    setCreated(null);
    clearError('');
    const read = readNewJob(new FormData(form));
    if (!read.ok) {
      setFieldErrors(read.errors);
      const first = (Object.keys(NEW_JOB_FIELDS) as NewJobField[]).find((f) => read.errors[f]);
      if (first) focusField(first);
      return;
    }
    setFieldErrors({});
    const job = await createJob(read.input);
    if (job) {
      form.reset();
      setCreated(`Created ${job.customer_name}'s job.`);
      focusField('customer_name');
    }
  }

  /** Editing a field clears what was said about it, and any earlier save error. */
  function edited(event: FormEvent<HTMLFormElement>) {
    const name = (event.target as HTMLInputElement).name as NewJobField;
    if (fieldErrors[name]) setFieldErrors(({ [name]: _gone, ...rest }) => rest);
    if (error) clearError('');
  }

  /**
   * One labelled field: read-only while saving (so nothing typed meanwhile is lost to the
   * reset that follows — not disabled, which would take the keyboard focus away), and tied to
   * its message when it has one.
   */
  const field = (name: NewJobField, props: InputHTMLAttributes<HTMLInputElement> = {}) => {
    const problem = fieldErrors[name];
    const errorId = `new-job-${name}-error`;
    const common = {
      name,
      readOnly: busy,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? errorId : undefined,
    };
    return (
      <label className={name === 'notes' ? 'wide' : undefined}>
        {NEW_JOB_FIELDS[name]}
        {name === 'notes' ? (
          <textarea {...common} rows={2} maxLength={NEW_JOB_MAX_LENGTH.notes} />
        ) : (
          <input {...common} {...props} />
        )}
        {problem && (
          <span className="field-error" id={errorId}>
            {NEW_JOB_FIELDS[name]} {problem}.
          </span>
        )}
      </label>
    );
  };

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
      {field('customer_name', {
        required: true,
        autoComplete: 'off',
        maxLength: NEW_JOB_MAX_LENGTH.customer_name,
      })}
      {field('address', {
        required: true,
        autoComplete: 'off',
        maxLength: NEW_JOB_MAX_LENGTH.address,
      })}
      {field('pickup_date', { type: 'datetime-local', required: true })}
      {field('price', { type: 'number', min: 0, step: 0.01, required: true, inputMode: 'decimal' })}
      {field('currency', {
        defaultValue: 'USD',
        maxLength: 3,
        size: 4,
        autoCapitalize: 'characters',
      })}
      {field('phone', { type: 'tel', autoComplete: 'off', maxLength: NEW_JOB_MAX_LENGTH.phone })}
      {field('email', { type: 'email', autoComplete: 'off', maxLength: NEW_JOB_MAX_LENGTH.email })}
      {field('notes')}
      <button type="submit" aria-disabled={busy || undefined}>
        {busy ? 'Creating…' : 'Create job'}
      </button>
      <p className="feedback" aria-live="polite">
        {created}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
