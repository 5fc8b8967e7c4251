import { newJobInputSchema } from '../../../shared/job';
import type { NewRequestInput } from '../../../shared/jobs/jobs-api';
import { pickupProblem } from '../../../shared/pickup-checks';
import { instantFromLocalInput } from '../../../shared/zoned-time';

/** The New request form's fields, by the name each input carries, and the label it shows. */
export const NEW_REQUEST_FIELDS = {
  customer_name: 'Customer name',
  phone: 'Phone',
  address: 'Address',
  service: 'What to haul',
  pickup_date: 'Preferred pickup',
  pickup_window_end: 'Until',
  notes: 'Notes (internal)',
} as const;
export type NewRequestField = keyof typeof NEW_REQUEST_FIELDS;

export type ReadNewRequest =
  | { ok: true; input: NewRequestInput }
  | { ok: false; errors: Partial<Record<NewRequestField, string>> };

/**
 * Reads the New request form into a lead: a new job's fields but the price, which its quote
 * sets. Checked by the schema and the pickup rule core applies (src/core/jobs/lead-change.ts
 * adds the lead as a job of price 0), so a problem shows beside its field before anything is
 * sent. Pickup times are wall-clock times in the business's zone; empty optional fields are
 * left out.
 */
export function readNewRequest(
  data: FormData,
  timeZone: string,
  now: Date = new Date(),
): ReadNewRequest {
  const text = (name: NewRequestField) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const instant = (name: NewRequestField) =>
    instantFromLocalInput(text(name), timeZone)?.toISOString() ?? '';
  const input: NewRequestInput = {
    customer_name: text('customer_name'),
    address: text('address'),
    pickup_date: instant('pickup_date'),
  };
  if (text('pickup_window_end')) input.pickup_window_end = instant('pickup_window_end');
  for (const field of ['phone', 'service', 'notes'] as const) {
    if (text(field)) input[field] = text(field);
  }
  const errors: Partial<Record<NewRequestField, string>> = {};
  const parsed = newJobInputSchema.safeParse({ ...input, price: 0 });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in NEW_REQUEST_FIELDS) {
        errors[field as NewRequestField] ??= issue.message;
      }
    }
  }
  if (!errors.pickup_date && !errors.pickup_window_end) {
    const problem = pickupProblem(
      { start: input.pickup_date, end: input.pickup_window_end ?? null },
      now,
      { timeZone },
    );
    if (problem?.kind === 'past') errors.pickup_date = 'is in the past';
    else if (problem) errors.pickup_window_end = 'must be after the pickup start';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
