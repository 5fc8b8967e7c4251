import { afterEach, describe, expect, it, vi } from 'vitest';
import MiniSearch from 'minisearch';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { filterJobs, NO_FILTERS } from '../../src/renderer/src/find/filter-jobs';
import type { JobFilters } from '../../src/renderer/src/find/filter-jobs';
import { JobSearch } from '../../src/renderer/src/find/job-search';
import { columnsOf } from '../../src/renderer/src/board/board-columns-data';

// Issue 17, point 7: a dispatcher's week of searches that found nothing while the search read
// only names, phones and addresses.
const CHICAGO = 'America/Chicago';
const job = (fields: Partial<Job>): Job => ({ ...MARK_SEED_RECORD, ...fields });

const maria = job({
  job_id: '3f9a0c1b2d4e6f70',
  customer_name: 'Maria Gonzalez',
  address: '4410 N Clark St',
  phone: '+1 (555) 010-1234',
  email: 'maria.g@example.com',
  service: 'Hot tub removal',
  notes: 'Old fridge by the side door. Gate code 4471.',
  assigned_to: 'Tom S.',
  price: 350,
  pickup_date: '2026-12-08T19:00:00Z',
});
const jose = job({
  job_id: '0b1c2d3e4f5a6b7c',
  customer_name: 'José Ortiz',
  address: '18 Lake St',
  service: '20yd dumpster drop',
  notes: 'Driveway is steep',
  assigned_to: 'Ana R.',
  price: 540,
  pickup_date: '2026-12-08T15:00:00Z',
});
/** Lives at number 350 and pays $200: "$350" is not his, "350" may be. */
const lee = job({
  job_id: '1a2b3c4d5e6f7a8b',
  customer_name: 'Lee Park',
  address: '350 Elm St',
  price: 200,
  status: 'requested',
  pickup_date: '2026-12-09T15:00:00Z',
});
/** One letter from "fridge", and a name that starts with "Tom". */
const ruth = job({
  job_id: '2b3c4d5e6f7a8b9c',
  customer_name: 'Tomas Reyes',
  address: '9 Bridge St',
  price: 3500,
  pickup_date: '2026-12-08T14:00:00Z',
});
const week = [jose, lee, ruth, maria];

const names = (jobs: Job[]) => jobs.map((j) => j.customer_name);
const find = (query: string, more: Partial<JobFilters> = {}) =>
  names(filterJobs(week, { ...NO_FILTERS, ...more, query }, CHICAGO));

describe('search everything', () => {
  it('finds words in the notes and the service', () => {
    expect(find('fridge')).toContain('Maria Gonzalez');
    expect(find('gate code')).toEqual(['Maria Gonzalez']);
    expect(find('code gate')).toEqual(['Maria Gonzalez']);
    expect(find('hot tub')).toEqual(['Maria Gonzalez']);
    expect(find('dumpster')).toEqual(['José Ortiz']);
  });

  it('finds a crew member, an email and a job id', () => {
    expect(find('Tom')).toContain('Maria Gonzalez');
    expect(find('ana r')).toEqual(['José Ortiz']);
    expect(find('maria.g@example.com')).toEqual(['Maria Gonzalez']);
    expect(find('3f9a0c')).toEqual(['Maria Gonzalez']);
    // A piece from the middle of an id, pasted from a log.
    expect(find('2d4e6f')).toEqual(['Maria Gonzalez']);
  });

  it('finds a price as typed; "$350" is a price, not a house number', () => {
    expect(find('$350')[0]).toBe('Maria Gonzalez');
    expect(find('$350')).not.toContain('Lee Park');
    expect(find('350.00')).toEqual(['Maria Gonzalez']);
    expect(find('$350.00')).toEqual(['Maria Gonzalez']);
    expect(find('$3,500')).toEqual(['Tomas Reyes']);
    // Bare digits are a price, a house number or part of a phone alike.
    expect(find('350').sort()).toEqual(['Lee Park', 'Maria Gonzalez', 'Tomas Reyes']);
    expect(find('$540')).toEqual(['José Ortiz']);
  });

  it('ignores case and accents, on either side', () => {
    expect(find('jose')).toEqual(['José Ortiz']);
    expect(find('JOSÉ ORTIZ')).toEqual(['José Ortiz']);
    expect(find('ortíz')).toEqual(['José Ortiz']);
    expect(find('MARIA')).toEqual(['Maria Gonzalez']);
  });

  it('forgives one typo in a word of five letters or more, not in shorter ones', () => {
    expect(find('gonzales')).toEqual(['Maria Gonzalez']);
    expect(find('gonzalz')).toEqual(['Maria Gonzalez']);
    expect(find('maria gonzales')).toEqual(['Maria Gonzalez']);
    expect(find('gonzalesx')).toEqual([]); // two edits
    expect(find('tam')).toEqual([]); // "Tom", but three letters
  });

  it('matches as the dispatcher types, word by word', () => {
    for (const typed of ['h', 'ho', 'hot', 'hot ', 'hot t', 'hot tu', 'hot tub r']) {
      expect(find(typed), typed).toContain('Maria Gonzalez');
    }
    expect(find('hot t')).toEqual(['Maria Gonzalez']);
    expect(find('gonz')).toEqual(['Maria Gonzalez']);
    // Every word must match: no job has both.
    expect(find('fridge ortiz')).toEqual([]);
    expect(find('xyz')).toEqual([]);
    expect(find('-')).toEqual([]);
  });

  it('matches a phone by its digits, however it is typed', () => {
    expect(find('5550101')).toEqual(['Maria Gonzalez']);
    expect(find('(555) 010-12')).toEqual(['Maria Gonzalez']);
    expect(find('555.010.1234')).toEqual(['Maria Gonzalez']);
  });

  it('puts matches as typed above word starts, and those above typos', () => {
    // Maria's notes hold "fridge"; Tomas lives on Bridge St, one letter away.
    expect(find('fridge')).toEqual(['Maria Gonzalez', 'Tomas Reyes']);
    // "Tom" is Maria's crew member as typed, the start of "Tomas" Reyes's name.
    expect(find('tom')).toEqual(['Maria Gonzalez', 'Tomas Reyes']);
    expect(find('$350')).toEqual(['Maria Gonzalez', 'Tomas Reyes']);
  });

  it('narrows with the other filters, and the board still shows matches in their columns', () => {
    expect(find('fridge', { status: 'scheduled' })).toEqual(['Maria Gonzalez', 'Tomas Reyes']);
    expect(find('350', { status: 'requested' })).toEqual(['Lee Park']);
    expect(find('tom', { assignee: 'none' })).toEqual(['Tomas Reyes']);
    const found = filterJobs(week, { ...NO_FILTERS, query: 'st' }, CHICAGO);
    const columns = columnsOf(found, true);
    // Best match first in the list; the column orders by pickup, as with no search.
    expect(names(columns.scheduled.jobs)).toEqual(['Tomas Reyes', 'José Ortiz', 'Maria Gonzalez']);
    expect(names(columns.requested.jobs)).toEqual(['Lee Park']);
  });
});

