import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { columnsOf, RECENT_CLOSED_MIN } from '../../src/renderer/src/board/board-columns-data';
import { cardAfterKey } from '../../src/renderer/src/board/board-nav';
import { correctionTarget, judgeMove } from '../../src/renderer/src/board/move-rules';

const job = (i: number, fields: Partial<Job> = {}): Job => ({
  ...MARK_SEED_RECORD,
  job_id: i.toString(16).padStart(16, '0'),
  customer_name: `Customer ${i}`,
  pickup_date: new Date(Date.UTC(2026, 11, 1) + i * 3600_000).toISOString(),
  ...fields,
});
const NOW = Date.UTC(2026, 11, 10);

describe('board columns', () => {
  it('puts open jobs in pickup order and keeps closed columns to recent ones', () => {
    const jobs = [
      job(3, { status: 'scheduled' }),
      job(1, { status: 'scheduled' }),
      ...Array.from({ length: 30 }, (_, i) =>
        job(100 + i, {
          status: 'completed',
          updated_at: new Date(NOW - i * 86_400_000).toISOString(),
        }),
      ),
    ];
    const columns = columnsOf(jobs, false, NOW);
    expect(columns.scheduled.jobs.map((j) => j.customer_name)).toEqual([
      'Customer 1',
      'Customer 3',
    ]);
    expect(columns.completed.jobs).toHaveLength(RECENT_CLOSED_MIN);
    // The most recently closed are kept (100 closed today … 119), shown latest pickup first.
    expect(columns.completed.jobs.map((j) => j.customer_name)).toEqual(
      Array.from({ length: RECENT_CLOSED_MIN }, (_, i) => `Customer ${119 - i}`),
    );
    expect(columns.completed.hidden).toBe(30 - RECENT_CLOSED_MIN);
    expect(columnsOf(jobs, true, NOW).completed.jobs).toHaveLength(30);
  });

  it('leads the arrow keys within a column and across to the nearest non-empty one', () => {
    const columns = columnsOf(
      [
        job(1, { status: 'requested' }),
        job(2, { status: 'requested' }),
        job(3, { status: 'on_site' }),
      ],
      false,
      NOW,
    );
    const id = (i: number) => job(i).job_id;
    expect(cardAfterKey(columns, id(1), 'ArrowDown')?.customer_name).toBe('Customer 2');
    expect(cardAfterKey(columns, id(2), 'ArrowDown')).toBeNull();
    expect(cardAfterKey(columns, id(2), 'ArrowRight')?.customer_name).toBe('Customer 3');
    expect(cardAfterKey(columns, id(3), 'ArrowLeft')?.customer_name).toBe('Customer 1');
    expect(cardAfterKey(columns, id(1), 'End')?.customer_name).toBe('Customer 2');
  });
});

describe('moves', () => {
  it('accepts a step forward and a cancel, asks a reason to go back, refuses the rest', () => {
    const scheduled = job(1, { status: 'scheduled' });
    expect(judgeMove(scheduled, 'en_route').kind).toBe('move');
    expect(judgeMove(scheduled, 'canceled').kind).toBe('move');
    expect(judgeMove(scheduled, 'requested').kind).toBe('correction');
    expect(judgeMove(scheduled, 'scheduled').kind).toBe('same');
    const refused = judgeMove(scheduled, 'on_site');
    expect(refused).toMatchObject({ kind: 'refused', why: expect.stringContaining('En route') });
  });

  it('takes a canceled job back to where it was canceled from', () => {
    const canceled = job(1, {
      status: 'canceled',
      history: [
        { status: 'scheduled', at: '2026-11-01T00:00:00Z' },
        { status: 'en_route', at: '2026-11-02T00:00:00Z' },
        { status: 'canceled', at: '2026-11-03T00:00:00Z' },
      ],
    });
    expect(correctionTarget(canceled)).toBe('en_route');
    expect(judgeMove(canceled, 'completed').kind).toBe('refused');
  });
});
