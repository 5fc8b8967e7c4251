const formats = new Map<string, Intl.NumberFormat>();

/**
 * A price as the cards show it ("$600.00"), like shared formatMoney but with one formatter per
 * currency: building an Intl.NumberFormat per card was the board's costliest call per keystroke.
 */
export function cardMoney(amount: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format.format(amount);
}
