import { describe, expect, it } from 'vitest';
import { dayKeyIn, dayKeyOf, readTypedInstant } from '../../src/shared/zoned-time';

// Issue 17, the CLI: a dispatcher types `2026-12-08 15:00` and means 3 PM on the business's
// clocks. readTypedInstant reads that, the ISO forms with a zone, and refuses what is not a time.

const CHICAGO = 'America/Chicago';
const BERLIN = 'Europe/Berlin';

describe('readTypedInstant', () => {
  it.each([
    ['2026-12-08 15:00', '2026-12-08T21:00:00Z'],
    ['2026-12-08T15:00', '2026-12-08T21:00:00Z'],
    ['2026-12-08t15:00:30', '2026-12-08T21:00:30Z'],
    ['  2026-12-08   15:00 ', '2026-12-08T21:00:00Z'],
    // Summer: Chicago is UTC−5.
    ['2026-07-01 09:15', '2026-07-01T14:15:00Z'],
    // Offsets and Z are that instant, whatever the zone; seconds may be left out.
    ['2026-12-08T15:00-06:00', '2026-12-08T21:00:00Z'],
    ['2026-12-08T15:00+0100', '2026-12-08T14:00:00Z'],
    ['2026-12-08T21:00Z', '2026-12-08T21:00:00Z'],
    ['2026-12-08 21:00z', '2026-12-08T21:00:00Z'],
  ])('%s in Chicago is %s', (typed, iso) => {
    expect(readTypedInstant(typed, CHICAGO)).toEqual({ ok: true, iso });
  });

  it('keeps a time already in the stored form exactly as typed', () => {
    for (const typed of [
      '2026-11-27T21:00:00Z',
      '2026-12-08T15:00:00-06:00',
      '2026-12-08T15:00:00.250Z',
    ]) {
      expect(readTypedInstant(typed, CHICAGO)).toEqual({ ok: true, iso: typed });
    }
  });

  it('reads the same wall-clock time in another zone as another instant', () => {
    expect(readTypedInstant('2026-12-08 15:00', BERLIN)).toEqual({
      ok: true,
      iso: '2026-12-08T14:00:00Z',
    });
  });

  it.each([
    'tomorrow',
    '',
    '2026-12-08',
    '15:00',
    '12/08/2026 3pm',
    '2026-02-30 10:00',
    '2026-12-08 24:00',
    '2026-12-08 15:60',
    '2026-12-08T15:00+19:00',
  ])('"%s" is unreadable', (typed) => {
    expect(readTypedInstant(typed, CHICAGO)).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('refuses a time the clocks jump over, on either side of UTC', () => {
    expect(readTypedInstant('2027-03-14 02:30', CHICAGO)).toEqual({
      ok: false,
      problem: 'skipped',
      wallClock: '2027-03-14 02:30',
    });
    expect(readTypedInstant('2027-03-28T02:30', BERLIN)).toMatchObject({ problem: 'skipped' });
    // The minutes either side of the gap exist.
    expect(readTypedInstant('2027-03-14 01:59', CHICAGO)).toEqual({
      ok: true,
      iso: '2027-03-14T07:59:00Z',
    });
    expect(readTypedInstant('2027-03-14 03:00', CHICAGO)).toEqual({
      ok: true,
      iso: '2027-03-14T08:00:00Z',
    });
  });

  it('takes the first of a time the clocks show twice, on either side of UTC', () => {
    // 1:30 AM on Nov 7, 2027 in Chicago: first in CDT (UTC−5), an hour later in CST (UTC−6).
    expect(readTypedInstant('2027-11-07 01:30', CHICAGO)).toEqual({
      ok: true,
      iso: '2027-11-07T06:30:00Z',
    });
    // 2:30 AM on Oct 31, 2027 in Berlin: first in CEST (UTC+2), then in CET (UTC+1). The
    // existing zonedInstant gives the second one here (UTC 01:30).
    expect(readTypedInstant('2027-10-31 02:30', BERLIN)).toEqual({
      ok: true,
      iso: '2027-10-31T00:30:00Z',
    });
  });
});

describe('dayKeyIn', () => {
  it('gives the day dayKeyOf gives, every 91 minutes through a year, across DST, in three zones', () => {
    for (const zone of ['America/Chicago', 'Europe/Berlin', 'Australia/Lord_Howe']) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 91 * 60_000) {
        expect(dayKeyIn(new Date(t), zone)).toBe(dayKeyOf(new Date(t), zone));
      }
    }
  });
});
