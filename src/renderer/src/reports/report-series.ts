import type { CompletedRow, ReportRange, Revenue } from '../../../shared/jobs/jobs-api';
import { formatMoney } from '../../../shared/format';
import { addDays } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';

/** Per day of a range, every day present (a day with no job done is a zero, not a gap). */
export interface DailySeries {
  days: DayKey[];
  jobs: number[];
  /** Revenue in `currency` only: amounts in different currencies are never added. */
  revenue: number[];
  currency: string;
}

/**
 * The chart's numbers. `currency` is the one the chart draws — the business's, or, when none
 * of the range's jobs were priced in it, the first the report has.
 */
export function dailySeries(
  rows: readonly CompletedRow[],
  range: ReportRange,
  currency: string,
): DailySeries {
  const days: DayKey[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  const index = new Map(days.map((day, i) => [day, i]));
  const jobs = days.map(() => 0);
  const cents = days.map(() => 0);
  for (const row of rows) {
    const i = index.get(row.date);
    if (i === undefined) continue;
    jobs[i]! += 1;
    // In cents, as core sums them (core/reports/jobs-report.ts): 0.1 + 0.2 is not 0.3 in floats.
    if (row.currency === currency) cents[i]! += Math.round(row.price * 100);
  }
  return { days, jobs, revenue: cents.map((c) => c / 100), currency };
}

/** The currency the chart draws: the business's if the report has it, else its first. */
export function chartCurrency(revenue: Revenue, businessCurrency: string): string {
  if (businessCurrency in revenue) return businessCurrency;
  return Object.keys(revenue)[0] ?? businessCurrency;
}

/** "$1,234.00 + CA$89.99", or "—" for no revenue. Currencies stay apart. */
export function revenueText(revenue: Revenue): string {
  const parts = Object.entries(revenue).map(([code, amount]) => formatMoney(amount, code));
  return parts.length > 0 ? parts.join(' + ') : '—';
}

/** The day under the chart: "Tue 8" for a week or a month, "Dec 8" when longer. */
export function dayTick(day: DayKey, spanDays: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  return spanDays <= 31
    ? `${date.toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short' })} ${date.getUTCDate()}`
    : date.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
}

/** The chart said in words, for a screen reader (the canvas alone says nothing). */
export function seriesSummary(series: DailySeries): string {
  const total = series.jobs.reduce((a, b) => a + b, 0);
  if (total === 0) return 'No jobs done on these days.';
  let best = 0;
  for (let i = 1; i < series.days.length; i++) {
    if (series.revenue[i]! > series.revenue[best]!) best = i;
  }
  const bestDay = new Date(`${series.days[best]}T12:00:00Z`).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'short',
    day: 'numeric',
  });
  return (
    `Revenue in ${series.currency} per day over ${series.days.length} days; ` +
    `the most on ${bestDay}: ${formatMoney(series.revenue[best]!, series.currency)}, ` +
    `${series.jobs[best]} ${series.jobs[best] === 1 ? 'job' : 'jobs'}.`
  );
}

/** The bookkeeper's file name for a range. */
export function csvFileName(range: ReportRange): string {
  return `jobs-done-${range.from}-to-${range.to}.csv`;
}

/**
 * The CSV as a file to download. A byte-order mark first: Excel reads a CSV without one in the
 * machine's legacy code page, and "González" would open as "GonzÃ¡lez".
 */
export function csvFileBody(csv: string): string {
  return `\uFEFF${csv}`;
}
