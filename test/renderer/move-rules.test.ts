import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { customerLinkOf } from '../../src/renderer/src/job-detail/customer-link';
import { cardPrice } from '../../src/renderer/src/board/card-price';
import {
  backTargets,
  canMarkDone,
  correctionTarget,
  judgeMove,
  needsPhoneConfirmation,
  reasonWords,
} from '../../src/renderer/src/board/move-rules';

// Issue 17: the board's reading of the move rules agrees with core's (src/shared/status-flow.ts):
// a drag to Completed from Scheduled or En route marks the job done at once (with Undo), a move
// back may go several steps (with a reason), and a request with no quote is never scheduled by a
// drop — the drop is refused with the way to do it.

const job = (fields: Partial<Job> = {}): Job => ({ ...MARK_SEED_RECORD, ...fields });
const request = job({ status: 'requested', price: 0, customer_name: 'Priya Nair' });

describe('office completion on the board', () => {
  it.each(['scheduled', 'en_route', 'on_site'] as const)(
    'a drop of a %s job on Completed moves it at once',
    (status) => {
      expect(judgeMove(job({ status }), 'completed')).toEqual({ kind: 'move' });
      expect(canMarkDone(job({ status }))).toBe(true);
    },
  );

  it('does not mark a request, a canceled or a completed job done', () => {
    expect(judgeMove(request, 'completed')).toEqual({
      kind: 'refused',
      why: 'Schedule it first: a requested job goes to Scheduled before Completed.',
    });
    for (const status of ['requested', 'canceled', 'completed'] as const) {
      expect(canMarkDone(job({ status, price: 0 }))).toBe(false);
    }
  });

  it('still refuses the crew-only jump Scheduled → On site', () => {
    expect(judgeMove(job({ status: 'scheduled' }), 'on_site')).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('Send the crew on the way first') as string,
    });
  });
});

describe('a correction several steps back', () => {
  it('asks a reason for a drop from Completed onto Scheduled', () => {
    expect(judgeMove(job({ status: 'completed' }), 'scheduled')).toEqual({ kind: 'correction' });
    expect(judgeMove(job({ status: 'completed' }), 'canceled').kind).toBe('refused');
  });

  it('offers every earlier status, nearest first; a canceled job reopens where it was', () => {
    expect(backTargets(job({ status: 'completed' }))).toEqual([
      'on_site',
      'en_route',
      'scheduled',
      'requested',
    ]);
    expect(backTargets(job({ status: 'scheduled' }))).toEqual(['requested']);
    expect(backTargets(request)).toEqual([]);
    const canceled = job({
      status: 'canceled',
      history: [
        { status: 'scheduled', at: '2026-11-01T00:00:00Z' },
        { status: 'en_route', at: '2026-11-02T00:00:00Z' },
        { status: 'canceled', at: '2026-11-03T00:00:00Z' },
      ],
    });
    expect(backTargets(canceled)).toEqual(['en_route']);
    expect(correctionTarget(job({ status: 'completed' }))).toBe('on_site');
    expect(reasonWords(job({ status: 'completed' }), 'scheduled')).toMatchObject({
      title: "Move Mark's job back to Scheduled?",
      submit: 'Move back to Scheduled',
    });
  });
});

describe('no Scheduled without a quote or a confirmation by phone', () => {
  it('refuses a drop of a request with no quote onto Scheduled, saying what to do', () => {
    expect(needsPhoneConfirmation(request)).toBe(true);
    expect(judgeMove(request, 'scheduled')).toEqual({
      kind: 'refused',
      why: "Priya Nair's request has no quote yet. Send a quote, or choose “Schedule (confirmed by phone)…” in the card's menu.",
    });
    expect(reasonWords(request, 'scheduled')).toMatchObject({
      title: "Schedule Priya Nair's request without a quote?",
      label: 'Confirmed by phone: what was agreed',
    });
  });

  it('moves a request that has a quote onto Scheduled at once', () => {
    const quoted = { ...request, quoted_at: '2026-11-28T09:00:00Z' };
    expect(needsPhoneConfirmation(quoted)).toBe(false);
    expect(judgeMove(quoted, 'scheduled')).toEqual({ kind: 'move' });
  });

  it('a price typed on a request is no quote: scheduling it asks for the phone confirmation, as the panel asks for a quote', () => {
    const typed = { ...request, price: 350 };
    expect(needsPhoneConfirmation(typed)).toBe(true);
    expect(judgeMove(typed, 'scheduled')).toMatchObject({ kind: 'refused' });
    expect(customerLinkOf(typed, 'https://example.com')).toEqual({ kind: 'awaiting_quote' });
    expect(cardPrice(typed)).toBe('needs quote');
  });
});
