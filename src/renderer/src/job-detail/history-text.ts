import type { HistoryEntry } from '../../../shared/job';
import { JOB_STATUSES, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { FIELD_LABELS } from './edit-model';
import type { JobField } from '../../../shared/jobs/job-edit';
import { formatMoney, formatPickup, formatPickupWindow } from '../../../shared/format';
import { quoteOf } from '../../../shared/inbox/quote-record';

/** One line of the history timeline: what happened, who did it, and why when a reason was given. */
export interface HistoryLine {
  at: string;
  what: string;
  by: string | null;
  reason: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value : null;

const fieldName = (field: string) => FIELD_LABELS[field as JobField] ?? field.replace(/_/g, ' ');
const order = (status: JobStatus) => JOB_STATUSES.indexOf(status);

/**
 * What a quote offered, as the customer's quote page shows it: "Quoted $350.00 for Tue, Dec 8,
 * 1:00 PM – 5:00 PM, by the office" (the window in the business's zone).
 */
function quoteText(entry: HistoryEntry, timeZone: string | undefined): string {
  const quote = quoteOf(entry);
  if (!quote) return 'Quoted, by the office';
  const price = formatMoney(quote.price, quote.currency);
  const when = formatPickupWindow(quote.pickup_date, quote.pickup_window_end, undefined, timeZone);
  return `Quoted ${price} for ${when}, by the office`;
}

/**
 * What one history entry says, given the entry before it (null for the first); times in
 * `timeZone` (the business's), else the machine's.
 */
export function describeEntry(
  entry: HistoryEntry,
  previous: HistoryEntry | null,
  timeZone?: string,
  currency?: string,
): HistoryLine {
  // An entry that took back an earlier change says so first (issue 17); the reason the
  // console gives an undone move ("Undo") would only say it twice.
  const undo = entry.undo === true;
  const reason = text(entry.reason);
  const line = (what: string): HistoryLine => ({
    at: entry.at,
    what: undo ? `Undone: ${what}` : what,
    by: text(entry.by),
    reason: undo && reason === 'Undo' ? null : reason,
  });
  const to = STATUS_LABELS[entry.status];
  switch (entry.event) {
    case 'revoke':
      return line('Revoked the tracking link');
    case 'rotate':
      return line('Gave the job a new tracking link');
    case 'edit':
      return line(editText(entry, timeZone, currency));
    case 'created':
      return line(`Created as ${to}`);
    case 'quote':
      return line(quoteText(entry, timeZone));
    default:
      break;
  }
  if (!previous) return line(`Created as ${to}`);
  // An edit or a link change keeps the status: the move is measured from the status before.
  if (previous.status === entry.status) return line(`Set to ${to}`);
  if (previous.status === 'canceled') return line(`Reopened as ${to}`);
  if (entry.status === 'canceled') return line('Canceled');
  const from = STATUS_LABELS[previous.status];
  const back = order(previous.status) - order(entry.status);
  if (back > 1) return line(`Moved back from ${from} to ${to}`);
  if (back === 1) return line(`Moved back to ${to}`);
  // The office closing a job in one move (src/core/jobs/job-changes.ts `changeStatus`).
  const skipped = statusList(entry.skipped);
  if (skipped.length > 0) {
    return line(`Marked done by the office (skipped ${skipped.map(label).join(', ')})`);
  }
  if (entry.confirmed === 'phone') return line(`Moved to ${to}, confirmed by phone`);
  return line(`Moved to ${to}`);
}

const label = (status: JobStatus) => STATUS_LABELS[status];

/** The statuses an entry names, if it names any: a newer console may write what this one cannot read. */
function statusList(value: unknown): JobStatus[] {
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is JobStatus => JOB_STATUSES.includes(s as JobStatus));
}

/**
 * The timeline, newest first; `currency` (the job's) prices an edit's old and new price when
 * the edit did not change the currency too.
 */
export function describeHistory(
  history: readonly HistoryEntry[] | undefined,
  timeZone?: string,
  currency?: string,
): HistoryLine[] {
  if (!history) return [];
  return history
    .map((entry, i) => describeEntry(entry, history[i - 1] ?? null, timeZone, currency))
    .reverse();
}

/** How an edit's old → new reads, per field whose values history keeps (src/core/jobs/job-edits.ts). */
const CHANGE_LABELS: Readonly<Record<string, string>> = {
  pickup_date: 'Pickup',
  pickup_window_end: 'Pickup window end',
  price: 'Price',
  currency: 'Currency',
  service: 'Service',
  assigned_to: 'Crew',
};

/**
 * "Price $300.00 → $350.00; Pickup Wed, Dec 9, 1:00 PM → Thu, Dec 10, 9:00 AM; edited notes":
 * old → new where history keeps the values, the names of the other fields (personal data,
 * or an entry written before values were kept).
 */
function editText(entry: HistoryEntry, timeZone?: string, currency?: string): string {
  const changes = entry.changes ?? {};
  const fields = entry.fields ?? Object.keys(changes);
  const currencies = changes.currency;
  const valued: string[] = [];
  const named: string[] = [];
  for (const field of fields) {
    const change = changes[field];
    const switched = switchText(field, change?.to);
    if (switched) {
      valued.push(switched);
      continue;
    }
    const label = CHANGE_LABELS[field];
    if (!change || !label) {
      named.push(fieldName(field));
      continue;
    }
    const side = (value: string | number | null, which: 'from' | 'to') => {
      const money = text(currencies?.[which]) ?? currency;
      return valueText(field, value, timeZone, money);
    };
    valued.push(`${label} ${side(change.from, 'from')} → ${side(change.to, 'to')}`);
  }
  if (named.length > 0)
    valued.push(`${valued.length > 0 ? 'edited' : 'Edited'} ${named.join(', ')}`);
  return valued.length > 0 ? valued.join('; ') : 'Edited';
}

/** The job panel's switches (src/core/jobs/job-edits.ts words them): "Texts turned off", "Marked paid". */
function switchText(field: string, to: string | number | null | undefined): string | null {
  if (field === 'no_texts') {
    if (to === 'texts off') return 'Texts turned off';
    if (to === 'texts on') return 'Texts turned on';
    return 'Changed texts';
  }
  if (field === 'paid_at') return to === null ? 'Marked unpaid' : 'Marked paid';
  return null;
}

function valueText(
  field: string,
  value: string | number | null,
  timeZone?: string,
  currency?: string,
): string {
  if (value === null || value === '') return 'none';
  if (field === 'price' && typeof value === 'number') {
    return currency ? formatMoney(value, currency) : String(value);
  }
  if ((field === 'pickup_date' || field === 'pickup_window_end') && typeof value === 'string') {
    return Number.isNaN(Date.parse(value)) ? value : formatPickup(value, undefined, timeZone);
  }
  return String(value);
}
