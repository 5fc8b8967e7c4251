// Dates a test can use on any day it runs: the business's zone (Chicago) decides "this year".
const ZONE = 'America/Chicago';

/** This year in Chicago, e.g. 2026. */
export function chicagoYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: ZONE }).format(now));
}

/**
 * An instant on Nov 27 of next year (Chicago), `time` in UTC, e.g. `nextYear('21:00:00Z')`:
 * always in the future, so `qdn job add` takes it, and never this year, so it is shown with its
 * year. Late November is standard time in Chicago (UTC−6): 21:00Z is 3:00 PM there.
 */
export function nextYear(time: string, now: Date = new Date()): string {
  return `${chicagoYear(now) + 1}-11-27T${time}`;
}

/** How an en-US reader sees the weekday and date of `iso` in Chicago, e.g. "Sat, Nov 27, 2027". */
export function chicagoDay(iso: string): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: ZONE,
  }).format(new Date(iso));
}
