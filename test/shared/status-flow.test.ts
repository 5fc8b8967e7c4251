import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isCorrection,
  JOB_STATUSES,
  moveKind,
  moveProblem,
  awaitsQuote,
  skippedSteps,
} from '../../src/shared/status-flow';
import type { JobStatus } from '../../src/shared/status-flow';

const LETTER = {
  none: 'n',
  step: 's',
  finish: 'f',
  confirm: 'p',
  correction: 'c',
  refused: 'r',
} as const;

function kindsOf(quoted: boolean): Record<string, string> {
  return Object.fromEntries(
    JOB_STATUSES.map((from) => [
      from,
      JOB_STATUSES.map((to) => LETTER[moveKind(from, to, { quoted })]).join(''),
    ]),
  );
}

describe('status moves and corrections (issue 8 §3, issue 17)', () => {
  it('knows every pair: a step, an office completion, a phone confirmation, a correction, or refused', () => {
    // n: none, s: step, f: finish (the office marks it done), p: confirmed by phone (a request
    // with no quote), c: correction, r: refused — columns in JOB_STATUSES order.
    const moves = {
      scheduled: 'cnsrfs',
      en_route: 'ccnsfs',
      on_site: 'cccnss',
      completed: 'ccccnr',
      canceled: 'ccccrn',
    };
    expect(kindsOf(false)).toEqual({ requested: 'nprrrs', ...moves });
    expect(kindsOf(true)).toEqual({ requested: 'nsrrrs', ...moves });
    // A caller that does not say counts the request as unquoted: it asks for a reason.
    expect(moveKind('requested', 'scheduled')).toBe('confirm');
  });

  it('keeps canTransition for the plain moves only', () => {
    for (const from of JOB_STATUSES) {
      for (const to of JOB_STATUSES) {
        expect(canTransition(from, to)).toBe(moveKind(from, to, { quoted: true }) === 'step');
        expect(isCorrection(from, to)).toBe(moveKind(from, to) === 'correction');
      }
    }
  });

  it('needs a non-blank reason for a correction and a phone confirmation, and none for a step', () => {
    expect(moveProblem('en_route', 'on_site')).toBeNull();
    expect(moveProblem('on_site', 'canceled')).toBeNull();
    expect(moveProblem('scheduled', 'completed')).toBeNull();
    expect(moveProblem('completed', 'on_site')).toMatch(/^Moving a job back needs a reason/);
    expect(moveProblem('completed', 'on_site', '  ')).toMatch(/needs a reason/);
    expect(moveProblem('completed', 'on_site', 'misclick')).toBeNull();
    expect(moveProblem('completed', 'scheduled', 'wrong job marked')).toBeNull();
    expect(moveProblem('canceled', 'scheduled')).toMatch(
      /^Reopening a canceled job needs a reason/,
    );
    expect(moveProblem('requested', 'scheduled')).toMatch(/^This request has no quote yet/);
    expect(moveProblem('requested', 'scheduled', ' ')).toMatch(/^This request has no quote yet/);
    expect(moveProblem('requested', 'scheduled', 'confirmed by phone')).toBeNull();
    expect(moveProblem('requested', 'scheduled', undefined, { quoted: true })).toBeNull();
  });

  it('names the steps an office completion skips', () => {
    expect(skippedSteps('scheduled', 'completed')).toEqual(['en_route', 'on_site']);
    expect(skippedSteps('en_route', 'completed')).toEqual(['on_site']);
    expect(skippedSteps('on_site', 'completed')).toEqual([]);
    expect(skippedSteps('completed', 'scheduled')).toEqual([]);
    expect(skippedSteps('canceled', 'completed')).toEqual([]);
  });

  it('reads a job’s quote as the board does: a request at 0 with no quoted_at waits', () => {
    const request = { status: 'requested', price: 0 } as const;
    expect(awaitsQuote(request)).toBe(true);
    expect(awaitsQuote({ ...request, quoted_at: '2026-11-28T09:00:00Z' })).toBe(false);
    // A price typed on the request is not a quote: the customer has not seen it (issue 17).
    expect(awaitsQuote({ ...request, price: 350 })).toBe(true);
    expect(awaitsQuote({ ...request, status: 'scheduled' })).toBe(false);
  });

  it.each<[JobStatus, JobStatus, string]>([
    [
      'requested',
      'en_route',
      'Schedule it first: a requested job goes to Scheduled before En route.',
    ],
    [
      'requested',
      'completed',
      'Schedule it first: a requested job goes to Scheduled before Completed.',
    ],
    [
      'scheduled',
      'on_site',
      'Send the crew on the way first: a scheduled job goes to En route before On site.',
    ],
    [
      'completed',
      'canceled',
      'A completed job cannot be canceled. Move it back to an open status first, with a reason.',
    ],
  ])('explains why %s → %s is refused', (from, to, message) => {
    expect(moveProblem(from, to, 'any reason', { quoted: true })).toBe(message);
  });
});
