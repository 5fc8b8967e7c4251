import { currencyCodeSchema } from './settings/settings';

/**
 * Prices a dispatcher types (issue 8 §2). A price is money a business would charge for a
 * pickup: plain digits with at most two decimals — never `1e3`, `0x10`, `Infinity` or a
 * negative — and below an amount no junk-removal job reaches, so a slipped key is caught.
 */
export const MAX_PRICE = 1_000_000;
/**
 * Why a price above MAX_PRICE is refused. Digits grouped by hand: a first `toLocaleString`
 * starts ICU's number formatting, 25–45 ms of every `qdn` start-up when done at import.
 */
export const PRICE_TOO_HIGH = `is more than ${String(MAX_PRICE).replace(/\B(?=(\d{3})+$)/g, ',')}: check the amount`;

export type PriceParse = { ok: true; amount: number } | { ok: false; message: string };

/** Digits, optionally grouped by commas (1,200), optionally with up to two decimals. */
const PLAIN_AMOUNT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Reads a typed price ("600", "89.50", "1,200", "$75"); refuses anything a person did not mean. */
export function parsePrice(typed: string): PriceParse {
  const text = typed.trim().replace(/^\$\s*/, '');
  if (text === '') return { ok: false, message: 'is required' };
  if (text.startsWith('-')) return { ok: false, message: 'cannot be negative' };
  if (!PLAIN_AMOUNT.test(text)) {
    return { ok: false, message: 'must be written as plain digits, such as 600 or 89.50' };
  }
  const [, decimals = ''] = text.split('.');
  if (decimals.length > 2) return { ok: false, message: 'must have at most 2 decimals' };
  const amount = Number(text.replace(/,/g, ''));
  const problem = priceProblem(amount);
  return problem ? { ok: false, message: problem } : { ok: true, amount };
}

/** Why a numeric price is not one a business would mean, or null. */
export function priceProblem(amount: number): string | null {
  if (!Number.isFinite(amount)) return 'must be a number';
  if (amount < 0) return 'cannot be negative';
  if (Math.abs(Math.round(amount * 100) - amount * 100) >= 1e-6) {
    return 'must have at most 2 decimals';
  }
  if (amount > MAX_PRICE) {
    return PRICE_TOO_HIGH;
  }
  return null;
}

/** The ISO 4217 code for a typed currency ("usd" → "USD"), or why it is not one. */
export function parseCurrency(
  typed: string,
): { ok: true; code: string } | { ok: false; message: string } {
  const parsed = currencyCodeSchema.safeParse(typed);
  if (parsed.success) return { ok: true, code: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'is not a currency code' };
}
