import type { MessagesSettings } from '../../shared/messages/messages-settings';
import { addDays, localInputOf, zonedInstant } from '../../shared/zoned-time';

/**
 * When the quiet hours `now` falls in end, or null outside them. Read on the business's clocks
 * (a `from` after `to` spans midnight); the end is found as a wall-clock time of its own day,
 * so a DST change between now and then moves it with the clocks.
 */
export function quietUntil(
  now: Date,
  quiet: MessagesSettings['quiet_hours'],
  timeZone: string,
): Date | null {
  if (!quiet || quiet.from === quiet.to) return null;
  const local = localInputOf(now, timeZone);
  const day = local.slice(0, 10);
  const minute = minutesOf(local.slice(11, 16));
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const [toHour, toMinute] = quiet.to.split(':').map(Number) as [number, number];
  if (from < to) {
    return minute >= from && minute < to ? zonedInstant(day, toHour, toMinute, timeZone) : null;
  }
  if (minute < to) return zonedInstant(day, toHour, toMinute, timeZone);
  if (minute >= from) return zonedInstant(addDays(day, 1), toHour, toMinute, timeZone);
  return null;
}

function minutesOf(clock: string): number {
  const [hour, minute] = clock.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
}
