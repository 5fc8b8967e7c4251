import type { FormEvent, ReactNode } from 'react';
import type { Job } from '../../../shared/job';
import { NEW_JOB_MAX_LENGTH as L } from '../../../shared/job';
import type { JobField } from '../../../shared/jobs/job-edit';
import { formatMoney, formatPickup, zoneCity } from '../../../shared/format';
import type { CrewMember } from '../../../shared/settings/settings';
import { changesOf, fieldErrors, pastPickupWarning } from './edit-model';
import type { WireValue } from './edit-model';
import { useJobDetailStore } from './job-detail-store';

/** Fields that take the whole width when the form has two columns (the 1024 px sheet). */
const WIDE: readonly JobField[] = ['address', 'notes'];

/** How a value saved meanwhile reads in "Changed meanwhile to …". */
function showValue(field: JobField, value: WireValue, job: Job, timeZone: string): string {
  if (value === null || value === '') return '(empty)';
  if (field === 'pickup_date' || field === 'pickup_window_end') {
    return formatPickup(String(value), undefined, timeZone);
  }
  if (field === 'price' && typeof value === 'number') return formatMoney(value, job.currency);
  return String(value);
}

/**
 * Every field a dispatcher typed, editable, each checked by the shared schema as they type.
 * Save sends only what changed, with the values it started from; a field saved meanwhile by
 * someone else shows what it became and lets the dispatcher choose.
 */
export function EditForm({
  job,
  timeZone,
  crew,
}: {
  job: Job;
  timeZone: string;
  crew: readonly CrewMember[];
}) {
  const editing = useJobDetailStore((s) => s.editing);
  const setField = useJobDetailStore((s) => s.setField);
  const setAllowPast = useJobDetailStore((s) => s.setAllowPast);
  const cancel = useJobDetailStore((s) => s.cancelEdit);
  const save = useJobDetailStore((s) => s.save);
  const keepMine = useJobDetailStore((s) => s.keepMine);
  const takeTheirs = useJobDetailStore((s) => s.takeTheirs);
  const busy = useJobDetailStore((s) => Boolean(s.busy.save));
  const saveError = useJobDetailStore((s) => s.errors.save);
  if (!editing) return null;

  const changes = changesOf(editing.draft, editing.start, timeZone);
  const errors = fieldErrors(changes, editing.start, editing.draft);
  const past = pastPickupWarning(changes, editing.start, timeZone);
  const unsettled = editing.conflicts.length > 0;
  const invalid = Object.keys(errors).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(job, timeZone);
  };

  /** One labelled field with its inline error and, when it moved underneath, the choice. */
  const row = (
    field: JobField,
    label: string,
    input: (id: string, described: string) => ReactNode,
  ) => {
    const id = `edit-${field}`;
    const error = errors[field];
    const conflict = editing.conflicts.find((c) => c.field === field);
    return (
      <div className={WIDE.includes(field) ? 'edit-row wide' : 'edit-row'} key={field}>
        <label htmlFor={id}>{label}</label>
        {input(id, error || conflict ? `${id}-note` : '')}
        <p id={`${id}-note`} className="field-note">
          {error && <span className="error">{`${label} ${error}`}</span>}
          {conflict && (
            <span className="conflict" role="alert">
              Changed meanwhile to “{showValue(field, conflict.theirs, job, timeZone)}”.{' '}
              <button type="button" className="link-button" onClick={() => keepMine(field)}>
                Keep mine
              </button>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => takeTheirs(field, timeZone)}
              >
                Use theirs
              </button>
            </span>
          )}
        </p>
      </div>
    );
  };
  const text =
    (field: JobField, type = 'text', max?: number) =>
    (id: string, described: string) => (
      <input
        id={id}
        type={type}
        value={editing.draft[field]}
        maxLength={max}
        aria-invalid={Boolean(errors[field]) || undefined}
        aria-describedby={described || undefined}
        onChange={(e) => setField(field, e.target.value)}
      />
    );
  const crewNames = crew.map((m) => m.name);
  const assignee = editing.draft.assigned_to;

  return (
    <form className="edit-form" aria-label={`Edit ${job.customer_name}'s job`} onSubmit={submit}>
      {row('customer_name', 'Name', text('customer_name', 'text', L.customer_name))}
      {row('phone', 'Phone', text('phone', 'tel', L.phone))}
      {row('email', 'Email', text('email', 'email', L.email))}
      {row('service', 'Service', text('service', 'text', L.service))}
      {row('address', 'Address', text('address', 'text', L.address))}
      {row(
        'pickup_date',
        `Pickup from (${zoneCity(timeZone)} time)`,
        text('pickup_date', 'datetime-local'),
      )}
      {row('pickup_window_end', 'Until', text('pickup_window_end', 'datetime-local'))}
      <div className="edit-pair">
        {row('price', 'Price', text('price', 'text'))}
        {row('currency', 'Currency', text('currency', 'text', 3))}
      </div>
      {row('assigned_to', 'Assignee', (id, described) => (
        <select
          id={id}
          value={assignee}
          aria-describedby={described || undefined}
          onChange={(e) => setField('assigned_to', e.target.value)}
        >
          <option value="">Unassigned</option>
          {crewNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {assignee && !crewNames.includes(assignee) && (
            <option value={assignee}>{assignee}</option>
          )}
        </select>
      ))}
      {row('notes', 'Notes', (id, described) => (
        <textarea
          id={id}
          rows={3}
          value={editing.draft.notes}
          maxLength={L.notes}
          aria-invalid={Boolean(errors.notes) || undefined}
          aria-describedby={described || undefined}
          onChange={(e) => setField('notes', e.target.value)}
        />
      ))}
      {past && (
        <div className="past-warning" role="alert">
          <p className="warning">{past}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={editing.allowPast}
              onChange={(e) => setAllowPast(e.target.checked)}
            />{' '}
            It is in the past on purpose
          </label>
        </div>
      )}
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          disabled={busy || invalid || unsettled || (past !== null && !editing.allowPast)}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
        {unsettled && <span className="hint">Choose for each field changed meanwhile.</span>}
      </div>
    </form>
  );
}
