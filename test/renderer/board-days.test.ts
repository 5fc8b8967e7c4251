import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { columnsOf, pickupTime } from '../../src/renderer/src/board/board-columns-data';
import { dayRows } from '../../src/renderer/src/board/day-rows';
import type { BoardRow } from '../../src/renderer/src/board/day-rows';
import { inBoardRange } from '../../src/renderer/src/board/board-range';
import { cardPrice } from '../../src/renderer/src/board/card-price';

// Issue 17: the board's columns under date headers in the business's zone, a default range of
// today and what is coming (an overdue open job never hidden), and "needs quote" on a request.
const CHICAGO = 'America/Chicago';
// Monday Dec 7, 2026, 6:00 PM in Chicago (00:00 UTC on Tuesday Dec 8).
const NOW = new Date('2026-12-08T00:00:00Z');

let n = 0;
const job = (fields: Partial<Job>): Job => ({
  ...MARK_SEED_RECORD,
  job_id: (++n).toString(16).padStart(16, '0'),
  ...fields,
});

/** A column's rows as text: "# header (count)" for a day, the name for a card. */
const read = (rows: BoardRow[]) =>
  rows.map((r) => (r.kind === 'day' ? `# ${r.label} (${r.count})` : r.job.customer_name));

describe('day headers', () => {
  it('groups open jobs under their pickup day in the business zone, in pickup order', () => {
    const jobs = [
      job({ customer_name: 'Overdue', pickup_date: '2026-12-05T16:00:00Z' }), // Sat 10 AM
      job({ customer_name: 'Morning', pickup_date: '2026-12-07T15:00:00Z' }), // Mon 9 AM
      // 23:30 in Chicago on Monday is 05:30 UTC on Tuesday: still today there.
      job({ customer_name: 'Late night', pickup_date: '2026-12-08T05:30:00Z' }),
      // 00:30 on Tuesday in Chicago: tomorrow.
      job({ customer_name: 'Just after midnight', pickup_date: '2026-12-08T06:30:00Z' }),
      job({ customer_name: 'Wednesday', pickup_date: '2026-12-09T20:00:00Z' }),
      job({ customer_name: 'Next year', pickup_date: '2027-01-04T15:00:00Z' }),
    ];
    const rows = dayRows(jobs, 'open', pickupTime, CHICAGO, NOW);
    expect(read(rows)).toEqual([
      '# Earlier (1)',
      'Overdue',
      '# Today · Mon Dec 7 (2)',
      'Morning',
      'Late night',
      '# Tomorrow · Tue Dec 8 (1)',
      'Just after midnight',
      '# Wed Dec 9 (1)',
      'Wednesday',
      '# Mon Jan 4 2027 (1)',
      'Next year',
    ]);
    // The overdue group is marked; its cards keep their day, the others show the time alone.
    expect(rows[0]).toMatchObject({ kind: 'day', key: 'earlier', overdue: true });
    expect(rows.filter((r) => r.kind === 'job').map((r) => r.timeOnly)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    // The same jobs in UTC's days: the late-night job is Tuesday's there, not Monday's, and
    // Monday's is over.
    expect(read(dayRows(jobs, 'open', pickupTime, 'UTC', NOW)).slice(0, 6)).toEqual([
      '# Earlier (2)',
      'Overdue',
      'Morning',
      '# Today · Tue Dec 8 (2)',
      'Late night',
      'Just after midnight',
    ]);
  });

  it('gives each card its place in the column, for the arrow keys and scrolling', () => {
    const columns = columnsOf(
      [
        job({ customer_name: 'B', status: 'scheduled', pickup_date: '2026-12-09T20:00:00Z' }),
        job({ customer_name: 'A', status: 'scheduled', pickup_date: '2026-12-07T20:00:00Z' }),
      ],
      false,
      NOW.getTime(),
    );
    const rows = dayRows(columns.scheduled.jobs, 'open', pickupTime, CHICAGO, NOW);
    const cards = rows.flatMap((r) => (r.kind === 'job' ? [[r.job.customer_name, r.index]] : []));
    expect(cards).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });

  it('groups a closed column by pickup day too, the latest first', () => {
    const done = (name: string, pickup: string, status: Job['status'] = 'completed') =>
      job({ customer_name: name, status, pickup_date: pickup, updated_at: NOW.toISOString() });
    const columns = columnsOf(
      [
        done('Two days ago', '2026-12-05T20:00:00Z'),
        done('This afternoon', '2026-12-07T21:00:00Z'),
        // 11 PM on Sunday in Chicago, Monday in UTC.
        done('Sunday night', '2026-12-07T05:00:00Z'),
        done('This morning', '2026-12-07T15:00:00Z'),
        done('Canceled for Wednesday', '2026-12-09T15:00:00Z', 'canceled'),
      ],
      false,
      NOW.getTime(),
    );
    expect(read(dayRows(columns.completed.jobs, 'closed', pickupTime, CHICAGO, NOW))).toEqual([
      '# Today · Mon Dec 7 (2)',
      'This afternoon',
      'This morning',
      '# Yesterday · Sun Dec 6 (1)',
      'Sunday night',
      '# Sat Dec 5 (1)',
      'Two days ago',
    ]);
    // A canceled job's header is the day it was for, not the day it was canceled.
    expect(read(dayRows(columns.canceled.jobs, 'closed', pickupTime, CHICAGO, NOW))).toEqual([
      '# Wed Dec 9 (1)',
      'Canceled for Wednesday',
    ]);
  });
});

describe('the default board range: today and what is coming', () => {
  const jobs = [
    job({
      customer_name: 'Overdue open',
      status: 'scheduled',
      pickup_date: '2026-11-30T16:00:00Z',
    }),
    job({ customer_name: 'Stuck on site', status: 'on_site', pickup_date: '2026-12-06T16:00:00Z' }),
    job({ customer_name: 'Old request', status: 'requested', pickup_date: '2026-12-01T16:00:00Z' }),
    job({
      customer_name: 'Done yesterday',
      status: 'completed',
      pickup_date: '2026-12-06T16:00:00Z',
    }),
    // 11:30 PM on Sunday in Chicago is Monday in UTC: a past day in the business's zone.
    job({
      customer_name: 'Done Sunday night',
      status: 'completed',
      pickup_date: '2026-12-07T05:30:00Z',
    }),
    job({ customer_name: 'Done today', status: 'completed', pickup_date: '2026-12-07T15:00:00Z' }),
    job({
      customer_name: 'Canceled for Friday',
      status: 'canceled',
      pickup_date: '2026-12-11T15:00:00Z',
    }),
    job({ customer_name: 'Tomorrow', status: 'scheduled', pickup_date: '2026-12-08T15:00:00Z' }),
  ];
  const names = (list: readonly Job[]) => list.map((j) => j.customer_name);

  it('keeps every open job, overdue ones too, and what is finished from today on', () => {
    expect(names(inBoardRange(jobs, 'coming', CHICAGO, NOW))).toEqual([
      'Overdue open',
      'Stuck on site',
      'Old request',
      'Done today',
      'Canceled for Friday',
      'Tomorrow',
    ]);
    // The overdue one then leads its column, under "Earlier".
    const columns = columnsOf(inBoardRange(jobs, 'coming', CHICAGO, NOW), false, NOW.getTime());
    expect(read(dayRows(columns.scheduled.jobs, 'open', pickupTime, CHICAGO, NOW))).toEqual([
      '# Earlier (1)',
      'Overdue open',
      '# Tomorrow · Tue Dec 8 (1)',
      'Tomorrow',
    ]);
  });

  it('keeps All: every job', () => {
    expect(inBoardRange(jobs, 'all', CHICAGO, NOW)).toEqual(jobs);
  });
});

describe("a card's price", () => {
  it('says "needs quote" for a request with no price yet, never "$0.00"', () => {
    expect(cardPrice(job({ status: 'requested', price: 0 }))).toBe('needs quote');
  });

  it('shows the money otherwise: a quoted request, a scheduled job', () => {
    const quoted = job({ status: 'requested', price: 0, quoted_at: '2026-12-07T15:00:00Z' });
    expect(cardPrice(quoted)).toBe('$0.00');
    expect(
      cardPrice(job({ status: 'requested', price: 350, quoted_at: '2026-12-07T15:00:00Z' })),
    ).toBe('$350.00');
    // A price typed on a request is no quote yet (status-flow.ts hasQuote, issue 17).
    expect(cardPrice(job({ status: 'requested', price: 200 }))).toBe('needs quote');
    expect(cardPrice(job({ status: 'scheduled', price: 600 }))).toBe('$600.00');
  });
});
