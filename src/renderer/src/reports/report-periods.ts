import type { ReportRange } from '../../../shared/jobs/jobs-api';
import { addDays, weekdayOf } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';

/** The spans the Reports view offers; `custom` is the dispatcher's own from/to. */
export type ReportPeriod = 'this-week' | 'last-week' | 'this-month' | 'last-month' | 'custom';

export const REPORT_PERIODS: readonly { id: ReportPeriod; label: string }[] = [
  { id: 'this-week', label: 'This week' },
  { id: 'last-week', label: 'Last week' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'custom', label: 'From – to' },
];

/**
 * The days a period covers, `today` being today in the business's zone. Weeks run Monday to
 * Sunday, as the board's week does (zoned-time.ts `weekdayOf`); a week or month still going
 * covers its days to come too, so the chart keeps its width and shows them empty. `custom`
 * is the last 7 days until the dispatcher picks.
 */
export function periodRange(period: Exclude<ReportPeriod, 'custom'>, today: DayKey): ReportRange {
  switch (period) {
    case 'this-week': {
      const monday = addDays(today, -weekdayOf(today));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'last-week': {
      const monday = addDays(today, -weekdayOf(today) - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'this-month':
      return monthOf(today);
    case 'last-month':
      return monthOf(addDays(`${today.slice(0, 7)}-01`, -1));
  }
}

function monthOf(day: DayKey): ReportRange {
  const first = `${day.slice(0, 7)}-01`;
  const [y, m] = first.split('-').map(Number) as [number, number];
  // Day 0 of the next month is this month's last day.
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: first, to: `${day.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** The range as a dispatcher reads it: "Mon, Dec 7 – Sun, Dec 13, 2026". */
export function rangeLabel(range: ReportRange): string {
  const format = (day: DayKey, withYear: boolean) =>
    new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
    });
  if (range.from === range.to) return format(range.from, true);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${format(range.from, !sameYear)} – ${format(range.to, true)}`;
}
