import type { Job } from '../../../shared/job';
import { pickupDayOf } from '../find/filter-jobs';
import { addDays, dayKeyOf } from '../../../shared/zoned-time';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, kind: 'time' | 'weekday' | 'date'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { timeZone, hour: 'numeric', minute: '2-digit' }
        : kind === 'weekday'
          ? { timeZone, weekday: 'short', hour: 'numeric', minute: '2-digit' }
          : { timeZone, month: 'short', day: 'numeric' };
    found = new Intl.DateTimeFormat(undefined, options);
    formatters.set(key, found);
  }
  return found;
}

/**
 * A pickup as a compact card shows it, in the business's zone: "2:00 PM" today, "Tue 9:00 AM"
 * within the coming week, "Dec 12" further off (the panel shows the whole window). The zone
 * is named once, in the header, when it is not the laptop's.
 */
export function cardPickupTime(job: Job, timeZone: string, now: Date = new Date()): string {
  const date = new Date(job.pickup_date);
  const today = todayIn(timeZone, now);
  const day = pickupDayOf(job, timeZone);
  if (day === today) return formatter(timeZone, 'time').format(date);
  if (day > addDays(today, -7) && day < addDays(today, 7)) {
    return formatter(timeZone, 'weekday').format(date);
  }
  return formatter(timeZone, 'date').format(date);
}

/** A pickup's time of day, "2:00 PM", for a card under its day's header. */
export function cardTimeOfDay(job: Job, timeZone: string): string {
  return formatter(timeZone, 'time').format(new Date(job.pickup_date));
}

let today: { timeZone: string; minute: number; day: string } | null = null;
/** Today in the zone, worked out once a minute rather than once per card. */
function todayIn(timeZone: string, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (today?.timeZone !== timeZone || today.minute !== minute) {
    today = { timeZone, minute, day: dayKeyOf(now, timeZone) };
  }
  return today.day;
}
