/**
 * Wall-clock dates in the business's time zone. Pickups are arranged in that zone ("tomorrow
 * morning" in Chicago), whichever zone the laptop is set to, so day boundaries, quick choices,
 * the console's date inputs and a booking's preferred window are computed there; jobs store
 * instants. One module for the board, the job panel and the booking inbox alike.
 */

/** A calendar day in a zone, as YYYY-MM-DD (sorts as text). */
export type DayKey = string;

/** One formatter per zone: building one costs ~0.5 ms (1,000 submissions spent ~1 s on it). */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of partsIn(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The day an instant falls on in the zone. */
export function dayKeyOf(instant: Date | string, timeZone: string): DayKey {
  const c = wallClock(new Date(instant), timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** The day `days` after `key` (calendar arithmetic, so DST never skips or repeats a day). */
export function addDays(key: DayKey, days: number): DayKey {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** 0 = Monday … 6 = Sunday: dispatch weeks start on Monday. */
export function weekdayOf(key: DayKey): number {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time in the zone stands for, e.g. 2026-12-01 09:00 in Chicago. In a
 * DST gap the clock reading that does not exist is taken as the one an hour later.
 */
export function zonedInstant(key: DayKey, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  const reads = wallClock(new Date(second), timeZone);
  // In a gap neither offset gives the reading back; the first guess lands an hour later.
  return new Date(reads.hour === hour && reads.minute === minute ? second : first);
}

/** A datetime-local input's value ("2026-12-01T09:00") read as wall-clock time in the zone. */
export function instantFromLocalInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  return zonedInstant(match[1]!, Number(match[2]), Number(match[3]), timeZone);
}

/** The datetime-local value showing an instant as wall-clock time in the zone. */
export function localInputOf(instant: Date, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** ISO instant → "2026-12-03T13:00" as the business's clocks read it ('' for none). */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  return Number.isNaN(instant) ? '' : localInputOf(new Date(instant), timeZone);
}

/** "2026-12-03T13:00" read on the business's clocks → ISO instant ('' for an unreadable one). */
export function fromZonedInput(local: string, timeZone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return '';
  return instantFromLocalInput(local, timeZone)?.toISOString() ?? '';
}

let machineZone: string | null = null;
/** The laptop's own zone, to say when the business's differs (read once: Intl is slow). */
export function machineTimeZone(): string {
  machineZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return machineZone;
}

/** A date and time as a dispatcher types it, read (see `readTypedInstant`). */
export type TypedInstant =
  | { ok: true; iso: string }
  | { ok: false; problem: 'unreadable' }
  /** A wall-clock time the zone skips (its clocks jump forward over it). */
  | { ok: false; problem: 'skipped'; wallClock: string };

const TYPED_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T|\s+)(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
/** What stores as typed: the form jobs.json has always held (seconds and a `Z` or `±hh:mm`). */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Reads `2026-12-08 15:00` or `2026-12-08T15:00[:ss]` on the zone's clocks, and a time with `Z`
 * or an offset (`…T15:00-06:00`, seconds optional) as that instant. A wall-clock time the zone
 * skips is refused, never moved (a pickup an hour off is worse than a question); one the zone
 * shows twice (the hour clocks fall back) is its first. Unlike `zonedInstant`, both readings
 * of a repeated hour are found whichever side of UTC the zone lies.
 */
export function readTypedInstant(typed: string, timeZone: string): TypedInstant {
  const text = typed.trim();
  const match = TYPED_INSTANT.exec(text);
  if (!match) return { ok: false, problem: 'unreadable' };
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match as unknown as string[];
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  // 2026-02-30 or 25:00 would roll over into another day: a slip, not a time.
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, problem: 'unreadable' };
  }
  const millis = fraction === '' ? 0 : Math.round(Number(fraction) * 1000);
  if (zone !== undefined) {
    if (STORED_INSTANT.test(text)) return { ok: true, iso: text };
    const sign = zone.toUpperCase() === 'Z' ? 0 : zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[^0-9]/g, '');
    const offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    if (Math.abs(offsetMin) > 18 * 60) return { ok: false, problem: 'unreadable' };
    return { ok: true, iso: isoSeconds(asUtc + millis - offsetMin * 60_000) };
  }
  // The offsets in force a day either side: a zone's clock changes are months apart.
  const readings = [offsetAt(asUtc - DAY_MS, timeZone), offsetAt(asUtc + DAY_MS, timeZone)]
    .map((offset) => asUtc - offset)
    .filter((instant) => {
      const c = wallClock(new Date(instant), timeZone);
      return (
        c.year === year &&
        c.month === month &&
        c.day === day &&
        c.hour === hour &&
        c.minute === minute
      );
    })
    .sort((a, b) => a - b);
  const first = readings[0];
  if (first === undefined) {
    return { ok: false, problem: 'skipped', wallClock: `${y}-${mo}-${d} ${h}:${mi}` };
  }
  return { ok: true, iso: isoSeconds(first + millis) };
}

/** `2026-12-08T21:00:00Z`: the seed's form, with milliseconds only when there are some. */
function isoSeconds(instant: number): string {
  const iso = new Date(instant).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** One date-only formatter per zone, for `dayKeyIn`. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The same day as `dayKeyOf`, for many instants at once (a report over thousands of jobs):
 * formatting the date alone as text is about 9× faster than the parts of a full wall clock.
 */
export function dayKeyIn(instant: Date | string, timeZone: string): DayKey {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, format);
  }
  // en-US numeric dates read MM/DD/YYYY.
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(format.format(new Date(instant)));
  return match ? `${match[3]}-${match[1]}-${match[2]}` : dayKeyOf(instant, timeZone);
}
