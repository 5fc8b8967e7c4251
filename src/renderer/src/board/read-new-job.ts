import { newJobInputSchema } from '../../../shared/job';
import type { NewJobInput } from '../../../shared/job';
import { parseCurrency, parsePrice } from '../../../shared/money';
import { pickupProblem } from '../../../shared/pickup-checks';
import { instantFromLocalInput } from '../../../shared/zoned-time';

export type NewJobField = keyof typeof NEW_JOB_FIELDS;

/** The form's fields, by the name each input carries. */
export const NEW_JOB_FIELDS = {
  customer_name: 'Customer name',
  address: 'Address',
  pickup_date: 'Pickup',
  pickup_window_end: 'Until',
  price: 'Price',
  currency: 'Currency',
  phone: 'Phone',
  email: 'Email',
  service: 'Service',
  assigned_to: 'Assignee',
  notes: 'Notes (internal)',
} as const;

export type ReadNewJob =
  | { ok: true; input: NewJobInput }
  | {
      ok: false;
      errors: Partial<Record<NewJobField, string>>;
      /** The only problem is a pickup in the past: creating again keeps it. */
      pastOnly?: boolean;
    };

export interface ReadNewJobOptions {
  /** The business's zone: the pickup fields are wall-clock times there. */
  timeZone: string;
  now?: Date;
  /** The dispatcher confirmed a pickup in the past (recording one after the fact). */
  allowPast?: boolean;
}

/**
 * Reads the form into a new job and checks it with the same schema and helpers core applies,
 * so a problem is shown beside its field before anything is sent. Empty optional fields are
 * left out. Messages follow the field's label ("Price must be written as plain digits…").
 */
export function readNewJob(data: FormData, options: ReadNewJobOptions): ReadNewJob {
  const text = (name: NewJobField) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const instant = (name: NewJobField) =>
    instantFromLocalInput(text(name), options.timeZone)?.toISOString() ?? '';
  const errors: Partial<Record<NewJobField, string>> = {};
  const price = parsePrice(text('price'));
  if (!price.ok) errors.price = price.message;
  const currency = parseCurrency(text('currency') || 'USD');
  if (!currency.ok) errors.currency = currency.message;

  const input: NewJobInput = {
    customer_name: text('customer_name'),
    address: text('address'),
    pickup_date: instant('pickup_date'),
    price: price.ok ? price.amount : 0,
    currency: currency.ok ? currency.code : 'USD',
  };
  if (text('pickup_window_end')) input.pickup_window_end = instant('pickup_window_end');
  for (const field of ['phone', 'email', 'service', 'assigned_to', 'notes'] as const) {
    if (text(field)) input[field] = text(field);
  }
  const parsed = newJobInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in NEW_JOB_FIELDS) {
        errors[field as NewJobField] ??= issue.message;
      }
    }
  }
  let pastOnly = false;
  if (!errors.pickup_date && !errors.pickup_window_end) {
    const problem = pickupProblem(
      { start: input.pickup_date, end: input.pickup_window_end ?? null },
      options.now ?? new Date(),
      { allowPast: options.allowPast, timeZone: options.timeZone },
    );
    if (problem?.kind === 'past') {
      pastOnly = Object.keys(errors).length === 0;
      errors.pickup_date = 'is in the past. Press Create job again to keep it';
    } else if (problem) errors.pickup_window_end = 'must be after the pickup start';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, pastOnly };
  // The warning above is the form's; core decides (and refuses a past pickup not confirmed).
  return { ok: true, input: options.allowPast ? { ...input, allow_past_pickup: true } : input };
}
