import type { Job } from '../../../shared/job';

/**
 * What the search reads of a job and of a query: one normal form for both sides, so that
 * "jose" finds "José" and "$350" finds a price of 350.
 */

/**
 * The fields of a job the word index holds. The phone and the job id are matched apart, by
 * their digits or characters anywhere in them (job-search.ts): as words they would only add
 * two terms per job that no one types from the start.
 */
export const SEARCH_FIELDS = [
  'customer_name',
  'address',
  'service',
  'notes',
  'assigned_to',
  'price',
  'email',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchDocument = { id: string } & Record<SearchField, string>;

/** Shared with finding a job by name (the link doctor, in the console and the CLI). */
export { normalizeTerm } from '../../../shared/normalize-term';

/** Spaces, punctuation and symbols ("+", "$", "@") split words. */
const WORD_BREAK = /[\s\p{P}\p{Z}\p{S}]+/u;
/** A price as typed: "350", "$350", "350.00", "$1,200.5" — and what it is as you type it. */
const MONEY = /^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{0,2}))?$/;

/** A price's terms: "350" and "350.00" for 350; "350.5" and "350.50" for 350.5. */
export function priceTerms(price: number): string[] {
  const fixed = price.toFixed(2);
  const short = fixed.replace(/\.?0+$/, '') || '0';
  return short === fixed ? [fixed] : [short, fixed];
}

/** Digits alone: how a phone number is compared, whatever the spacing it was typed with. */
export const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The text of each indexed field, a price as its terms. */
export function searchDocumentOf(job: Job): SearchDocument {
  return {
    id: job.job_id,
    customer_name: job.customer_name,
    address: job.address,
    service: job.service ?? '',
    notes: job.notes ?? '',
    assigned_to: job.assigned_to ?? '',
    price: priceTerms(job.price).join(' '),
    email: job.email ?? '',
  };
}

/** Everything a job is searched by, in one string: equal strings, equal index entries. */
export function signatureOf(doc: SearchDocument, phone: string | undefined): string {
  return `${SEARCH_FIELDS.map((f) => doc[f]).join('\u0000')}\u0000${phone ?? ''}`;
}

/**
 * Splits text into words for the index and for the query alike. A price stays one word
 * ("350.00", "$350" → "350"), so that its cents are not a word of their own that could match
 * anything else.
 */
export function tokenize(text: string): string[] {
  // Text with no price in it (most of it) is split in one go.
  if (!/\$|\d[.,]\d/.test(text)) return text.split(WORD_BREAK).filter(Boolean);
  const words: string[] = [];
  for (const chunk of text.split(/\s+/)) {
    if (!chunk) continue;
    // "$350," in a note is still a price: what ends a sentence is not part of it.
    const money = moneyOf(chunk.replace(/[,;:!?)]+$/, ''));
    if (money !== null && /[$.]/.test(chunk)) {
      words.push(money);
      continue;
    }
    for (const word of chunk.split(WORD_BREAK)) if (word) words.push(word);
  }
  return words;
}

/**
 * A price as typed, in the form priceTerms writes ("$1,200.5" → "1200.5", "350." → "350"), or
 * null when the text is not one.
 */
export function moneyOf(text: string): string | null {
  const m = MONEY.exec(text.trim());
  if (!m) return null;
  const whole = m[1]!.replace(/,/g, '');
  return m[2] ? `${whole}.${m[2]}` : whole;
}

export type QueryKind =
  /** "$350", "350.00": a price and nothing else. */
  | { kind: 'price'; price: string }
  /** "312 555 7788", "0142": a number, matched by its digits as well as its words. */
  | { kind: 'number'; digits: string }
  | { kind: 'words' };

/**
 * What the dispatcher typed. A query of digits and separators is one number, not several
 * words: "312 555 7788" must not find another 312-555 customer whose random job id happens to
 * hold "7788".
 */
export function kindOfQuery(query: string): QueryKind {
  const typed = query.trim();
  const price = moneyOf(typed);
  if (price !== null && /[$.,]/.test(typed)) return { kind: 'price', price };
  const digits = digitsOf(typed);
  if (digits.length >= 3 && /^[\d\s()+.-]+$/.test(typed)) return { kind: 'number', digits };
  return { kind: 'words' };
}
