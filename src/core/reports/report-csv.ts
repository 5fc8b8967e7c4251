import type { CompletedRow } from './jobs-report';

/**
 * The bookkeeper's file: one row per completed job, with a header row, quoted as RFC 4180 says
 * (CRLF between records; a field holding a comma, a quote or a line break in double quotes,
 * its quotes doubled). Quoted by hand: a few lines, and no CSV library is a dependency.
 */
export const CSV_HEADER = ['date', 'customer', 'service', 'crew', 'price', 'currency'] as const;

export function reportCsv(rows: readonly CompletedRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.date,
        text(row.customer),
        text(row.service ?? ''),
        text(row.crew ?? ''),
        amount(row.price, row.currency),
        row.currency,
      ]
        .map(quoted)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function quoted(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A typed name opened in a spreadsheet: one that starts like a formula (=, +, -, @) would run
 * as one — and names reach jobs from the public booking form — so it starts with a quote
 * mark instead, which spreadsheets show as text (OWASP's advice on CSV injection).
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The price with its currency's decimals (600.00 USD, 1200 JPY), never rounded away. */
function amount(price: number, currency: string): string {
  const fixed = price.toFixed(minorDigits(currency));
  return Number(fixed) === price ? fixed : price.toFixed(2);
}

const digits = new Map<string, number>();
function minorDigits(currency: string): number {
  let n = digits.get(currency);
  if (n === undefined) {
    try {
      n =
        new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      n = 2; // a code ICU does not know: two decimals, as most currencies have
    }
    digits.set(currency, n);
  }
  return n;
}
