import type { Job } from '../../../shared/job';
import type { CrewMember } from '../../../shared/settings/settings';
import { addDays, localInputOf, weekdayOf, zonedInstant } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';
import { pickupDayOf } from '../find/filter-jobs';

/** The business day the axis shows at least, in minutes after midnight: 7 AM–7 PM. */
export const BUSINESS_DAY: readonly [number, number] = [7 * 60, 19 * 60];
/** How long a job without a window end is drawn (and counted) for. */
export const DEFAULT_JOB_MINUTES = 120;
/** A lane warns above this many booked hours in one day… */
export const MAX_LANE_HOURS = 10;
/** …or above this many jobs in one day. */
export const MAX_LANE_JOBS = 8;

const DAY_MINUTES = 24 * 60;

/** One job on the time line, in minutes after the day's midnight on the business's clocks. */
export interface ScheduleBlock {
  job: Job;
  start: number;
  end: number;
  /** The row of its lane it is drawn on: overlapping jobs sit on rows of their own. */
  row: number;
  /** Another job of the same lane shares some of this one's time. */
  overlaps: boolean;
}

export interface ScheduleLane {
  /** The crew member's name as jobs hold it; null: the Unassigned lane. */
  name: string | null;
  kind: CrewMember['kind'] | null;
  /** In pickup order: the order the keyboard goes through them. */
  blocks: ScheduleBlock[];
  rows: number;
  /** Overlaps and capacity, in words ("2 jobs overlap 1:30–3:30 PM"). */
  warnings: string[];
  bookedMinutes: number;
}

export interface DaySchedule {
  day: DayKey;
  /** The axis in minutes after midnight: the business day, widened to whole hours to fit every job. */
  axis: [number, number];
  lanes: ScheduleLane[];
}

function minutesOf(iso: string, day: DayKey, timeZone: string): number {
  const local = localInputOf(new Date(iso), timeZone);
  const at = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  const onDay = local.slice(0, 10);
  if (onDay < day) return 0;
  if (onDay > day) return DAY_MINUTES;
  return at;
}

