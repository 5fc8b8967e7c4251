import { QdnError } from '../../shared/errors';
import type { HistoryChanges, Job } from '../../shared/job';
import type { JobChangeField, JobChanges, JobEdit } from '../../shared/jobs/job-edit';
import { JOB_CHANGE_FIELDS, jobEditSchema } from '../../shared/jobs/job-edit';
import { describeIssues } from '../../shared/validation-message';
import type { z } from 'zod';
import { entry, historyOf, jobChange } from './job-changes';
import type { JobsChange } from './job-changes';
import { checkAssignee, checkJobPhone, checkPickup } from './job-field-checks';
import type { JobRules } from './job-field-checks';

/** How a dispatcher names each field, in messages. */
export const FIELD_LABELS: Record<JobChangeField, string> = {
  customer_name: 'Name',
  address: 'Address',
  pickup_date: 'Pickup',
  pickup_window_end: 'Pickup window end',
  price: 'Price',
  currency: 'Currency',
  phone: 'Phone',
  email: 'Email',
  service: 'Service',
  notes: 'Notes',
  assigned_to: 'Assignee',
  no_texts: 'Texts',
  paid_at: 'Paid',
};

/**
 * A field's value as stored and compared: `no_texts` is `true` or absent (null), so a switch
 * turned back on leaves nothing behind in jobs.json and "off" compares the same however given.
 */
type FieldValue = string | number | true | null;
type JobField = JobChangeField;

/**
 * The fields whose old and new values history keeps: what plans and prices the work. The
 * customer's name, address, phone, email and the notes are personal data, and history is
 * no second copy of it (a value cleared on request must not live on in an old entry).
 */
const VALUED_FIELDS: ReadonlySet<JobField> = new Set<JobField>([
  'pickup_date',
  'pickup_window_end',
  'price',
  'currency',
  'service',
  'assigned_to',
  'no_texts',
  'paid_at',
]);

/** How history words a switch: "texts off", never the customer's number or name. */
function historyValue(field: JobField, value: FieldValue): string | number | null {
  if (field === 'no_texts') return value === true ? 'texts off' : 'texts on';
  return value === true ? null : value;
}

/**
 * Changes the fields a dispatcher typed (issue 8 §2). Checked in full before anything is
 * written: the shared schema per field, the phone against the business's country, the
 * assignee against the crew, the pickup window (ends after it starts; not over already,
 * unless confirmed). A `base` value that no longer matches the stored one is a `conflict`:
 * someone changed that field meanwhile, and the dispatcher chooses instead of overwriting.
 * History records which fields changed, and for the fields that plan the work (times, price,
 * service, crew) what they were and became; names, contacts and notes stay out of it (issue 17).
 * An undo is just another edit, marked `undo: true` in its entry.
 */
export function editJob(
  jobId: string,
  edit: JobEdit,
  now: Date,
  by?: string,
  rules: JobRules = {},
): JobsChange<Job> {
  const parsed = jobEditSchema.safeParse(edit);
  if (!parsed.success) throw new QdnError('bad_request', editIssues(parsed.error));
  const { base = {}, allow_past_pickup: allowPast = false, undo = false } = parsed.data;
  const changes = normalized(parsed.data.changes, rules);
  return jobChange(jobId, (current) => {
    for (const [field] of changes) {
      if (!Object.hasOwn(base, field)) continue;
      const stored = storedValue(current, field);
      if (!sameValue(field, stored, blankAsNull(base[field] ?? null))) {
        throw new QdnError('conflict', conflictMessage(field, stored));
      }
    }
    const next: Record<string, unknown> = { ...current };
    const fields: JobField[] = [];
    const changed: HistoryChanges = {};
    for (const [field, value] of changes) {
      const stored = storedValue(current, field);
      if (sameValue(field, stored, value)) continue;
      if (value === null) delete next[field];
      else next[field] = value;
      fields.push(field);
      if (VALUED_FIELDS.has(field)) {
        changed[field] = { from: historyValue(field, stored), to: historyValue(field, value) };
      }
    }
    if (fields.length === 0) return null;
    const updated = next as Job;
    if (fields.includes('pickup_date') || fields.includes('pickup_window_end')) {
      checkPickup(
        { start: updated.pickup_date, end: updated.pickup_window_end ?? null },
        now,
        allowPast,
        rules,
      );
    }
    const at = now.toISOString();
    return {
      ...updated,
      updated_at: at,
      history: [
        ...historyOf(current),
        entry({ status: current.status, at, event: 'edit', fields }, by, {
          ...(Object.keys(changed).length > 0 ? { changes: changed } : {}),
          ...(undo ? { undo: true } : {}),
        }),
      ],
    };
  });
}

/**
 * The changes as they will be stored, in a stable order: blank optional text clears its field,
 * the phone is kept as typed once checked, an assignee takes the crew's spelling.
 */
function normalized(changes: JobChanges, rules: JobRules): [JobField, FieldValue][] {
  const out: [JobField, FieldValue][] = [];
  for (const field of JOB_CHANGE_FIELDS) {
    const given = changes[field];
    if (given === undefined) continue;
    let value: FieldValue = typeof given === 'boolean' ? switchValue(given) : given;
    if (typeof value === 'string' && value.trim() === '') value = null;
    if (field === 'phone' && value !== null) checkJobPhone(String(value), rules);
    if (field === 'assigned_to' && value !== null) value = checkAssignee(String(value), rules);
    out.push([field, value]);
  }
  return out;
}

/** "Email is not an email address; Price cannot be negative", as a dispatcher names the fields. */
function editIssues(error: z.ZodError): string {
  const perField = error.issues.map((issue) => {
    const [part, field] = issue.path;
    if (part === 'changes' && typeof field === 'string' && Object.hasOwn(FIELD_LABELS, field)) {
      return `${FIELD_LABELS[field as JobField]} ${issue.message}`;
    }
    return null;
  });
  if (perField.every((line) => line !== null)) return `${perField.join('; ')}.`;
  return `Invalid edit: ${describeIssues(error)}`;
}

function switchValue(on: boolean): FieldValue {
  return on ? true : null;
}

/** A `base` value as stored: blank text is empty, a switch's `false` is its absence. */
function blankAsNull(value: string | number | boolean | null): FieldValue {
  if (typeof value === 'boolean') return switchValue(value);
  return typeof value === 'string' && value.trim() === '' ? null : value;
}

function storedValue(job: Job, field: JobField): FieldValue {
  const value: unknown = job[field];
  if (value === true) return true;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** Equal as the dispatcher means it: the same instant however written, the same number. */
function sameValue(field: JobField, a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null) return a === b;
  if (
    (field === 'pickup_date' || field === 'pickup_window_end' || field === 'paid_at') &&
    typeof a === 'string'
  ) {
    return Date.parse(a) === Date.parse(String(b));
  }
  return a === b;
}

function conflictMessage(field: JobField, stored: FieldValue): string {
  const label = FIELD_LABELS[field];
  const now =
    field === 'no_texts'
      ? `${label} were turned ${stored === true ? 'off' : 'on'} meanwhile`
      : stored === null
        ? `${label} was cleared meanwhile`
        : `${label} was changed meanwhile to "${shorten(String(stored))}"`;
  return `${now} (on another laptop or with qdn). Nothing was saved: keep yours or take theirs.`;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
