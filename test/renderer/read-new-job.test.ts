import { describe, expect, it } from 'vitest';
import { readNewJob } from '../../src/renderer/src/board/read-new-job';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const MARK = {
  customer_name: ' Mark ',
  address: 'Soderblom Ave',
  pickup_date: '2026-11-27T13:00',
  pickup_window_end: '',
  price: '600',
  currency: 'usd',
  phone: '',
  email: '',
  service: '',
  assigned_to: '',
  notes: '',
};
// The business is in Chicago; the laptop may be anywhere.
const CHICAGO = { timeZone: 'America/Chicago', now: new Date('2026-11-20T12:00:00Z') };

describe('readNewJob', () => {
  it('reads a filled form into a new job, pickup as Chicago wall-clock time', () => {
    const read = readNewJob(form(MARK), CHICAGO);
    expect(read).toEqual({
      ok: true,
      input: {
        customer_name: 'Mark',
        address: 'Soderblom Ave',
        pickup_date: '2026-11-27T19:00:00.000Z',
        price: 600,
        currency: 'USD',
      },
    });
  });

  it('keeps the window end, service and assignee', () => {
    const read = readNewJob(
      form({ ...MARK, pickup_window_end: '2026-11-27T15:00', service: 'Sofa', assigned_to: 'Tom' }),
      CHICAGO,
    );
    expect(read).toMatchObject({
      ok: true,
      input: { pickup_window_end: '2026-11-27T21:00:00.000Z', service: 'Sofa', assigned_to: 'Tom' },
    });
  });

  it('names each field at fault in words a dispatcher reads', () => {
    const read = readNewJob(
      form({
        ...MARK,
        customer_name: '  ',
        pickup_date: '',
        price: '',
        currency: 'US',
        email: 'x',
      }),
      CHICAGO,
    );
    expect(read).toMatchObject({
      ok: false,
      errors: {
        customer_name: 'is required',
        pickup_date: 'needs a date and time',
        price: 'is required',
        currency: expect.stringContaining('3-letter currency code'),
        email: 'is not an email address',
      },
    });
  });

  it('refuses prices and currencies a business would never mean', () => {
    for (const price of ['1e3', '0x10', '-5', '1.001']) {
      const read = readNewJob(form({ ...MARK, price }), CHICAGO);
      expect(read.ok, price).toBe(false);
      expect(read.ok ? null : read.errors.price, price).toBeTruthy();
    }
    expect(readNewJob(form({ ...MARK, currency: 'XYZ' }), CHICAGO)).toMatchObject({
      errors: { currency: 'is not an ISO 4217 currency code' },
    });
  });

  it('warns about a pickup in the past, and keeps it when the dispatcher confirms', () => {
    const later = { ...CHICAGO, now: new Date('2026-12-01T00:00:00Z') };
    expect(readNewJob(form(MARK), later)).toMatchObject({
      ok: false,
      pastOnly: true,
      errors: { pickup_date: expect.stringContaining('in the past') },
    });
    expect(readNewJob(form(MARK), { ...later, allowPast: true }).ok).toBe(true);
  });

  it('sends the confirmation with the job: core, not the form, keeps a past pickup', () => {
    const later = { ...CHICAGO, now: new Date('2026-12-01T00:00:00Z') };
    const kept = readNewJob(form(MARK), { ...later, allowPast: true });
    expect(kept.ok ? kept.input.allow_past_pickup : null).toBe(true);
    const plain = readNewJob(form(MARK), CHICAGO);
    expect(plain.ok ? plain.input : null).not.toHaveProperty('allow_past_pickup');
  });

  it('refuses a window that ends before it starts', () => {
    expect(
      readNewJob(form({ ...MARK, pickup_window_end: '2026-11-27T12:00' }), CHICAGO),
    ).toMatchObject({ errors: { pickup_window_end: 'must be after the pickup start' } });
  });
});
