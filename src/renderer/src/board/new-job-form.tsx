import { useState } from 'react';
import type { FormEvent } from 'react';
import type { NewJobInput } from '../../../shared/job';
import { useBoardStore } from '../stores/board-store';

/** Reads the form into a new job; empty optional fields are left out rather than sent empty. */
function readForm(form: HTMLFormElement): NewJobInput {
  const data = new FormData(form);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const pickup = text('pickup');
  const input: NewJobInput = {
    customer_name: text('customer_name'),
    address: text('address'),
    pickup_date: pickup ? new Date(pickup).toISOString() : '',
    price: Number(text('price')),
    currency: text('currency') || 'USD',
  };
  for (const field of ['phone', 'email', 'notes'] as const) {
    if (text(field)) input[field] = text(field);
  }
  return input;
}

export function NewJobForm() {
  const createJob = useBoardStore((s) => s.createJob);
  const busy = useBoardStore((s) => Boolean(s.busy['']));
  const error = useBoardStore((s) => s.actionErrors['']);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const job = await createJob(readForm(form));
    if (job) {
      form.reset();
      setCreated(`Created ${job.customer_name}'s job.`);
    } else {
      setCreated(null);
    }
  }

  return (
    <form className="new-job" aria-labelledby="new-job-title" onSubmit={(e) => void submit(e)}>
      <h2 id="new-job-title">New job</h2>
      <label>
        Customer name
        <input name="customer_name" required autoComplete="off" />
      </label>
      <label>
        Address
        <input name="address" required autoComplete="off" />
      </label>
      <label>
        Pickup
        <input name="pickup" type="datetime-local" required />
      </label>
      <label>
        Price
        <input name="price" type="number" min="0" step="0.01" required inputMode="decimal" />
      </label>
      <label>
        Currency
        <input name="currency" defaultValue="USD" maxLength={3} size={4} />
      </label>
      <label>
        Phone
        <input name="phone" type="tel" autoComplete="off" />
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="off" />
      </label>
      <label className="wide">
        Notes (internal)
        <textarea name="notes" rows={2} />
      </label>
      <button type="submit" disabled={busy}>
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
