import { describe, expect, it } from 'vitest';
import { clock, money, pickupTime, pickupWindow, zoneNote } from '../../site/src/pickup-time';
import { formatMoney, formatPickup, formatPickupWindow, zoneCity } from '../../src/shared/format';

/*
 * The public pages carry their own compact copy of the console's time rules (their byte budget
 * cannot afford the general one): these tests hold the two equal, so a customer reads exactly
 * what the dispatcher typed.
 */

const ZONES = [
  undefined,
  'America/Chicago',
  'America/New_York',
  'Asia/Kolkata',
  'Pacific/Auckland',
];
const NOW = new Date('2026-11-28T12:00:00Z');
const STARTS = [
  '2026-11-27T13:00:00-05:00',
  '2026-12-31T23:30:00Z',
  '2027-01-01T05:59:00Z',
  '2025-06-15T08:00:00Z',
];
const LENGTHS_H = [2, 9, 20, 30];

describe('the pages’ pickup times equal the console’s', () => {
  it.each(ZONES)('single times, zone %s', (zone) => {
    for (const iso of STARTS) {
      expect(pickupTime(iso, zone, NOW)).toBe(formatPickup(iso, undefined, zone, NOW));
    }
  });

  it.each(ZONES)('windows, same-day and overnight, zone %s', (zone) => {
    for (const start of STARTS) {
      expect(pickupWindow(start, undefined, zone, NOW)).toBe(
        formatPickupWindow(start, undefined, undefined, zone, NOW),
      );
      for (const hours of LENGTHS_H) {
        const end = new Date(Date.parse(start) + hours * 3_600_000).toISOString();
        expect(pickupWindow(start, end, zone, NOW)).toBe(
          formatPickupWindow(start, end, undefined, zone, NOW),
        );
      }
    }
  });

  it('an overnight window names both dates in the business’s zone', () => {
    const text = pickupWindow(
      '2026-12-03T13:00:00-06:00',
      '2026-12-04T09:00:00-06:00',
      'America/Chicago',
      NOW,
    );
    expect(text).toContain('Dec 3');
    expect(text).toContain('Dec 4');
  });

  it('names the zone as a customer would, and formats money the same way', () => {
    for (const zone of ['America/Chicago', 'America/Los_Angeles', 'UTC']) {
      expect(zoneNote(zone)).toBe(`Times in ${zoneCity(zone)} time`);
    }
    expect(money(600, 'USD')).toBe(formatMoney(600, 'USD'));
    expect(money(1234.5, 'EUR')).toBe(formatMoney(1234.5, 'EUR'));
  });
});

describe('the time of day a step was taken ("On our way since 10:12 AM")', () => {
  it('is read in the business’s zone, not the phone’s', () => {
    const at = '2026-11-27T16:12:00Z';
    expect(clock(at, 'America/Chicago')).toBe(
      new Intl.DateTimeFormat(undefined, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'America/Chicago',
      }).format(new Date(at)),
    );
    expect(clock(at, 'America/Chicago')).toMatch(/^10:12\sAM$/);
    expect(clock(at, 'Asia/Kolkata')).toMatch(/^9:42\sPM$/);
  });
});
