// Dates a story can use on any day it runs: the business's zone decides "today" and "this year".
import { chicagoYear } from '../../test/support/dates';

const ZONE = 'America/Chicago';

/**
 * A pickup at 3:00 PM Chicago time (21:00 UTC: late November is always standard time) on Nov 27
 * of next year: always in the future, so `qdn job add` takes it, and never this year, so the
 * console shows its year. `shown` is how the console writes it, e.g. "Sat, Nov 27, 2027, 3:00 PM".
 */
export function nextYearPickup(now: Date = new Date()): { iso: string; shown: string } {
  const year = chicagoYear(now) + 1;
  const iso = `${year}-11-27T21:00:00Z`;
  const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: ZONE }).format(
    new Date(iso),
  );
  return { iso, shown: `${weekday}, Nov 27, ${year}, 3:00 PM` };
}

/** The date `days` after today in Chicago, as `YYYY-MM-DD`: a story never books the past. */
export function chicagoDate(days: number, now: Date = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day as customers read it, "Thu, Dec 3", with the year when not this year's. */
export function dayLabel(date: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: date.startsWith(String(chicagoYear(now))) ? undefined : 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}
