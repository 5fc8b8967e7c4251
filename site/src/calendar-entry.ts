/**
 * The confirmation's "Add to calendar": an RFC 5545 calendar file built in the page (no server
 * of ours is there to serve one), offered as a data: URL to download. Free of DOM APIs, so it is
 * unit-tested in Node (test/site/calendar-entry.test.ts).
 */
import { PICKUP_WINDOWS } from '../../src/shared/inbox/request-fields';
import type { PickupWindowName } from '../../src/shared/inbox/request-fields';
import { zonedInstant } from '../../src/shared/zoned-time';

export interface CalendarEntry {
  /** Unique and stable for this pickup: a re-download updates the entry instead of adding one. */
  uid: string;
  start: string;
  end: string;
  summary: string;
  location: string;
}

/** 20261127T210000Z: RFC 5545's UTC form ("FORM #2"), which needs no VTIMEZONE. */
export function icsTime(instant: string | Date): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A TEXT value: backslash, semicolon and comma escaped, line breaks written as `\n`. */
export function icsEscape(text: string): string {
  return text.replace(/[\\;,]/g, (c) => '\\' + c).replace(/\r\n?|\n/g, '\\n');
}

/**
 * A content line folded at 75 octets (RFC 5545 §3.1): each continuation starts with a space, and
 * no UTF-8 character is split between lines.
 */
export function icsFold(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation's leading space takes one of its 75.
    if (size + bytes > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The whole file: one VEVENT, CRLF line ends. `now` is the DTSTAMP. */
export function icsText(entry: CalendarEntry, now: Date = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//qdn dispatch//Customer pages//EN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    'UID:' + icsEscape(entry.uid),
    'DTSTAMP:' + icsTime(now),
    'DTSTART:' + icsTime(entry.start),
    'DTEND:' + icsTime(entry.end),
    'SUMMARY:' + icsEscape(entry.summary),
    'LOCATION:' + icsEscape(entry.location),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(icsFold).join('\r\n') + '\r\n';
}

export const icsDataUrl = (text: string): string =>
  'data:text/calendar;charset=utf-8,' + encodeURIComponent(text);

/**
 * The instants a requested day and window stand for in the business's zone ("morning" is 8 AM –
 * 12 PM there), by the rule ingest applies to the same request (src/shared/zoned-time.ts).
 */
export function requestedWindow(
  day: string,
  window: string,
  zone: string,
): { start: string; end: string } {
  const hours = PICKUP_WINDOWS[window as PickupWindowName] ?? PICKUP_WINDOWS.any;
  const at = (hhmm: string) =>
    zonedInstant(day, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)), zone).toISOString();
  return { start: at(hours.from), end: at(hours.to) };
}