describe('the search index', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('follows the jobs as they change, by job id, without indexing the unchanged again', () => {
    const search = new JobSearch();
    search.sync(week);
    expect(search.size).toBe(4);
    const add = vi.spyOn(MiniSearch.prototype, 'add');
    const replace = vi.spyOn(MiniSearch.prototype, 'replace');

    // A reload brings new objects with the same text: nothing is indexed again.
    const reloaded = week.map((j) => ({ ...j }));
    search.sync(reloaded);
    expect(add).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();

    // Maria's notes change: her entry alone is replaced, and the old words go with it.
    const edited = reloaded.map((j) =>
      j.job_id === maria.job_id ? { ...j, notes: 'Two mattresses upstairs' } : j,
    );
    search.sync(edited);
    expect(replace).toHaveBeenCalledTimes(1);
    expect(search.find('mattress')?.has(maria.job_id)).toBe(true);
    expect(search.find('fridge')?.has(maria.job_id)).toBe(false);

    // A new job is added; one gone from the list is no longer found.
    const sam = job({ job_id: '4d5e6f7a8b9c0d1e', customer_name: 'Sam Fridge' });
    const next = [...edited.filter((j) => j.job_id !== jose.job_id), sam];
    add.mockClear(); // MiniSearch's replace adds the new version itself
    search.sync(next);
    expect(add).toHaveBeenCalledTimes(1);
    expect(search.size).toBe(4);
    expect(search.find('fridge')?.has(sam.job_id)).toBe(true);
    expect(search.find('jose')?.size).toBe(0);
    expect(search.find('')).toBeNull();
  });

  it('keeps the first of two jobs with one id, and no longer finds the other', () => {
    const search = new JobSearch();
    const twin = { ...maria, notes: 'A piano' };
    search.sync([maria, twin]);
    expect(search.size).toBe(1);
    expect(search.find('piano')?.size).toBe(0);
    expect(search.find('fridge')?.has(maria.job_id)).toBe(true);
  });

  it('can be built in slices (while the browser is idle), carrying on where it stopped', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      job({
        job_id: i.toString(16).padStart(16, '0'),
        customer_name: `Customer ${i}`,
        notes: i === 299 ? 'fridge' : '',
      }),
    );
    const search = new JobSearch();
    expect(search.syncSome(many, () => true)).toBe(false);
    expect(search.size).toBeGreaterThan(0);
    expect(search.size).toBeLessThan(300);
    let slices = 1;
    while (!search.syncSome(many, () => true)) slices++;
    expect(slices).toBeGreaterThan(2);
    expect(search.size).toBe(300);
    expect([...(search.find('fridge')?.keys() ?? [])]).toEqual([many[299]!.job_id]);
  });
});
