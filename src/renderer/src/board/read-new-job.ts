import { newJobInputSchema } from '../../../shared/job';
import type { NewJobInput } from '../../../shared/job';

export type NewJobField = keyof typeof NEW_JOB_FIELDS;

/** The form's fields, by the name each input carries. */
export const NEW_JOB_FIELDS = {
  customer_name: 'Customer name',
  address: 'Address',
  pickup_date: 'Pickup',
  price: 'Price',
  currency: 'Currency',
  phone: 'Phone',
  email: 'Email',
  notes: 'Notes (internal)',
} as const;

export type ReadNewJob =
  { ok: true; input: NewJobInput } | { ok: false; errors: Partial<Record<NewJobField, string>> };

/**
 * Reads the form into a new job and checks it with the same schema core applies, so a problem
 * is shown beside its field before anything is sent. Empty optional fields are left out.
 */
export function readNewJob(data: FormData): ReadNewJob {
  const text = (name: NewJobField) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const pickup = new Date(text('pickup_date'));
  const input: NewJobInput = {
    customer_name: text('customer_name'),
    address: text('address'),
    // datetime-local is the laptop's local time; the job stores the instant.
    pickup_date: Number.isNaN(pickup.getTime()) ? '' : pickup.toISOString(),
    price: text('price') === '' ? Number.NaN : Number(text('price')),
    currency: text('currency') || 'USD',
  };
  for (const field of ['phone', 'email', 'notes'] as const) {
    if (text(field)) input[field] = text(field);
  }
  const parsed = newJobInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input };
  const errors: Partial<Record<NewJobField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in NEW_JOB_FIELDS) {
      errors[field as NewJobField] ??= issue.message;
    }
  }
  return { ok: false, errors };
}
