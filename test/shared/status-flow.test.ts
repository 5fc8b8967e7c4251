import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isCorrection,
  JOB_STATUSES,
  moveKind,
  moveProblem,
} from '../../src/shared/status-flow';
import type { JobStatus } from '../../src/shared/status-flow';

describe('status moves and corrections (issue 8 §3)', () => {
  it('knows every pair: a plain step, a correction, or refused', () => {
    const kinds = Object.fromEntries(
      JOB_STATUSES.map((from) => [from, JOB_STATUSES.map((to) => moveKind(from, to)[0]).join('')]),
    );
    // n: none, s: step, c: correction, r: refused — columns in JOB_STATUSES order.
    expect(kinds).toEqual({
      requested: 'nsrrrs',
      scheduled: 'cnsrrs',
      en_route: 'rcnsrs',
      on_site: 'rrcnss',
      completed: 'rrrcnr',
      canceled: 'ccccrn',
    });
  });

  it('keeps canTransition for the plain moves only', () => {
    for (const from of JOB_STATUSES) {
      for (const to of JOB_STATUSES) {
        expect(canTransition(from, to)).toBe(moveKind(from, to) === 'step');
        expect(isCorrection(from, to)).toBe(moveKind(from, to) === 'correction');
      }
    }
  });

  it('needs a non-blank reason for a correction, and none for a step', () => {
    expect(moveProblem('en_route', 'on_site')).toBeNull();
    expect(moveProblem('on_site', 'canceled')).toBeNull();
    expect(moveProblem('completed', 'on_site')).toMatch(/^Moving a job back needs a reason/);
    expect(moveProblem('completed', 'on_site', '  ')).toMatch(/needs a reason/);
    expect(moveProblem('completed', 'on_site', 'misclick')).toBeNull();
    expect(moveProblem('canceled', 'scheduled')).toMatch(
      /^Reopening a canceled job needs a reason/,
    );
  });

  it.each<[JobStatus, JobStatus, string]>([
    [
      'requested',
      'en_route',
      'Schedule it first: a requested job goes to Scheduled before En route.',
    ],
    [
      'scheduled',
      'completed',
      'Send the crew on the way first: a scheduled job goes to En route before Completed.',
    ],
    [
      'en_route',
      'completed',
      'Mark the crew on site first: an en route job goes to On site before Completed.',
    ],
    [
      'completed',
      'en_route',
      'A job moves back one step at a time: a completed job goes back to On site first.',
    ],
    [
      'en_route',
      'requested',
      'A job moves back one step at a time: an en route job goes back to Scheduled first.',
    ],
  ])('explains why %s → %s is refused', (from, to, message) => {
    expect(moveProblem(from, to, 'any reason')).toBe(message);
  });
});
