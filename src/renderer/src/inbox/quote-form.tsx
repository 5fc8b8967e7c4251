import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Job } from '../../../shared/job';
import { zoneCity } from '../../../shared/format';
import { useInboxStore } from './inbox-store';
import { useSettings } from '../settings/use-settings';
import { fromZonedInput, toZonedInput } from '../../../shared/zoned-time';
import { hasQuote } from '../../../shared/status-flow';

/** A text field's value ('' for none or a file). */
const field = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * For a requested job (in its panel): set price and window — typed on the business's clocks,
 * not the machine's. The quote link and its text are offered below it, where the customer's
 * link always stands (src/renderer/src/job-detail/messages-section.tsx).
 */
export function QuoteForm({ job }: { job: Job }) {
  const { business } = useSettings();
  const timeZone = business.time_zone;
  const toIso = (local: string) => fromZonedInput(local, timeZone);
  const toLocal = (iso: string | undefined) => toZonedInput(iso, timeZone);
  const quote = useInboxStore((s) => s.quote);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const quoted = hasQuote(job);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const end = toIso(field(data, 'end'));
    const problem = await quote(job.job_id, {
      price: Number(data.get('price')),
      pickup_date: toIso(field(data, 'start')),
      ...(end ? { pickup_window_end: end } : {}),
    });
    setMessage(problem ?? 'Quote saved: send the customer the quote link or text below.');
    if (!problem) setOpen(false);
  }

  return (
    <div className="quote">
      {!open && (
        <button type="button" onClick={() => setOpen(true)}>
          {quoted ? 'Change quote' : 'Quote'}
        </button>
      )}
      {open && (
        <form onSubmit={(e) => void submit(e)} aria-label={`Quote for ${job.customer_name}`}>
          <label>
            Price
            <input
              name="price"
              type="number"
              min="1"
              step="0.01"
              required
              defaultValue={job.price || ''}
            />
          </label>
          <label>
            Pickup from ({zoneCity(timeZone)} time)
            <input
              name="start"
              type="datetime-local"
              required
              defaultValue={toLocal(job.pickup_date)}
            />
          </label>
          <label>
            Until
            <input name="end" type="datetime-local" defaultValue={toLocal(job.pickup_window_end)} />
          </label>
          <button type="submit">Save quote</button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      <p className="feedback" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
