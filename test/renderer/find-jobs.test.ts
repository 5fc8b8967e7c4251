import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { filterJobs, NO_FILTERS } from '../../src/renderer/src/find/filter-jobs';
import {
  addDays,
  dayKeyOf,
  instantFromLocalInput,
  localInputOf,
  weekdayOf,
  zonedInstant,
} from '../../src/shared/zoned-time';
import { quickWindow } from '../../src/renderer/src/board/quick-pickups';

const CHICAGO = 'America/Chicago';
const job = (fields: Partial<Job>): Job => ({ ...MARK_SEED_RECORD, ...fields });
/** Whether the header's search, given `query`, lets `one` through. */
const finds = (one: Job, query: string) =>
  filterJobs([one], { ...NO_FILTERS, query }, CHICAGO).length === 1;

describe('time in the business zone', () => {
  it('reads wall-clock times in the zone, across a DST change', () => {
    expect(zonedInstant('2026-12-01', 9, 0, CHICAGO).toISOString()).toBe(
      '2026-12-01T15:00:00.000Z',
    );
    expect(zonedInstant('2026-07-01', 9, 0, CHICAGO).toISOString()).toBe(
      '2026-07-01T14:00:00.000Z',
    );
    // 2026-03-08 02:30 does not exist in Chicago: the clock reading an hour later is meant.
    expect(zonedInstant('2026-03-08', 2, 30, CHICAGO).toISOString()).toBe(
      '2026-03-08T08:30:00.000Z',
    );
    expect(instantFromLocalInput('2026-11-27T13:00', CHICAGO)?.toISOString()).toBe(
      '2026-11-27T19:00:00.000Z',
    );
    expect(localInputOf(new Date('2026-11-27T19:00:00Z'), CHICAGO)).toBe('2026-11-27T13:00');
  });

  it('knows the day and week of an instant in the zone, not the laptop', () => {
    // 03:00 UTC on the 2nd is still the 1st in Chicago.
    expect(dayKeyOf('2026-12-02T03:00:00Z', CHICAGO)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-11-30')).toBe(0); // a Monday
    expect(weekdayOf('2026-11-29')).toBe(6); // a Sunday
  });

  it('offers this afternoon and tomorrow morning in the zone', () => {
    const now = new Date('2026-11-29T16:00:00Z'); // 10:00 in Chicago
    expect(quickWindow('This afternoon', CHICAGO, now)).toEqual({
      start: '2026-11-29T13:00',
      end: '2026-11-29T17:00',
    });
    expect(quickWindow('Tomorrow morning', CHICAGO, now)).toEqual({
      start: '2026-11-30T08:00',
      end: '2026-11-30T12:00',
    });
  });
});

describe('finding jobs', () => {
  const ana = job({
    job_id: 'aaaaaaaaaaaaaaaa',
    customer_name: 'Ana Ruiz',
    address: '12 Oak Ave',
    phone: '+1 (312) 555-0142',
    pickup_date: '2026-11-30T15:00:00Z',
    assigned_to: 'Tom S.',
  });
  const bo = job({
    job_id: 'bbbbbbbbbbbbbbbb',
    customer_name: 'Bo Chen',
    address: '7 Elm St',
    status: 'en_route',
    pickup_date: '2026-12-02T03:00:00Z', // Dec 1 in Chicago
  });
  const now = new Date('2026-11-29T18:00:00Z'); // Sunday noon in Chicago

  it('matches name, address, job id and phone (by digits alone)', () => {
    const matches = (query: string) => finds(ana, query);
    expect(matches('ana')).toBe(true);
    expect(matches('oak ana')).toBe(true);
    expect(matches('aaaaaaaa')).toBe(true);
    expect(matches('555 0142')).toBe(true);
    expect(matches('3125550142')).toBe(true);
    expect(matches('elm')).toBe(false);
  });

  it('reads a number typed with spaces as one number, not as words found anywhere', () => {
    // Another 312-555 customer whose random hex job id holds "7788": seen in CI among 500 jobs.
    const other = job({
      job_id: '0a7788bc3d4e5f60',
      phone: '+1 312 555 1042',
      address: '2250 N Lincoln Ave',
    });
    const matches = (query: string) => finds(other, query);
    expect(matches('312 555 7788')).toBe(false);
    expect(matches('(312) 555-7788')).toBe(false);
    // The same digits as typed still find an id, a house number or the phone.
    expect(matches('7788')).toBe(true);
    expect(matches('2250')).toBe(true);
    expect(matches('555 1042')).toBe(true);
    expect(matches('2250 lincoln')).toBe(true);
  });

  it('filters by day in the zone, status and assignee', () => {
    const jobs = [ana, bo];
    const find = (f: Partial<typeof NO_FILTERS>) =>
      filterJobs(jobs, { ...NO_FILTERS, ...f }, CHICAGO, now).map((j) => j.customer_name);
    expect(find({})).toEqual(['Ana Ruiz', 'Bo Chen']);
    expect(find({ date: 'today' })).toEqual([]);
    expect(find({ date: 'tomorrow' })).toEqual(['Ana Ruiz']);
    // Sunday's week ended today; Monday's week has not started.
    expect(find({ date: 'week' })).toEqual([]);
    expect(
      filterJobs(jobs, { ...NO_FILTERS, date: 'week' }, CHICAGO, new Date('2026-11-30T18:00:00Z'))
        .length,
    ).toBe(2);
    expect(find({ status: 'en_route' })).toEqual(['Bo Chen']);
    expect(find({ assignee: 'none' })).toEqual(['Bo Chen']);
    expect(find({ assignee: { name: 'Tom S.' } })).toEqual(['Ana Ruiz']);
  });
});
