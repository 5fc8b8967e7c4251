const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Money in major units, e.g. 600 USD → "$600.00" (en-US). One formatter per locale and
 * currency: building an Intl.NumberFormat per call was the board's costliest call per keystroke.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

/**
 * A pickup time as a dispatcher or customer reads it, e.g. "Fri, Nov 27, 1:00 PM" — with the
 * year when it is not this year's, so a mistyped year stands out.
 */
export function formatPickup(
  iso: string,
  locale?: string,
  timeZone?: string,
  now: Date = new Date(),
): string {
  const date = new Date(iso);
  const yearOf = (d: Date) =>
    new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(d);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: yearOf(date) === yearOf(now) ? undefined : 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

/**
 * "1:00 PM – 3:00 PM" style window, or just the start when no end is known. A window that ends
 * on another day (in the zone shown) names both dates, so an overnight pickup never reads as
 * ending before it starts.
 */
export function formatPickupWindow(
  start: string,
  end: string | undefined,
  locale?: string,
  timeZone?: string,
  now: Date = new Date(),
): string {
  const from = formatPickup(start, locale, timeZone, now);
  if (!end) return from;
  const dayOf = (iso: string) =>
    new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeZone }).format(new Date(iso));
  if (dayOf(start) !== dayOf(end)) return `${from} – ${formatPickup(end, locale, timeZone, now)}`;
  const to = new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(end));
  return `${from} – ${to}`;
}

/**
 * The pickup window as a text message gives it: formatPickupWindow's words with a hyphen for
 * the dash and plain spaces, "Fri, Nov 27, 1:00 PM - 3:00 PM". The en dash and the narrow
 * no-break space some ICU versions put before "PM" are outside GSM-7: one of them turns a text
 * into UCS-2 and can double what it costs (src/shared/sms-segments.ts counts that).
 */
export function formatTextWindow(
  start: string,
  end: string | undefined,
  locale?: string,
  timeZone?: string,
  now: Date = new Date(),
): string {
  return formatPickupWindow(start, end, locale, timeZone, now)
    .replace(/\s*[\u2013\u2014]\s*/g, ' - ')
    .replace(/[\u00a0\u2009\u202f]/g, ' ');
}

/** "Chicago" for America/Chicago: how a customer names a zone ("times in Chicago time"). */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}
