import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { filterJobs, NO_FILTERS } from '../../src/renderer/src/find/filter-jobs';
import { shownCount } from '../../src/renderer/src/find/shown-count';
import type { ShownInputs } from '../../src/renderer/src/find/shown-count';

// The find bar counts what the dispatcher can see (issue 17), not every job its filters let
// through: the board's range hides jobs finished before today; the schedule shows one day.
const CHICAGO = 'America/Chicago';
const now = new Date('2026-12-07T18:00:00Z'); // Monday, Dec 7, noon in Chicago
const job = (id: string, over: Partial<Job>): Job => ({
  ...MARK_SEED_RECORD,
  job_id: id.repeat(16),
  ...over,
});
const jobs: Job[] = [
  job('a', {
    customer_name: 'Done last week',
    status: 'completed',
    pickup_date: '2026-11-30T16:00:00Z',
  }),
  job('b', { customer_name: 'Today', pickup_date: '2026-12-07T20:00:00Z' }),
  job('c', { customer_name: 'Tomorrow', pickup_date: '2026-12-08T16:00:00Z' }),
  job('d', { customer_name: 'Tomorrow too', pickup_date: '2026-12-08T19:00:00Z' }),
  job('e', {
    customer_name: 'Canceled tomorrow',
    status: 'canceled',
    pickup_date: '2026-12-08T19:00:00Z',
  }),
];
const inputs = (over: Partial<ShownInputs>): ShownInputs => {
  const filters = over.filters ?? NO_FILTERS;
  return {
    view: 'board',
    found: filterJobs(jobs, filters, CHICAGO, now),
    jobs,
    filters,
    includeArchived: false,
    range: 'coming',
    day: '2026-12-07',
    mode: 'day',
    timeZone: CHICAGO,
    now,
    ...over,
  };
};

describe('the find bar counts what is on screen (issue 17)', () => {
  it("on the board, the board's range: a job finished last week is not counted", () => {
    expect(shownCount(inputs({}))).toBe(4);
    expect(shownCount(inputs({ range: 'all' }))).toBe(5);
    // A search looks at every day, as the board then does.
    const query = { ...NO_FILTERS, query: 'done' };
    expect(shownCount(inputs({ filters: query }))).toBe(1);
  });

  it("on the schedule, the day it shows, whatever the find bar's date says", () => {
    const tomorrow = { ...NO_FILTERS, date: 'tomorrow' as const };
    // The dispatcher picked Tomorrow, then went on to Wednesday: nothing there.
    expect(shownCount(inputs({ view: 'day', filters: tomorrow, day: '2026-12-09' }))).toBe(0);
    expect(shownCount(inputs({ view: 'day', filters: tomorrow, day: '2026-12-08' }))).toBe(2);
    expect(shownCount(inputs({ view: 'day', day: '2026-12-08', mode: 'week' }))).toBe(3);
    const canceled = { ...NO_FILTERS, status: 'canceled' as const };
    expect(shownCount(inputs({ view: 'day', filters: canceled, day: '2026-12-08' }))).toBe(1);
  });
});
