import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import type { JobFilters } from '../../src/renderer/src/find/filter-jobs';

// The first keystroke after a load (issue 17: bench/board.ts's "first search keystroke once the
// board is ready"): it must not wait for the whole index; what is not indexed yet is scanned.
const NAMES = ['Maria Gonzalez', 'José Núñez', 'Tom Hart', 'Priya Nair', 'Hannah Kowalczyk'];
const SERVICES = ['Hot tub removal', '20yd dumpster drop', 'Garage cleanout', 'Appliance pickup'];
const NOTES = ['Gate code 4471, dog in the yard', 'Old fridge by the side door', '', 'Paid $350'];
const jobs: Job[] = Array.from({ length: 5_000 }, (_, i) => ({
  ...MARK_SEED_RECORD,
  job_id: (0x1000000000000000 + i * 7919).toString(16).padStart(16, '0'),
  customer_name: `${NAMES[i % NAMES.length]} ${i}`,
  address: `${100 + i} N Clark St`,
  phone: `+1 312 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
  price: [350, 600, 1200.5][i % 3]!,
  service: SERVICES[i % SERVICES.length],
  notes: NOTES[i % NOTES.length],
  assigned_to: i % 3 === 0 ? 'Tom S.' : undefined,
  email: `customer${i}@example.com`,
}));
const ALL: Omit<JobFilters, 'query'> = { date: 'all', status: 'all', assignee: 'all' };
const CHICAGO = 'America/Chicago';

async function freshBoardSearch() {
  vi.resetModules();
  return import('../../src/renderer/src/find/filter-jobs');
}

/** The ids a fully built index finds: what a keystroke must find whatever the index's state. */
async function builtAnswer(query: string): Promise<string[]> {
  const { filterJobs } = await freshBoardSearch();
  const { JobSearch } = await import('../../src/renderer/src/find/job-search');
  const built = new JobSearch();
  built.sync(jobs);
  return filterJobs(jobs, { query, ...ALL }, CHICAGO, new Date(), built)
    .map((j) => j.job_id)
    .sort();
}

beforeEach(() => vi.resetModules());

describe('the first keystroke after a load (issue 17)', () => {
  it('answers without finishing the index first, and the index goes on being built', async () => {
    const { filterJobs, boardSearch, prepareSearch } = await freshBoardSearch();
    const found = filterJobs(jobs, { query: 'h', ...ALL }, CHICAGO);
    expect(found.length).toBeGreaterThan(0);
    // Today's code indexed all 5,000 jobs inside this keystroke.
    expect(boardSearch.size).toBeLessThan(jobs.length);
    while (!prepareSearch(jobs, () => false));
    expect(boardSearch.size).toBe(jobs.length);
  });

  for (const query of [
    'h',
    'hot tub',
    'hot t',
    'gonz',
    'jose',
    'NÚÑEZ',
    'gate 4471',
    '$350',
    '350',
    '555 1234',
    'tom s',
    'customer12@',
    '1000000000',
  ]) {
    it(`"${query}" before the index is built finds what the built index finds`, async () => {
      const expected = await builtAnswer(query);
      const { filterJobs, boardSearch } = await freshBoardSearch();
      // The idle slices got part of the way before the key came.
      boardSearch.syncSome(
        jobs,
        (() => {
          let n = 0;
          return () => ++n > 20; // 64 × 20 jobs, a fourth of them
        })(),
      );
      expect(boardSearch.size).toBeLessThan(jobs.length);
      const found = filterJobs(jobs, { query, ...ALL }, CHICAGO)
        .map((j) => j.job_id)
        .sort();
      expect(found).toEqual(expected);
    });
  }

  it('a typo is forgiven once the index has the job', async () => {
    const { filterJobs, prepareSearch } = await freshBoardSearch();
    while (!prepareSearch(jobs, () => false));
    const found = filterJobs(jobs, { query: 'gonzales', ...ALL }, CHICAGO);
    expect(found.length).toBe(1_000);
  });
});
