import { describe, expect, it } from 'vitest';
import {
  conversationOf,
  hasUnread,
  optOutNote,
  stateWords,
} from '../../src/renderer/src/job-detail/text-lines';
import type { TextRecord } from '../../src/shared/messages/text-record';

const CHICAGO = 'America/Chicago';
let n = 0;
const id = () => (n++).toString(16).padStart(16, '0');
const out = (state: TextRecord['state'], extra: Partial<TextRecord> = {}): TextRecord => ({
  id: id(),
  direction: 'out',
  trigger: 'en_route',
  state,
  at: '2026-12-08T16:12:00Z',
  ...extra,
});
const reply = (body: string, at: string, extra: Partial<TextRecord> = {}): TextRecord => ({
  id: id(),
  direction: 'in',
  trigger: 'reply',
  state: 'received',
  at,
  from: '+13125550142',
  body,
  ...extra,
});

describe('a text state in words (issue 18)', () => {
  it('names every state with an icon that is a character, and the carrier reason when it failed', () => {
    const words = (state: TextRecord['state'], extra: Partial<TextRecord> = {}) =>
      stateWords({ direction: 'out', ...extra, state });
    expect(words('sent')).toMatchObject({ state: 'Sent', icon: '✓' });
    expect(words('delivered')).toMatchObject({ state: 'Delivered', icon: '✓✓' });
    expect(words('failed', { reason: 'Unreachable destination' })).toMatchObject({
      state: 'Failed: Unreachable destination',
      tone: 'bad',
    });
    expect(words('failed').state).toBe('Failed: no reason given');
    expect(words('skipped', { reason: 'texts are off for this job' }).state).toBe(
      'Skipped: texts are off for this job',
    );
    expect(words('opted_out').state).toBe('Opted out');
    expect(words('pending').state).toBe('Waiting to send');
    expect(
      stateWords(
        { direction: 'out', state: 'pending' },
        { status: 'held', reason: 'quiet hours until 8:00 AM' },
      ).state,
    ).toBe('Held until 8:00 AM (quiet hours)');
    expect(stateWords({ direction: 'in', state: 'received' }).state).toBe('New reply');
    expect(
      stateWords({ direction: 'in', state: 'received', read_at: '2026-12-08T16:00:00Z' }).state,
    ).toBe('Reply');
    for (const state of [
      'sent',
      'delivered',
      'failed',
      'skipped',
      'opted_out',
      'pending',
    ] as const) {
      expect(words(state).icon).toMatch(/\S/);
    }
  });
});

describe('the conversation', () => {
  it('is oldest first, newest at the bottom, with times in the business zone and segments', () => {
    const texts = [
      reply('Running late?', '2026-12-08T16:20:00Z'),
      out('delivered', { sent_at: '2026-12-08T16:12:30Z', segments: 2, body: 'On our way' }),
      out('pending', { at: '2026-12-08T16:30:00Z' }),
    ];
    const lines = conversationOf({ texts }, { timeZone: CHICAGO });
    expect(lines.map((l) => l.body)).toEqual(['On our way', 'Running late?', null]);
    expect(lines[0]).toMatchObject({ when: 'Dec 8, 10:12 AM', segments: '2 texts', unread: false });
    expect(lines[1]).toMatchObject({ direction: 'in', unread: true, segments: null });
    expect(hasUnread({ texts })).toBe(true);
    expect(
      hasUnread({
        texts: [reply('ok', '2026-12-08T16:20:00Z', { read_at: '2026-12-08T16:21:00Z' })],
      }),
    ).toBe(false);
    expect(conversationOf({}, { timeZone: CHICAGO })).toEqual([]);
  });
});

describe('an opted-out customer', () => {
  it('says when they texted STOP, and nothing once they texted START again', () => {
    const stop = reply('stop ', '2026-12-08T17:00:00Z');
    expect(optOutNote({ texts: [stop] }, '+13125550142', [], CHICAGO)?.text).toBe(
      'Texted STOP on Dec 8 — automatic texts are off until they text START',
    );
    const start = reply('START', '2026-12-08T18:00:00Z');
    expect(optOutNote({ texts: [stop, start] }, '+13125550142', [], CHICAGO)).toBeNull();
    // Core's list decides even when the STOP came on another job.
    expect(optOutNote({ texts: [] }, '+13125550142', ['+13125550142'], CHICAGO)?.text).toBe(
      'Opted out of texts — automatic texts are off until they text START',
    );
    expect(
      optOutNote({ texts: [reply("Please don't stop by before 9", stop.at)] }, null, [], CHICAGO),
    ).toBeNull();
  });
});
