import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useBoardStore } from '../stores/board-store';
import { NEW_JOB_FIELDS, NEW_JOB_MAX_LENGTH, readNewJob } from './read-new-job';
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

  const field = (name: NewJobField, control: (describedBy: string | undefined) => ReactNode) => {
    const problem = fieldErrors[name];
    const errorId = `new-job-${name}-error`;
    return (
      <label className={name === 'notes' ? 'wide' : undefined}>
        {NEW_JOB_FIELDS[name]}
        {control(problem ? errorId : undefined)}
        {problem && (
          <span className="field-error" id={errorId}>
            {NEW_JOB_FIELDS[name]} {problem}.
          </span>
        )}
      </label>
    );
  };
  const invalid = (name: NewJobField) => (fieldErrors[name] ? true : undefined);

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
      {/* Read-only while saving, so nothing typed meanwhile is lost to the reset that follows;
          not disabled, which would take the keyboard focus away. */}
      {field('customer_name', (d) => (
        <input
          name="customer_name"
          required
          autoComplete="off"
          maxLength={NEW_JOB_MAX_LENGTH.customer_name}
          readOnly={busy}
          aria-invalid={invalid('customer_name')}
          aria-describedby={d}
        />
      ))}
      {field('address', (d) => (
        <input
          name="address"
          required
          autoComplete="off"
          maxLength={NEW_JOB_MAX_LENGTH.address}
          readOnly={busy}
          aria-invalid={invalid('address')}
          aria-describedby={d}
        />
      ))}
      {field('pickup_date', (d) => (
        <input
          name="pickup_date"
          type="datetime-local"
          required
          readOnly={busy}
          aria-invalid={invalid('pickup_date')}
          aria-describedby={d}
        />
      ))}
      {field('price', (d) => (
        <input
          name="price"
          type="number"
          min="0"
          step="0.01"
          required
          inputMode="decimal"
          readOnly={busy}
          aria-invalid={invalid('price')}
          aria-describedby={d}
        />
      ))}
      {field('currency', (d) => (
        <input
          name="currency"
          defaultValue="USD"
          maxLength={3}
          size={4}
          autoCapitalize="characters"
          readOnly={busy}
          aria-invalid={invalid('currency')}
          aria-describedby={d}
        />
      ))}
      {field('phone', (d) => (
        <input
          name="phone"
          type="tel"
          autoComplete="off"
          maxLength={NEW_JOB_MAX_LENGTH.phone}
          readOnly={busy}
          aria-invalid={invalid('phone')}
          aria-describedby={d}
        />
      ))}
      {field('email', (d) => (
        <input
          name="email"
          type="email"
          autoComplete="off"
          maxLength={NEW_JOB_MAX_LENGTH.email}
          readOnly={busy}
          aria-invalid={invalid('email')}
          aria-describedby={d}
        />
      ))}
      {field('notes', (d) => (
        <textarea
          name="notes"
          rows={2}
          maxLength={NEW_JOB_MAX_LENGTH.notes}
          readOnly={busy}
          aria-invalid={invalid('notes')}
          aria-describedby={d}
        />
      ))}
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
