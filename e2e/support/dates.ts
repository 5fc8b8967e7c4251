// Dates a story can use on any day it runs: the business's zone decides "today" and "this year".
const ZONE = 'America/Chicago';

/** This year in Chicago, e.g. 2026. */
export function chicagoYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: ZONE }).format(now));
}

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
