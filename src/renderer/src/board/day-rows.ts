import type { Job } from '../../../shared/job';
import { addDays, dayKeyOf, zonedInstant } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';

/** A column's list: a day's header, then that day's cards. */
export type BoardRow = DayHeaderRow | JobRow;
export interface DayHeaderRow {
  kind: 'day';
  /** The day (a DayKey: YYYY-MM-DD in the business's zone), or 'earlier' for open jobs of past days. */
  key: string;
  label: string;
  count: number;
  /** Open jobs whose day is over: shown first, marked, never hidden. */
  overdue: boolean;
}
export interface JobRow {
  kind: 'job';
  job: Job;
  /** The job's place in its column's list (the arrow keys and scrolling use it). */
  index: number;
  /** Its header is its pickup's day: the card's time of day is enough. */
  timeOnly: boolean;
}

const dayStarts = new Map<string, number>();
/**
 * The first instant of a day in the zone. Kept: a board of 5,000 jobs asks for the same hundred
 * days in every column on every change, and each answer costs several Intl calls.
 */
export function dayStartOf(key: DayKey, timeZone: string): number {
  const id = `${timeZone}|${key}`;
  let start = dayStarts.get(id);
  if (start === undefined) {
    start = zonedInstant(key, 0, 0, timeZone).getTime();
    if (dayStarts.size > 5_000) dayStarts.clear();
    dayStarts.set(id, start);
  }
  return start;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const instantDays = new Map<string, DayKey>();
/**
 * The day an instant falls on in the zone, kept per quarter hour: every zone's offset is a
 * whole number of quarter hours, so a day never starts inside one.
 */
function dayOfInstant(at: number, timeZone: string): DayKey {
  const id = `${timeZone}|${Math.floor(at / QUARTER_HOUR_MS)}`;
  let day = instantDays.get(id);
  if (day === undefined) {
    day = dayKeyOf(new Date(at), timeZone);
    if (instantDays.size > 50_000) instantDays.clear();
    instantDays.set(id, day);
  }
  return day;
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();
/** "Mon Dec 7" (with the year when it is not this year's): the parts a header needs, no commas. */
function dayName(key: DayKey, today: DayKey): string {
  const withYear = key.slice(0, 4) !== today.slice(0, 4);
  const id = withYear ? 'year' : 'day';
  let format = labelFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
      // The key is already the business's day: read at noon UTC it is that day everywhere.
      timeZone: 'UTC',
    });
    labelFormats.set(id, format);
  }
  return format
    .formatToParts(new Date(`${key}T12:00:00Z`))
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value)
    .join(' ');
}

const labels = new Map<string, string>();
/** A day's header as a dispatcher reads it: "Today · Mon Dec 7", "Tomorrow · …", "Wed Dec 9". */
export function dayLabel(key: DayKey, today: DayKey): string {
  const id = `${today}|${key}`;
  let label = labels.get(id);
  if (label === undefined) {
    const name = dayName(key, today);
    label =
      key === today
        ? `Today · ${name}`
        : key === addDays(today, 1)
          ? `Tomorrow · ${name}`
          : key === addDays(today, -1)
            ? `Yesterday · ${name}`
            : name;
    if (labels.size > 5_000) labels.clear();
    labels.set(id, label);
  }
  return label;
}

/**
 * A column's jobs under day headers in the business's zone. `jobs` come in the column's order:
 * open columns by pickup, earliest first, where open jobs of days already over go first under
 * one "Earlier" header; closed columns latest first. `dayInstant` is the instant whose day
 * counts (the pickup).
 * The zone is asked once per day, not once per job: at 5,000 jobs Intl is the slow part.
 */
export function dayRows(
  jobs: readonly Job[],
  order: 'open' | 'closed',
  dayInstant: (job: Job) => number,
  timeZone: string,
  now: Date = new Date(),
): BoardRow[] {
  const today = dayKeyOf(now, timeZone);
  const todayStart = dayStartOf(today, timeZone);
  const rows: BoardRow[] = [];
  let header: DayHeaderRow | null = null;
  // The current header's day, as instants: [start, end).
  let start = Infinity;
  let end = -Infinity;
  jobs.forEach((job, index) => {
    const at = dayInstant(job);
    if (!(at >= start && at < end)) {
      if (order === 'open' && at < todayStart) {
        start = -Infinity;
        end = todayStart;
        header = { kind: 'day', key: 'earlier', label: 'Earlier', count: 0, overdue: true };
      } else {
        const key = Number.isNaN(at) ? today : dayOfInstant(at, timeZone);
        start = dayStartOf(key, timeZone);
        end = dayStartOf(addDays(key, 1), timeZone);
        header = { kind: 'day', key, label: dayLabel(key, today), count: 0, overdue: false };
      }
      rows.push(header);
    }
    header!.count++;
    rows.push({ kind: 'job', job, index, timeOnly: !header!.overdue });
  });
  return rows;
}
