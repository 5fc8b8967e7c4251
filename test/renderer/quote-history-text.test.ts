import { describe, expect, it } from 'vitest';
import { describeHistory } from '../../src/renderer/src/job-detail/history-text';
import type { HistoryEntry } from '../../src/shared/job';

// Issue 17 §5: "the quote is not in the history". The panel's history says what was quoted
// (amount and window, in the business's zone) and that the office quoted it; a re-quote is its
// own line, and the customer's confirmation after it reads as the move it is.

const TZ = 'America/Chicago';

describe('a quote in the history timeline', () => {
  it('says the amount, the window in the business’s zone, and who quoted', () => {
    const history: HistoryEntry[] = [
      { status: 'requested', at: '2030-11-20T15:00:00Z', by: 'customer' },
      {
        status: 'requested',
        at: '2030-11-20T16:00:00Z',
        event: 'quote',
        by: 'ana@desk (console)',
        quote: {
          price: 350,
          currency: 'USD',
          pickup_date: '2030-11-27T19:00:00Z',
          pickup_window_end: '2030-11-27T23:00:00Z',
        },
      },
      {
        status: 'requested',
        at: '2030-11-20T17:00:00Z',
        event: 'quote',
        quote: { price: 300, currency: 'USD', pickup_date: '2030-11-28T15:00:00Z' },
      },
      { status: 'scheduled', at: '2030-11-21T09:00:00Z', by: 'customer' },
    ];
    const lines = describeHistory(history, TZ);
    expect(lines.map((l) => l.what)).toEqual([
      'Moved to Scheduled',
      'Quoted $300.00 for Thu, Nov 28, 2030, 9:00 AM, by the office',
      'Quoted $350.00 for Wed, Nov 27, 2030, 1:00 PM – 5:00 PM, by the office',
      'Created as Requested',
    ]);
    expect(lines[2]!.by).toBe('ana@desk (console)');
  });

  it('a quote entry it cannot read still says a quote was made', () => {
    const odd: HistoryEntry = { status: 'requested', at: '2030-11-20T16:00:00Z', event: 'quote' };
    expect(describeHistory([odd], TZ)[0]!.what).toBe('Quoted, by the office');
    const garbled = { ...odd, quote: { price: '350', currency: 'USD' } };
    expect(describeHistory([garbled], TZ)[0]!.what).toBe('Quoted, by the office');
  });
});