/** "1:30 PM", "1 PM" from minutes after midnight (24:00 reads as 12 AM, the day's end). */
export function clockText(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${m ? `${hour}:${String(m).padStart(2, '0')}` : hour} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * "1:30–3:30 PM", "1–5 PM", "10:30 AM–12 PM": the meridiem said once when both ends share it,
 * whole hours without ":00", so a one-hour block still shows its time at 1366 px.
 */
export function rangeText(start: number, end: number): string {
  const a = clockText(start);
  const b = clockText(end);
  return a.slice(-2) === b.slice(-2) ? `${a.slice(0, -3)}–${b}` : `${a}–${b}`;
}

/** Where a job's block runs on its day: pickup to window end, or the default length. */
export function blockSpan(job: Job, day: DayKey, timeZone: string): [number, number] {
  const start = minutesOf(job.pickup_date, day, timeZone);
  const end = job.pickup_window_end ? minutesOf(job.pickup_window_end, day, timeZone) : NaN;
  if (Number.isFinite(end) && end > start) return [start, end];
  return [start, Math.min(DAY_MINUTES, start + DEFAULT_JOB_MINUTES)];
}

function layoutLane(
  name: string | null,
  kind: CrewMember['kind'] | null,
  jobs: Job[],
  day: DayKey,
  timeZone: string,
): ScheduleLane {
  const blocks: ScheduleBlock[] = jobs
    .map((job) => {
      const [start, end] = blockSpan(job, day, timeZone);
      return { job, start, end, row: 0, overlaps: false };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  // Each block goes on the first row free at its start, so no two blocks' text ever meets.
  const rowEnds: number[] = [];
  for (const block of blocks) {
    let row = rowEnds.findIndex((end) => end <= block.start);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = block.end;
    block.row = row;
  }
  const warnings: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const a = blocks[i]!;
    for (let k = i + 1; k < blocks.length && blocks[k]!.start < a.end; k++) {
      const b = blocks[k]!;
      a.overlaps = b.overlaps = true;
      warnings.push(
        `2 jobs overlap ${rangeText(Math.max(a.start, b.start), Math.min(a.end, b.end))}`,
      );
    }
  }
  const bookedMinutes = blocks.reduce((sum, b) => sum + (b.end - b.start), 0);
  if (bookedMinutes > MAX_LANE_HOURS * 60) {
    const hours = Math.round((bookedMinutes / 60) * 10) / 10;
    warnings.push(`${hours} h booked, over ${MAX_LANE_HOURS} h`);
  }
  if (blocks.length > MAX_LANE_JOBS) {
    warnings.push(`${blocks.length} jobs, over ${MAX_LANE_JOBS}`);
  }
  return { name, kind, blocks, rows: Math.max(1, rowEnds.length), warnings, bookedMinutes };
}

/**
 * A day on the time line: a lane per crew member (Settings' order, then any other name a job
 * holds), then Unassigned; each with its jobs of that day (on the business's clocks) as
 * blocks, and its warnings.
 */
export function daySchedule(
  jobs: readonly Job[],
  crew: readonly CrewMember[],
  day: DayKey,
  timeZone: string,
): DaySchedule {
  const byName = new Map<string | null, Job[]>();
  for (const member of crew) byName.set(member.name, []);
  const others = new Set<string>();
  const unassigned: Job[] = [];
  for (const job of jobs) {
    if (pickupDayOf(job, timeZone) !== day) continue;
    const name = job.assigned_to || null;
    if (name === null) {
      unassigned.push(job);
      continue;
    }
    let list = byName.get(name);
    if (!list) {
      byName.set(name, (list = []));
      others.add(name);
    }
    list.push(job);
  }
  const kinds = new Map(crew.map((m) => [m.name, m.kind] as const));
  const names = [
    ...crew.map((m) => m.name),
    ...[...others].sort((a, b) => a.localeCompare(b)),
  ].filter((name, i, all) => all.indexOf(name) === i);
  const lanes = names.map((name) =>
    layoutLane(name, kinds.get(name) ?? null, byName.get(name) ?? [], day, timeZone),
  );
  lanes.push(layoutLane(null, null, unassigned, day, timeZone));
  let [from, to] = BUSINESS_DAY;
  for (const lane of lanes) {
    for (const block of lane.blocks) {
      from = Math.min(from, Math.floor(block.start / 60) * 60);
      to = Math.max(to, Math.ceil(block.end / 60) * 60);
    }
  }
  return { day, axis: [from, to], lanes };
}

/** The seven days, Monday first, of the week a day falls in. */
export function weekOf(day: DayKey): DayKey[] {
  const monday = addDays(day, -weekdayOf(day));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** "Wednesday, December 9": a day as the business's calendar names it. */
export function dayWords(day: DayKey, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(zonedInstant(day, 12, 0, timeZone));
}

/** "Tomorrow, Tuesday, December 8"; "Wednesday, December 9" past yesterday…tomorrow. */
export function dayHeading(day: DayKey, today: DayKey, timeZone: string, locale?: string): string {
  const words = dayWords(day, timeZone, locale);
  const near =
    day === today
      ? 'Today'
      : day === addDays(today, 1)
        ? 'Tomorrow'
        : day === addDays(today, -1)
          ? 'Yesterday'
          : null;
  return near ? `${near}, ${words}` : words;
}

/** One crew member's week: that lane on each of the seven days. */
export interface WeekLane {
  name: string | null;
  kind: CrewMember['kind'] | null;
  days: ScheduleLane[];
}

export interface WeekSchedule {
  days: DayKey[];
  lanes: WeekLane[];
}

/**
 * The week a day falls in, Monday first: a row per lane (every lane any day has, in the day
 * schedule's order), a cell per day with that day's blocks and warnings.
 */
export function weekSchedule(
  jobs: readonly Job[],
  crew: readonly CrewMember[],
  day: DayKey,
  timeZone: string,
): WeekSchedule {
  const days = weekOf(day);
  const inWeek = jobs.filter((job) => {
    const on = pickupDayOf(job, timeZone);
    return on >= days[0]! && on <= days[6]!;
  });
  const schedules = days.map((d) => daySchedule(inWeek, crew, d, timeZone));
  const crewNames = new Set(crew.map((m) => m.name));
  const others = new Set<string>();
  for (const s of schedules) {
    for (const lane of s.lanes) if (lane.name && !crewNames.has(lane.name)) others.add(lane.name);
  }
  const names: (string | null)[] = [
    ...crewNames,
    ...[...others].sort((a, b) => a.localeCompare(b)),
    null,
  ];
  const kinds = new Map(crew.map((m) => [m.name, m.kind] as const));
  return {
    days,
    lanes: names.map((name) => ({
      name,
      kind: name === null ? null : (kinds.get(name) ?? null),
      days: schedules.map(
        (s) =>
          s.lanes.find((l) => l.name === name) ?? {
            name,
            kind: null,
            blocks: [],
            rows: 1,
            warnings: [],
            bookedMinutes: 0,
          },
      ),
    })),
  };
}
