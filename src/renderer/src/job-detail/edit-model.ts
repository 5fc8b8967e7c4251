import { jobChangesSchema, JOB_FIELDS } from '../../../shared/jobs/job-edit';
import type { JobChanges, JobField } from '../../../shared/jobs/job-edit';
import type { Job } from '../../../shared/job';
import { parsePrice } from '../../../shared/money';
import { pickupProblem } from '../../../shared/pickup-checks';
import { fromZonedInput, toZonedInput } from '../../../shared/zoned-time';

/**
 * The edit form as pure data (issue 8 §2, §7): what the dispatcher types (strings, pickup times
 * on the business's clocks), the job's values when editing started (`start`), the changes that
 * makes, the schema's verdict per field, and the fields that moved underneath meanwhile.
 */

/** A field's value as jobs.json and editJob's `base` hold it. */
export type WireValue = string | number | null;
export type Draft = Record<JobField, string>;
export type Snapshot = Record<JobField, WireValue>;

/** How a field is named to a dispatcher ("Saved Mark's phone"). */
export const FIELD_LABELS: Record<JobField, string> = {
  customer_name: 'name',
  address: 'address',
  pickup_date: 'pickup time',
  pickup_window_end: 'pickup window end',
  price: 'price',
  currency: 'currency',
  phone: 'phone',
  email: 'email',
  service: 'service',
  notes: 'notes',
  assigned_to: 'assignee',
};

const INSTANTS: readonly JobField[] = ['pickup_date', 'pickup_window_end'];
const REQUIRED: readonly JobField[] = [
  'customer_name',
  'address',
  'pickup_date',
  'price',
  'currency',
];

/** The job's editable values as they stand. */
export function snapshotOf(job: Job): Snapshot {
  const snapshot = {} as Snapshot;
  for (const field of JOB_FIELDS) {
    const value: unknown = job[field];
    snapshot[field] = typeof value === 'string' || typeof value === 'number' ? value : null;
  }
  return snapshot;
}

/** One value as the form shows it. */
export function draftValue(field: JobField, value: WireValue, timeZone: string): string {
  if (value === null) return '';
  if (INSTANTS.includes(field)) return toZonedInput(String(value), timeZone);
  return String(value);
}

export function draftOf(snapshot: Snapshot, timeZone: string): Draft {
  const draft = {} as Draft;
  for (const field of JOB_FIELDS) draft[field] = draftValue(field, snapshot[field], timeZone);
  return draft;
}

/** What a typed value means on the wire; NaN for a price that is not a number. */
export function wireValue(field: JobField, typed: string, timeZone: string): WireValue {
  const text = field === 'notes' ? typed : typed.trim();
  if (field === 'price') {
    const price = parsePrice(text);
    return price.ok ? price.amount : Number.NaN;
  }
  if (field === 'currency') return text.toUpperCase();
  if (INSTANTS.includes(field)) return text ? fromZonedInput(text, timeZone) || text : null;
  if (text === '' && !REQUIRED.includes(field)) return null;
  return text;
}

/** Whether two wire values are the same (instants compared as instants, not as text). */
export function sameValue(field: JobField, a: WireValue, b: WireValue): boolean {
  if (INSTANTS.includes(field) && typeof a === 'string' && typeof b === 'string') {
    return Date.parse(a) === Date.parse(b);
  }
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return a === b;
}

/** The fields the draft changes from `start`, with their new wire values. */
export function changesOf(draft: Draft, start: Snapshot, timeZone: string): Partial<Snapshot> {
  const changes: Partial<Snapshot> = {};
  for (const field of JOB_FIELDS) {
    const next = wireValue(field, draft[field], timeZone);
    if (!sameValue(field, next, start[field])) changes[field] = next;
  }
  return changes;
}

/** The schema's verdict on each changed field (absent when fine), as the dispatcher types. */
export function fieldErrors(
  changes: Partial<Snapshot>,
  start: Snapshot,
  draft?: Draft,
): Partial<Record<JobField, string>> {
  const errors: Partial<Record<JobField, string>> = {};
  if (draft && 'price' in changes) {
    const price = parsePrice(draft.price);
    if (!price.ok) errors.price = price.message;
  }
  const parsed = jobChangesSchema.safeParse(changes);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as JobField | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  const begin = changes.pickup_date !== undefined ? changes.pickup_date : start.pickup_date;
  const end =
    changes.pickup_window_end !== undefined ? changes.pickup_window_end : start.pickup_window_end;
  if (
    !errors.pickup_window_end &&
    ('pickup_date' in changes || 'pickup_window_end' in changes) &&
    typeof begin === 'string' &&
    typeof end === 'string' &&
    Date.parse(end) <= Date.parse(begin)
  ) {
    errors.pickup_window_end = 'must be after the pickup start';
  }
  return errors;
}

/**
 * A warning when the edited pickup window is over already (null otherwise, or when the pickup
 * was not changed): saving then needs the dispatcher's confirmation.
 */
export function pastPickupWarning(
  changes: Partial<Snapshot>,
  start: Snapshot,
  timeZone: string,
  now: Date = new Date(),
): string | null {
  if (!('pickup_date' in changes) && !('pickup_window_end' in changes)) return null;
  const begin = changes.pickup_date !== undefined ? changes.pickup_date : start.pickup_date;
  const end =
    changes.pickup_window_end !== undefined ? changes.pickup_window_end : start.pickup_window_end;
  if (typeof begin !== 'string' || Number.isNaN(Date.parse(begin))) return null;
  const problem = pickupProblem({ start: begin, end: typeof end === 'string' ? end : null }, now, {
    timeZone,
  });
  return problem?.kind === 'past' ? problem.message : null;
}

/** The changes as editJob takes them (already checked by fieldErrors). */
export function asJobChanges(changes: Partial<Snapshot>): JobChanges {
  return changes as JobChanges;
}

/** The `base` editJob checks: the changed fields' values when editing started. */
export function baseOf(changes: Partial<Snapshot>, start: Snapshot): Record<string, WireValue> {
  const base: Record<string, WireValue> = {};
  for (const field of Object.keys(changes) as JobField[]) base[field] = start[field];
  return base;
}

/** A field that changed underneath while the dispatcher was editing it. */
export interface FieldConflict {
  field: JobField;
  /** The value saved meanwhile (by another laptop, by `qdn`). */
  theirs: WireValue;
}

/**
 * Compares the job as it now stands with `start`. A field the dispatcher has not touched just
 * follows (nothing typed is lost); a field they changed becomes a conflict for them to settle.
 */
export function reconcile(
  draft: Draft,
  start: Snapshot,
  current: Snapshot,
  timeZone: string,
): { draft: Draft; start: Snapshot; conflicts: FieldConflict[] } {
  const nextDraft = { ...draft };
  const nextStart = { ...start };
  const conflicts: FieldConflict[] = [];
  for (const field of JOB_FIELDS) {
    if (sameValue(field, current[field], start[field])) continue;
    const touched = !sameValue(field, wireValue(field, draft[field], timeZone), start[field]);
    if (!touched) {
      nextDraft[field] = draftValue(field, current[field], timeZone);
      nextStart[field] = current[field];
    } else if (!sameValue(field, wireValue(field, draft[field], timeZone), current[field])) {
      conflicts.push({ field, theirs: current[field] });
    } else {
      // They typed what was saved meanwhile: nothing to settle.
      nextStart[field] = current[field];
    }
  }
  return { draft: nextDraft, start: nextStart, conflicts };
}

/** "phone", "phone and email", "name, phone and notes". */
export function listFields(fields: readonly JobField[]): string {
  const names = fields.map((f) => FIELD_LABELS[f]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
