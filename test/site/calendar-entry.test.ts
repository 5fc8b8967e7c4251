import { describe, expect, it } from 'vitest';
import {
  icsDataUrl,
  icsEscape,
  icsFold,
  icsText,
  icsTime,
  requestedWindow,
} from '../../site/src/calendar-entry';

const ENTRY = {
  uid: 'Qx7-submission-id@book.example',
  start: '2026-12-03T08:00:00-06:00',
  end: '2026-12-03T12:00:00-06:00',
  summary: "Pickup: Garage clean-out · Bob's Hauling",
  location: 'Apt 4B, 2250 North Lincoln Ave; back gate\nChicago',
};
const NOW = new Date('2026-11-28T12:34:56.789Z');

/** The file's content lines, unfolded (RFC 5545 §3.1: CRLF followed by one space). */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

describe('the confirmation’s calendar file (RFC 5545)', () => {
  it('has one VEVENT with UID, DTSTAMP, DTSTART and DTEND in UTC, SUMMARY and LOCATION', () => {
    const text = icsText(ENTRY, NOW);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n|\r/);
    expect(unfold(text)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//qdn dispatch//Customer pages//EN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:Qx7-submission-id@book.example',
      'DTSTAMP:20261128T123456Z',
      'DTSTART:20261203T140000Z',
      'DTEND:20261203T180000Z',
      "SUMMARY:Pickup: Garage clean-out · Bob's Hauling",
      'LOCATION:Apt 4B\\, 2250 North Lincoln Ave\\; back gate\\nChicago',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('escapes backslashes, semicolons, commas and every kind of line break', () => {
    expect(icsEscape('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = 'LOCATION:' + 'é'.repeat(60) + 'x'.repeat(40);
    const folded = icsFold(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const part of lines) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(icsFold('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('writes instants in UTC whatever offset they carry', () => {
    expect(icsTime('2026-12-03T08:00:00-06:00')).toBe('20261203T140000Z');
    expect(icsTime(new Date('2026-07-01T23:59:59.999Z'))).toBe('20260701T235959Z');
  });

  it('is offered as a text/calendar data URL that decodes to the file', () => {
    const text = icsText(ENTRY, NOW);
    const url = icsDataUrl(text);
    expect(url.startsWith('data:text/calendar;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(text);
  });
});

describe('the requested day and window, in the business’s zone', () => {
  it.each([
    ['morning', 'America/Chicago', '2026-12-03T14:00:00.000Z', '2026-12-03T18:00:00.000Z'],
    ['evening', 'America/Chicago', '2026-12-03T23:00:00.000Z', '2026-12-04T02:00:00.000Z'],
    ['any', 'Asia/Kolkata', '2026-12-03T02:30:00.000Z', '2026-12-03T14:30:00.000Z'],
    // A summer day in Chicago is five hours behind UTC, not six.
    ['afternoon', 'America/Chicago', '2026-07-01T17:00:00.000Z', '2026-07-01T22:00:00.000Z'],
    ['no-such-window', 'America/Chicago', '2026-12-03T14:00:00.000Z', '2026-12-04T02:00:00.000Z'],
  ])('%s in %s', (window, zone, start, end) => {
    const day = start.startsWith('2026-07') ? '2026-07-01' : '2026-12-03';
    expect(requestedWindow(day, window, zone)).toEqual({ start, end });
  });
});
