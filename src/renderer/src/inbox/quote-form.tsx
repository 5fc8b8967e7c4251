import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Job } from '../../../shared/job';
import { formatMoney, formatPickupWindow, zoneCity } from '../../../shared/format';
import { qdn } from '../qdn';
import { useWorkspaceStore } from '../stores/workspace-store';
import { useInboxStore } from './inbox-store';
import { useSettings } from '../settings/use-settings';
import { fromZonedInput, toZonedInput } from '../../../shared/zoned-time';
import { quotePath } from '../../../shared/site-keys';

/** `<public base>/book/<token>`: where the customer confirms the quote. */
export function quoteUrl(publicBaseUrl: string, token: string): string {
  return new URL(quotePath(encodeURIComponent(token)), publicBaseUrl).toString();
}

/** The text a dispatcher sends with a quote: the window in the business's zone, as the page shows it. */
export function quoteSms(job: Job, link: string, business: string, timeZone: string): string {
  const when = formatPickupWindow(job.pickup_date, job.pickup_window_end, undefined, timeZone);
  return `${business}: your pickup quote is ${formatMoney(job.price, job.currency)} for ${when} (${zoneCity(timeZone)} time). Confirm here: ${link}`;
}

/** A text field's value ('' for none or a file). */
const field = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * For a requested job (in its panel): set price and window — typed on the business's clocks,
 * not the machine's — then copy the quote link or its SMS text.
 */
export function QuoteForm({ job }: { job: Job }) {
  const { business } = useSettings();
  const timeZone = business.time_zone;
  const toIso = (local: string) => fromZonedInput(local, timeZone);
  const toLocal = (iso: string | undefined) => toZonedInput(iso, timeZone);
  const quote = useInboxStore((s) => s.quote);
  const base = useWorkspaceStore((s) => s.info?.publicBaseUrl);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const quoted = typeof job.quoted_at === 'string';
  const link = base ? quoteUrl(base, job.tracking_token) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const end = toIso(field(data, 'end'));
    const problem = await quote(job.job_id, {
      price: Number(data.get('price')),
      pickup_date: toIso(field(data, 'start')),
      ...(end ? { pickup_window_end: end } : {}),
    });
    setMessage(problem ?? 'Quote saved. Copy the link or the text for the customer.');
    if (!problem) setOpen(false);
  }

  async function copy(text: string, what: string) {
    try {
      await qdn.copyText(text);
      setMessage(`${what} copied.`);
    } catch {
      setMessage(`Could not copy the ${what.toLowerCase()}.`);
    }
  }

  return (
    <div className="quote">
      {!open && (
        <button type="button" onClick={() => setOpen(true)}>
          {quoted ? 'Change quote' : 'Quote'}
        </button>
      )}
      {quoted && link && !open && (
        <>
          <button type="button" className="secondary" onClick={() => void copy(link, 'Quote link')}>
            Copy quote link
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void copy(quoteSms(job, link, business.name, timeZone), 'Quote text')}
          >
            Copy quote text
          </button>
        </>
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
