const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A deploy time as the dispatcher reads it: in the business's zone (where the board's pickup
 * times are), to the minute, with the zone's short name — "Dec 7, 2026, 2:05 PM CST" — so it
 * never reads as a Chicago time when the machine runs in another zone. One formatter per zone.
 */
export function formatWhen(iso: string, timeZone: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${locale ?? ''}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return format.format(date);
}
