import { hasQuote, JOB_STATUSES, STATUS_LABELS } from '../../shared/status-flow';
import { isStatusEntry } from '../../shared/job';
import type { HistoryEntry, Job } from '../../shared/job';
import type { PublicStatus } from '../../shared/public-status';
import { greetingName } from '../../shared/greeting-name';

export { greetingName };

export interface BusinessProfile {
  name: string;
  phone?: string;
  /** IANA zone the business works in (e.g. America/Chicago). */
  time_zone?: string;
}

const TIMELINE_LENGTH = 6;

/** The customer-facing view of a job: an allow-list, never a copy with fields removed. */
export function toPublicStatus(job: Job, business: BusinessProfile): PublicStatus {
  const history = customerTimeline(job.history ?? [{ status: job.status, at: job.created_at }]);
  const pickup: PublicStatus['pickup'] = { start: job.pickup_date };
  if (job.pickup_window_end) pickup.end = job.pickup_window_end;
  const publicBusiness: PublicStatus['business'] = { name: business.name };
  if (business.phone) publicBusiness.phone = business.phone;
  if (business.time_zone) publicBusiness.time_zone = business.time_zone;
  const quote = job.status === 'requested' ? { quote_ready: isQuoted(job) } : {};
  return {
    schema: 1,
    first_name: greetingName(job.customer_name),
    status: job.status,
    status_label: STATUS_LABELS[job.status],
    pickup,
    // As entered: a customer must recognise the exact place ("Apt 4B, 2250 North Lincoln Ave").
    address: job.address.trim(),
    price: { amount: job.price, currency: job.currency },
    timeline: history.slice(-TIMELINE_LENGTH).map((h) => ({
      status: h.status,
      label: STATUS_LABELS[h.status],
      at: h.at,
      // The office's reason for a cancel is for the customer; a correction's reason is not.
      ...(h.status === 'canceled' && h.reason ? { reason: h.reason } : {}),
    })),
    business: publicBusiness,
    ...quote,
    ...(job.status === 'completed' ? { receipt: receiptOf(job) } : {}),
    updated_at: job.updated_at ?? job.created_at,
  };
}

/**
 * The steps a customer sees: status moves only (edits and link changes are the business's
 * own), with corrections folded in — after "Completed" was moved back to "On site", the page
 * shows the job on site (since it first got there), not "Completed" followed by "On site".
 */
export function customerTimeline(history: readonly HistoryEntry[]): HistoryEntry[] {
  const order = (status: HistoryEntry['status']) => JOB_STATUSES.indexOf(status);
  const steps: HistoryEntry[] = [];
  for (const entry of history) {
    if (!isStatusEntry(entry)) continue;
    const seen = steps.findIndex((step) => step.status === entry.status);
    if (seen !== -1) {
      steps.length = seen + 1;
      continue;
    }
    while (steps.length > 0) {
      const last = steps[steps.length - 1]!;
      if (last.status !== 'canceled' && order(last.status) < order(entry.status)) break;
      steps.pop();
    }
    steps.push(entry);
  }
  return steps;
}

/** What a finished job's receipt adds: the service agreed (when named) and paid or due. */
function receiptOf(job: Job): NonNullable<PublicStatus['receipt']> {
  const service = job.service?.trim();
  return service ? { service, paid: !!job.paid_at } : { paid: !!job.paid_at };
}

/** A quote is ready once the dispatcher saved one (the shared rule, status-flow.ts). */
const isQuoted = (job: Job): boolean => hasQuote(job);
