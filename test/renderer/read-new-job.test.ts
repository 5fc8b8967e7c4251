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
  price: '600',
  currency: 'usd',
  phone: '',
  email: '',
  notes: '',
};

describe('readNewJob', () => {
  it('reads a filled form into a new job, leaving empty optional fields out', () => {
    const read = readNewJob(form(MARK));
    expect(read).toEqual({
      ok: true,
      input: {
        customer_name: 'Mark',
        address: 'Soderblom Ave',
        pickup_date: new Date('2026-11-27T13:00').toISOString(),
        price: 600,
        currency: 'usd',
      },
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
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        customer_name: 'is required',
        pickup_date: 'needs a date and time',
        price: 'must be a number',
        currency: 'must be a 3-letter currency code',
        email: 'is not an email address',
      },
    });
  });

  it('refuses a negative price and a third decimal', () => {
    expect(readNewJob(form({ ...MARK, price: '-5' }))).toMatchObject({
      errors: { price: 'cannot be negative' },
    });
    expect(readNewJob(form({ ...MARK, price: '1.001' }))).toMatchObject({
      errors: { price: 'must have at most 2 decimals' },
    });
  });
});
