import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describeHistory } from '../../src/renderer/src/job-detail/history-text';
import { HistoryTimeline } from '../../src/renderer/src/job-detail/history-timeline';
import type { HistoryEntry, Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';

const CHICAGO = 'America/Chicago';
const at = (minute: number) => `2026-12-07T18:${String(minute).padStart(2, '0')}:00Z`;

// Wed Dec 9 2026 1:00 PM and Thu Dec 10 9:00 AM in Chicago.
const WED_1PM = '2026-12-09T19:00:00Z';
const THU_9AM = '2026-12-10T15:00:00Z';

const history: HistoryEntry[] = [
  { status: 'scheduled', at: at(0), event: 'created' },
  {
    status: 'scheduled',
    at: at(1),
    event: 'edit',
    fields: ['pickup_date', 'price', 'notes'],
    changes: {
      pickup_date: { from: WED_1PM, to: THU_9AM },
      price: { from: 300, to: 350 },
    },
  },
  {
    status: 'scheduled',
    at: at(2),
    event: 'edit',
    undo: true,
    fields: ['pickup_date', 'price'],
    changes: {
      pickup_date: { from: THU_9AM, to: WED_1PM },
      price: { from: 350, to: 300 },
    },
  },
  {
    status: 'scheduled',
    at: at(3),
    event: 'edit',
    fields: ['assigned_to', 'currency', 'price'],
    changes: {
      assigned_to: { from: null, to: 'Dana Whitfield' },
      currency: { from: 'USD', to: 'CAD' },
      price: { from: 300, to: 400 },
    },
  },
  // Written before values were kept: the names only, as before.
  { status: 'scheduled', at: at(4), event: 'edit', fields: ['phone', 'pickup_date'] },
];

describe('the history says what an edit changed, old → new, and marks undos (issue 17)', () => {
  it('reads price and pickup old → new in the business zone, an undo as Undone', () => {
    const lines = describeHistory(history, CHICAGO, 'USD').map((l) => l.what);
    expect(lines).toEqual([
      'Edited phone, pickup time',
      'Crew none → Dana Whitfield; Currency USD → CAD; Price $300.00 → CA$400.00',
      'Undone: Pickup Thu, Dec 10, 9:00 AM → Wed, Dec 9, 1:00 PM; Price $350.00 → $300.00',
      'Pickup Wed, Dec 9, 1:00 PM → Thu, Dec 10, 9:00 AM; Price $300.00 → $350.00; edited notes',
      'Created as Scheduled',
    ]);
    // The edit and its undo no longer read alike.
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('marks an undone move, without repeating its "Undo" reason; a correction keeps its reason', () => {
    const lines = describeHistory([
      { status: 'scheduled', at: at(0), event: 'created' },
      { status: 'en_route', at: at(1), event: 'status' },
      { status: 'scheduled', at: at(2), event: 'status', reason: 'Undo', undo: true },
      { status: 'en_route', at: at(3), event: 'status' },
      { status: 'scheduled', at: at(4), event: 'status', reason: 'Truck broke down' },
    ]);
    expect(lines.slice(0, 3).map((l) => [l.what, l.reason])).toEqual([
      ['Moved back to Scheduled', 'Truck broke down'],
      ['Moved to En route', null],
      ['Undone: Moved back to Scheduled', null],
    ]);
  });

  it('shows the lines in the panel, with the job currency', () => {
    const job: Job = { ...MARK_SEED_RECORD, history };
    const html = renderToStaticMarkup(createElement(HistoryTimeline, { job, timeZone: CHICAGO }));
    expect(html).toContain('Undone: Pickup Thu, Dec 10, 9:00 AM → Wed, Dec 9, 1:00 PM');
    expect(html).toContain('Price $300.00 → $350.00');
  });
});
