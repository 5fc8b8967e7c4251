import { describe, expect, it } from 'vitest';
import { changeStatus } from '../../../src/core/jobs/job-changes';
import { withTextIntent } from '../../../src/core/jobs/text-intents';
import type { JobRules } from '../../../src/core/jobs/job-field-checks';
import type { Job } from '../../../src/shared/job';
import type { JobStatus } from '../../../src/shared/status-flow';
import { applySubmissions } from '../../../src/core/inbox/inbox-changes';

// Issue 18 "Exactly once": the intent (a pending text) is written with the status change that
// owes it, and only once per job, trigger and pickup.

const NOW = new Date('2026-11-28T09:00:00Z');
const RULES = { autoTexts: ['en_route', 'scheduled'] as JobStatus[], phoneCountry: 'US' as const };

function job(over: Partial<Job> = {}): Job {
  return {
    job_id: 'a1b2c3d4e5f60718',
    customer_name: 'Maria Lopez',
    address: '2250 North Lincoln Ave',
    status: 'scheduled',
    pickup_date: '2026-11-28T15:00:00Z',
    price: 300,
    currency: 'USD',
    tracking_token: 'x'.repeat(43),
    created_at: '2026-11-27T10:00:00Z',
    phone: '(312) 555-0142',
    ...over,
  };
}

/** Runs a status change over one job as the repository would, and returns the saved job. */
function move(
  current: Job,
  to: JobStatus,
  options: { undo?: boolean } = {},
  rules: JobRules = RULES,
): Job {
  const undo = options.undo === true ? { undo: true, from: current.status } : {};
  const { result } = changeStatus(current.job_id, to, NOW, 'ana', 'why', undo, rules)([current]);
  return result;
}

describe('a status change that texts', () => {
  it('appends one pending text, to the E.164 number, for the pickup, in the same change', () => {
    const saved = move(job(), 'en_route');
    expect(saved.status).toBe('en_route');
    expect(saved.texts).toHaveLength(1);
    expect(saved.texts?.[0]).toMatchObject({
      direction: 'out',
      trigger: 'en_route',
      state: 'pending',
      to: '+13125550142',
      for_pickup: '2026-11-28T15:00:00Z',
      at: NOW.toISOString(),
      by: 'ana',
    });
    expect(saved.texts?.[0]?.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('owes nothing for a status not in messages.auto, or without rules (today’s callers)', () => {
    expect(move(job({ status: 'en_route' }), 'on_site').texts).toBeUndefined();
    expect(move(job(), 'en_route', {}, {}).texts).toBeUndefined();
  });

  it('owes nothing with texts off, no phone, or a phone that cannot be one', () => {
    expect(move(job({ no_texts: true }), 'en_route').texts).toBeUndefined();
    const { phone: _phone, ...noPhone } = job();
    expect(move(noPhone, 'en_route').texts).toBeUndefined();
    expect(move(job({ phone: '12' }), 'en_route').texts).toBeUndefined();
  });

  it('an undo owes nothing, and a redo owes nothing new', () => {
    const enRoute = move(job(), 'en_route');
    const undone = move(enRoute, 'scheduled', { undo: true });
    expect(undone.texts).toHaveLength(1);
    const redone = move(undone, 'en_route');
    expect(redone.texts).toHaveLength(1);
  });

  it('a retried change (the same change run again on the saved job) owes nothing new', () => {
    const once = move(job(), 'en_route');
    const again = withTextIntent(job(), { ...once }, RULES, NOW);
    expect(again.texts).toHaveLength(1);
  });

  it('a job moved to another day is told again', () => {
    const enRoute = move(job(), 'en_route');
    const back = move(enRoute, 'scheduled');
    // Back to scheduled by a correction (not an undo) texts 'scheduled' for this pickup once.
    expect(back.texts?.map((t) => t.trigger)).toEqual(['en_route', 'scheduled']);
    const otherDay = { ...back, pickup_date: '2026-11-30T15:00:00Z' };
    const enRouteAgain = move(otherDay, 'en_route');
    expect(enRouteAgain.texts?.map((t) => t.trigger)).toEqual([
      'en_route',
      'scheduled',
      'en_route',
    ]);
    expect(enRouteAgain.texts?.[2]?.for_pickup).toBe('2026-11-30T15:00:00Z');
  });

  it('the office marking a scheduled job done in one move owes the completed text', () => {
    const done = move(job(), 'completed', {}, { ...RULES, autoTexts: ['completed'] });
    expect(done.history?.at(-1)?.skipped).toEqual(['en_route', 'on_site']);
    expect(done.texts?.map((t) => [t.trigger, t.state])).toEqual([['completed', 'pending']]);
  });

  it('keeps at most 100 texts, dropping the oldest', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      id: i.toString(16).padStart(16, '0'),
      direction: 'in' as const,
      trigger: 'reply' as const,
      state: 'received' as const,
      at: NOW.toISOString(),
    }));
    const saved = move(job({ texts: many }), 'en_route');
    expect(saved.texts).toHaveLength(100);
    expect(saved.texts?.[0]?.id).toBe('0000000000000001');
    expect(saved.texts?.[99]?.trigger).toBe('en_route');
  });

  it('moved back to a status whose text was skipped (moved on before it went) owes it again', () => {
    const held = move(job(), 'en_route');
    const skipped: Job = {
      ...held,
      status: 'on_site',
      texts: held.texts?.map((t) => ({ ...t, state: 'skipped' as const })),
    };
    // A correction back (an undo owes nothing by job-changes.ts's rule).
    const back = move(skipped, 'en_route');
    expect(back.texts?.map((t) => [t.trigger, t.state])).toEqual([
      ['en_route', 'skipped'],
      ['en_route', 'pending'],
    ]);
  });

  it('past 100 texts drops the oldest settled one, never a text still owed', () => {
    // The oldest text is owed (held in quiet hours): dropping it would lose it for good.
    const owed = {
      id: 'f'.repeat(16),
      direction: 'out' as const,
      trigger: 'manual' as const,
      state: 'pending' as const,
      at: '2026-11-27T09:00:00Z',
      to: '+13125550142',
      body: 'We are on our way.',
    };
    const replies = Array.from({ length: 99 }, (_, i) => ({
      id: i.toString(16).padStart(16, '0'),
      direction: 'in' as const,
      trigger: 'reply' as const,
      state: 'received' as const,
      at: NOW.toISOString(),
    }));
    const saved = move(job({ texts: [owed, ...replies] }), 'en_route');
    expect(saved.texts).toHaveLength(100);
    expect(saved.texts?.[0]).toEqual(owed);
    expect(saved.texts?.some((t) => t.id === '0000000000000000')).toBe(false);
    expect(saved.texts?.[99]?.trigger).toBe('en_route');
  });

  it('a customer confirming a quote on its page owes the scheduled text', () => {
    const requested = job({ status: 'requested', quoted_at: '2026-11-27T11:00:00Z' });
    const change = applySubmissions(
      [
        {
          key: 'inbox/new/c.json',
          submission: {
            kind: 'confirm',
            id: 'c'.repeat(32),
            token: requested.tracking_token,
            answer: 'confirm',
          } as never,
        },
      ],
      'America/Chicago',
      NOW,
      RULES,
    );
    const { result } = change([requested]);
    expect(result[0]).toMatchObject({ outcome: 'confirmed' });
    const confirmed = (result[0] as { job: Job }).job;
    expect(confirmed.texts?.map((t) => [t.trigger, t.state, t.by])).toEqual([
      ['scheduled', 'pending', 'customer'],
    ]);
  });
});
