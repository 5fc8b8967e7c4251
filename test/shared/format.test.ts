import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatPickup,
  formatPickupWindow,
  formatTextWindow,
} from '../../src/shared/format';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('formatPickup', () => {
  it("reads as a weekday, date and time, without this year's year", () => {
    expect(formatPickup('2026-11-27T21:00:00Z', 'en-US', 'America/Los_Angeles', NOW)).toBe(
      'Fri, Nov 27, 1:00 PM',
    );
  });

  it('shows the year when it is not this year, so a mistyped year stands out', () => {
    expect(formatPickup('2020-01-01T17:00:00Z', 'en-US', 'UTC', NOW)).toBe(
      'Wed, Jan 1, 2020, 5:00 PM',
    );
  });

  it('decides "this year" in the time zone it formats in', () => {
    // 2027-01-01 01:00 UTC is still New Year's Eve 2026 in Los Angeles.
    expect(formatPickup('2027-01-01T01:00:00Z', 'en-US', 'America/Los_Angeles', NOW)).toBe(
      'Thu, Dec 31, 5:00 PM',
    );
  });
});

describe('formatPickupWindow and formatMoney', () => {
  it('joins a window and formats money with Intl', () => {
    expect(
      formatPickupWindow('2026-11-27T21:00:00Z', '2026-11-27T23:00:00Z', 'en-US', 'UTC', NOW),
    ).toMatch(/^Fri, Nov 27, 9:00 PM – 11:00 PM$/);
    expect(formatMoney(600, 'USD', 'en-US')).toBe('$600.00');
  });
});

describe('an overnight window', () => {
  it('names both dates when the window ends on another day in the zone shown', () => {
    expect(
      formatPickupWindow(
        '2026-12-03T19:00:00Z',
        '2026-12-04T15:00:00Z',
        'en-US',
        'America/Chicago',
        NOW,
      ),
    ).toBe('Thu, Dec 3, 1:00 PM – Fri, Dec 4, 9:00 AM');
  });

  it('keeps one date for a window within a day there, even if it spans days in UTC', () => {
    expect(
      formatPickupWindow(
        '2026-12-03T22:00:00Z',
        '2026-12-04T01:00:00Z',
        'en-US',
        'America/Chicago',
        NOW,
      ),
    ).toBe('Thu, Dec 3, 4:00 PM – 7:00 PM');
  });
});

describe('formatTextWindow (the window in a text message)', () => {
  it('says what the screen says, with a hyphen for the en dash the screen keeps', () => {
    const start = '2026-12-03T19:00:00Z';
    const end = '2026-12-03T21:00:00Z';
    expect(formatPickupWindow(start, end, 'en-US', 'America/Chicago', NOW)).toBe(
      'Thu, Dec 3, 1:00 PM – 3:00 PM',
    );
    expect(formatTextWindow(start, end, 'en-US', 'America/Chicago', NOW)).toBe(
      'Thu, Dec 3, 1:00 PM - 3:00 PM',
    );
    expect(formatTextWindow(start, '2026-12-04T15:00:00Z', 'en-US', 'America/Chicago', NOW)).toBe(
      'Thu, Dec 3, 1:00 PM - Fri, Dec 4, 9:00 AM',
    );
    expect(formatTextWindow(start, undefined, 'en-US', 'America/Chicago', NOW)).toBe(
      'Thu, Dec 3, 1:00 PM',
    );
  });

  it('holds only printable ASCII at every hour of a day, in several zones', () => {
    for (const zone of ['America/Chicago', 'Europe/Berlin', 'Asia/Kolkata', 'UTC']) {
      for (let hour = 0; hour < 24; hour++) {
        const start = new Date(Date.UTC(2026, 11, 3, hour, 30)).toISOString();
        const end = new Date(Date.UTC(2026, 11, 3, hour + 3, 0)).toISOString();
        expect(formatTextWindow(start, end, 'en-US', zone, NOW)).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });
});
