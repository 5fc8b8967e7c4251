import { describe, expect, it } from 'vitest';
import { readNewRequest } from '../../src/renderer/src/inbox/read-new-request';
import { newRequestInputSchema } from '../../src/shared/jobs/jobs-args';

// Issue 17 §5: the console's New request (a phoned-in lead) reads its form as the contract's
// createRequest takes it — no price, times on the business's clocks — and says beside each
// field what core would refuse, before anything is sent.

const TZ = 'America/Chicago';
const NOW = new Date('2030-11-20T15:00:00Z');

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('readNewRequest', () => {
  it('reads a lead with no price, its window in the business’s zone, empty fields left out', () => {
    const read = readNewRequest(
      form({
        customer_name: ' Priya Nair ',
        phone: '+1 312 555 0142',
        address: '2250 N Lincoln Ave',
        service: '',
        pickup_date: '2030-11-27T13:00',
        pickup_window_end: '2030-11-27T17:00',
        notes: '',
      }),
      TZ,
      NOW,
    );
    expect(read).toEqual({
      ok: true,
      input: {
        customer_name: 'Priya Nair',
        phone: '+1 312 555 0142',
        address: '2250 N Lincoln Ave',
        pickup_date: '2030-11-27T19:00:00.000Z',
        pickup_window_end: '2030-11-27T23:00:00.000Z',
      },
    });
    // What it sends is what the contract takes on arrival.
    if (read.ok) expect(newRequestInputSchema.safeParse(read.input).success).toBe(true);
  });

  it('says beside each field what is missing or wrong', () => {
    const read = readNewRequest(form({ customer_name: ' ', pickup_date: '' }), TZ, NOW);
    expect(read).toEqual({
      ok: false,
      errors: {
        customer_name: 'is required',
        address: 'is required',
        pickup_date: 'needs a date and time',
      },
    });
    const past = readNewRequest(
      form({ customer_name: 'A', address: 'B', pickup_date: '2030-11-19T13:00' }),
      TZ,
      NOW,
    );
    expect(past).toEqual({ ok: false, errors: { pickup_date: 'is in the past' } });
    const backwards = readNewRequest(
      form({
        customer_name: 'A',
        address: 'B',
        pickup_date: '2030-11-27T13:00',
        pickup_window_end: '2030-11-27T12:00',
      }),
      TZ,
      NOW,
    );
    expect(backwards).toEqual({
      ok: false,
      errors: { pickup_window_end: 'must be after the pickup start' },
    });
  });
});
