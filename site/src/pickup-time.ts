/*
 * The public pages' compact copy of the console's time and money rules (src/shared/format.ts):
 * the tracking page's byte budget cannot afford the general version. test/site/pickup-time.test.ts
 * holds the two equal across zones, years and overnight windows.
 */

type Zone = string | undefined;

// `[]` names no locale, as `undefined` would: the phone's own, in fewer bytes.
const part = (iso: string | Date, timeZone: Zone, options: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat([], { ...options, timeZone }).format(new Date(iso));

/** The time of day, alone or after the date. */
const HOUR_MINUTE: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** "Fri, Nov 27, 1:00 PM" in the business's zone, with the year when it is not this year's. */
export const pickupTime = (iso: string, zone: Zone, now: Date = new Date()): string => {
  const year: Intl.DateTimeFormatOptions = { year: 'numeric' };
  return part(iso, zone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...HOUR_MINUTE,
    ...(part(iso, zone, year) === part(now, zone, year) ? {} : year),
  });
};

/** "10:12 AM" in the business's zone: the time of day of a step taken today. */
export const clock = (iso: string, zone: Zone): string => part(iso, zone, HOUR_MINUTE);

/** "…, 1:00 PM – 3:00 PM"; a window that ends on another day names both dates. */
export const pickupWindow = (
  start: string,
  end: string | undefined,
  zone: Zone,
  now?: Date,
): string => {
  const from = pickupTime(start, zone, now);
  const day: Intl.DateTimeFormatOptions = { dateStyle: 'short' };
  if (!end) return from;
  return (
    from +
    ' – ' +
    (part(start, zone, day) === part(end, zone, day)
      ? clock(end, zone)
      : pickupTime(end, zone, now))
  );
};

/** "Times in Chicago time" for America/Chicago. */
export const zoneNote = (zone: string): string =>
  'Times in ' + zone.replace(/.*\//, '').replace(/_/g, ' ') + ' time';

export const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat([], { style: 'currency', currency }).format(amount);
