import type { HistoryEntry } from '../../../shared/job';
import { JOB_STATUSES, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { FIELD_LABELS } from './edit-model';
import type { JobField } from '../../../shared/jobs/job-edit';
import { formatMoney, formatPickupWindow } from '../../../shared/format';
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
): HistoryLine {
  const line = (what: string): HistoryLine => ({
    at: entry.at,
    what,
    by: text(entry.by),
    reason: text(entry.reason),
  });
  const to = STATUS_LABELS[entry.status];
  switch (entry.event) {
    case 'revoke':
      return line('Revoked the tracking link');
    case 'rotate':
      return line('Gave the job a new tracking link');
    case 'edit': {
      const fields = entry.fields ?? [];
      return line(fields.length ? `Edited ${fields.map(fieldName).join(', ')}` : 'Edited');
    }
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

/** The timeline, newest first. */
export function describeHistory(
  history: readonly HistoryEntry[] | undefined,
  timeZone?: string,
): HistoryLine[] {
  if (!history) return [];
  return history
    .map((entry, i) => describeEntry(entry, history[i - 1] ?? null, timeZone))
    .reverse();
}
