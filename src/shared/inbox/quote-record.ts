import type { HistoryEntry } from '../job';

/**
 * What a quote history entry (`event: 'quote'`) keeps of the quote: the amount and the window
 * the customer was offered, so the panel's history can say what was quoted, and a re-quote
 * reads as a second offer rather than an unexplained change of price.
 */
export interface QuoteRecord {
  price: number;
  currency: string;
  pickup_date: string;
  pickup_window_end?: string;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The quote an entry records, or null when it records none. Read defensively: history entries
 * are loose (src/shared/job.ts), so a hand-edited or newer entry may hold anything.
 */
export function quoteOf(entry: HistoryEntry): QuoteRecord | null {
  if (entry.event !== 'quote') return null;
  const quote: unknown = entry.quote;
  if (typeof quote !== 'object' || quote === null) return null;
  const {
    price,
    currency,
    pickup_date: start,
    pickup_window_end: end,
  } = quote as Record<string, unknown>;
  if (typeof price !== 'number' || !Number.isFinite(price)) return null;
  if (!isText(currency) || !isText(start) || Number.isNaN(Date.parse(start))) return null;
  return {
    price,
    currency,
    pickup_date: start,
    ...(isText(end) && !Number.isNaN(Date.parse(end)) ? { pickup_window_end: end } : {}),
  };
}
