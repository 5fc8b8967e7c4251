import { describe, expect, it } from 'vitest';
import { MAX_PRICE, parseCurrency, parsePrice, priceProblem } from '../../src/shared/money';
import { newJobInputSchema } from '../../src/shared/job';

describe('typed prices (issue 8 §2)', () => {
  it.each([
    ['600', 600],
    [' 89.50 ', 89.5],
    ['1,200', 1200],
    ['$75', 75],
    ['0', 0],
    ['0.5', 0.5],
  ])('reads %j as %d', (typed, amount) => {
    expect(parsePrice(typed)).toEqual({ ok: true, amount });
  });

  it.each([
    ['1e3', 'must be written as plain digits'],
    ['0x10', 'must be written as plain digits'],
    ['Infinity', 'must be written as plain digits'],
    ['NaN', 'must be written as plain digits'],
    ['six', 'must be written as plain digits'],
    ['1,20', 'must be written as plain digits'],
    ['.5', 'must be written as plain digits'],
    ['-5', 'cannot be negative'],
    ['600.001', 'must have at most 2 decimals'],
    ['5000000', 'check the amount'],
    ['', 'is required'],
  ])('refuses %j: %s', (typed, message) => {
    const parsed = parsePrice(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('checks numbers the same way as the schema does', () => {
    expect(priceProblem(MAX_PRICE)).toBeNull();
    expect(priceProblem(MAX_PRICE + 1)).toBe(
      `is more than ${MAX_PRICE.toLocaleString('en-US')}: check the amount`,
    );
    expect(priceProblem(Number.NaN)).toBe('must be a number');
    const input = { customer_name: 'A', address: 'B', pickup_date: '2030-01-01T10:00:00Z' };
    const tooHigh = newJobInputSchema.safeParse({ ...input, price: MAX_PRICE + 1 });
    expect(tooHigh.error?.issues[0]?.message).toBe(priceProblem(MAX_PRICE + 1));
    expect(newJobInputSchema.safeParse({ ...input, price: 600 }).success).toBe(true);
  });

  it('takes real ISO 4217 currencies only', () => {
    expect(parseCurrency(' eur ')).toEqual({ ok: true, code: 'EUR' });
    expect(parseCurrency('XYZ')).toEqual({
      ok: false,
      message: 'is not an ISO 4217 currency code',
    });
    expect(parseCurrency('dollars').ok).toBe(false);
    const input = {
      customer_name: 'A',
      address: 'B',
      pickup_date: '2030-01-01T10:00:00Z',
      price: 1,
    };
    expect(newJobInputSchema.safeParse({ ...input, currency: 'XYZ' }).success).toBe(false);
    expect(newJobInputSchema.parse({ ...input, currency: 'cad' }).currency).toBe('CAD');
  });
});
