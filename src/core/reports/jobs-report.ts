import type { Job } from '../../shared/job';
import { addDays, dayKeyIn } from '../../shared/zoned-time';
import type { DayKey } from '../../shared/zoned-time';
import { finishedAt } from '../jobs/job-lifecycle';
import type {
  CompletedRow,
  JobsReport,
  ReportGroup,
  ReportRange,
  Revenue,
} from '../../shared/jobs/jobs-api';

/**
 * Jobs done and their revenue over a range of days (issue 17, Reports): pure over the jobs (the
 * board's and the archive's), the range and the business's zone, so the console's report view
 * and `qdn report` give the same numbers. A job counts on the day it was completed in that zone
 * — the history says when (job-lifecycle.ts `finishedAt`) — not on its pickup day: a job done a
 * day late, or rescheduled twice, is revenue the day the crew finished it, and the archive
 * files jobs by that same moment.
 */

// The report's shapes are the contract's (the console's Reports view reads them too).
export type {
  CompletedRow,
  JobsReport,
  ReportGroup,
  ReportRange,
  Revenue,
} from '../../shared/jobs/jobs-api';

/**
 * The range a report covers by default: the last 7 days, today included. Given only one end,
 * the other is today (`from`) or the 7 days up to it (`to`).
 */
export function reportRange(
  today: DayKey,
  given: { from?: DayKey; to?: DayKey } = {},
): ReportRange {
  const to = given.to ?? today;
  const from = given.from ?? addDays(given.to ?? today, -6);
  return { from, to };
}

/** More than any zone's distance from UTC (UTC−12 to UTC+14). */
const MARGIN_MS = 15 * 3_600_000;

/**
 * The completed jobs whose completion falls in the range, oldest first. A job on the board
 * and in the archive at once (an archive cut short) counts once: the first one given.
 */
export function completedRows(
  jobs: readonly Job[],
  range: ReportRange,
  timeZone: string,
): CompletedRow[] {
  const seen = new Set<string>();
  const rows: CompletedRow[] = [];
  // A coarse window first, in UTC: no zone is more than 14 hours from it, so a job outside it
  // is outside the range, and only the jobs in it pay for a zoned date (a month out of a year's
  // archive was 4× slower with every job formatted). The zone decides the rest.
  const first = Date.parse(`${range.from}T00:00:00Z`) - MARGIN_MS;
  const last = Date.parse(`${addDays(range.to, 1)}T00:00:00Z`) + MARGIN_MS;
  for (const job of jobs) {
    if (seen.has(job.job_id)) continue;
    seen.add(job.job_id);
    if (job.status !== 'completed') continue;
    const at = finishedAt(job);
    if (!at || !(at.getTime() >= first && at.getTime() < last)) continue;
    const date = dayKeyIn(at, timeZone);
    if (date < range.from || date > range.to) continue;
    rows.push({
      date,
      completed_at: at.toISOString(),
      job_id: job.job_id,
      customer: job.customer_name,
      service: job.service?.trim() || null,
      crew: job.assigned_to?.trim() || null,
      price: job.price,
      currency: job.currency,
    });
  }
  return rows.sort((a, b) => a.completed_at.localeCompare(b.completed_at));
}

/** The totals of a report, over `completedRows`. */
export function jobsReport(jobs: readonly Job[], range: ReportRange, timeZone: string): JobsReport {
  return reportOfRows(completedRows(jobs, range, timeZone), range, timeZone);
}

/** The totals of rows already chosen by `completedRows` for the range. */
export function reportOfRows(
  rows: readonly CompletedRow[],
  range: ReportRange,
  timeZone: string,
): JobsReport {
  return {
    range: { ...range, time_zone: timeZone },
    jobs_done: rows.length,
    revenue: revenueOf(rows),
    by_crew: groupsOf(rows, (row) => row.crew),
    by_service: groupsOf(rows, (row) => row.service),
  };
}

/**
 * Summed in cents: prices are decimal amounts with at most two decimals (shared/job.ts), and
 * adding 0.1 + 0.2 as floats gives 0.30000000000000004.
 */
function revenueOf(rows: readonly CompletedRow[]): Revenue {
  const cents = new Map<string, number>();
  for (const row of rows) {
    cents.set(row.currency, (cents.get(row.currency) ?? 0) + Math.round(row.price * 100));
  }
  const revenue: Revenue = {};
  for (const currency of [...cents.keys()].sort()) revenue[currency] = cents.get(currency)! / 100;
  return revenue;
}

/** Groups by most jobs done, then by name; the group of jobs with no name last. */
function groupsOf(
  rows: readonly CompletedRow[],
  nameOf: (row: CompletedRow) => string | null,
): ReportGroup[] {
  const groups = new Map<string | null, CompletedRow[]>();
  for (const row of rows) {
    const name = nameOf(row);
    const members = groups.get(name);
    if (members) members.push(row);
    else groups.set(name, [row]);
  }
  return [...groups]
    .map(([name, members]) => ({ name, jobs_done: members.length, revenue: revenueOf(members) }))
    .sort(
      (a, b) =>
        Number(a.name === null) - Number(b.name === null) ||
        b.jobs_done - a.jobs_done ||
        (a.name ?? '').localeCompare(b.name ?? ''),
    );
}
