import { describe, expect, it } from 'vitest';
import { pickupProblem } from '../../src/shared/pickup-checks';

const NOW = new Date('2026-11-28T20:00:00Z'); // 2 pm in Chicago

describe('pickup checks (issue 8 §2)', () => {
  it('accepts a window from now on, and one that is under way', () => {
    expect(pickupProblem({ start: '2026-11-29T15:00:00Z' }, NOW)).toBeNull();
    expect(
      pickupProblem({ start: '2026-11-28T18:00:00Z', end: '2026-11-28T23:00:00Z' }, NOW),
    ).toBeNull();
  });

  it('refuses a pickup that is over, naming it in the business’s zone', () => {
    expect(
      pickupProblem({ start: '2026-11-27T19:00:00Z' }, NOW, { timeZone: 'America/Chicago' }),
    ).toEqual({
      kind: 'past',
      message:
        'The pickup (Fri, Nov 27, 1:00 PM) is in the past. Choose a time from now on, or confirm that it is meant to be in the past.',
    });
  });

  it('lets a confirmed past pickup through, but never a window that ends first', () => {
    expect(pickupProblem({ start: '2026-11-27T19:00:00Z' }, NOW, { allowPast: true })).toBeNull();
    expect(
      pickupProblem({ start: '2026-11-29T19:00:00Z', end: '2026-11-29T18:00:00Z' }, NOW, {
        allowPast: true,
      }),
    ).toEqual({ kind: 'order', message: 'The pickup window must end after it starts.' });
    expect(pickupProblem({ start: 'tomorrow' }, NOW)?.kind).toBe('order');
  });
});
