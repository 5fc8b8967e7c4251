import { describe, expect, it } from 'vitest';
import { appendText } from '../../../src/core/jobs/text-append';
import { recordReply } from '../../../src/core/jobs/text-inbound-changes';
import type { Job } from '../../../src/shared/job';
import type { TextRecord } from '../../../src/shared/messages/text-record';

// The 100-texts cap (src/core/jobs/text-append.ts) keeps every owed text: a customer who
// replies a hundred times must not make the console forget the text it still owes them.

const owed = (id: string): TextRecord => ({
  id,
  direction: 'out',
  trigger: 'en_route',
  state: 'pending',
  at: '2031-04-01T02:00:00Z',
  to: '+13125550142',
});
const received = (i: number): TextRecord => ({
  id: `a${i.toString(16).padStart(15, '0')}`,
  direction: 'in',
  trigger: 'reply',
  state: 'received',
  at: '2031-04-01T03:00:00Z',
});

describe('appendText', () => {
  it('a reply past the cap drops the oldest reply, not the text held in quiet hours', () => {
    const job: Job = {
      job_id: 'a1b2c3d4e5f60718',
      customer_name: 'Maria Lopez',
      address: '2250 North Lincoln Ave',
      status: 'en_route',
      pickup_date: '2031-04-01T15:00:00Z',
      price: 300,
      currency: 'USD',
      tracking_token: 'x'.repeat(43),
      created_at: '2031-03-30T10:00:00Z',
      phone: '(312) 555-0142',
      texts: [owed('b'.repeat(16)), ...Array.from({ length: 99 }, (_, i) => received(i))],
    };
    const change = recordReply(
      { providerId: 'in-1', from: '+13125550142', body: 'ok', at: '2031-04-01T04:00:00Z' },
      'US',
      () => 'c'.repeat(16),
    );
    const [saved] = change([job]).changed;
    expect(saved?.texts).toHaveLength(100);
    expect(saved?.texts?.[0]?.state).toBe('pending');
    expect(saved?.texts?.some((t) => t.id === received(0).id)).toBe(false);
    expect(saved?.texts?.at(-1)?.body).toBe('ok');
  });

  it('refuses in plain words rather than drop a text when all 100 are still owed', () => {
    const all = Array.from({ length: 100 }, (_, i) => owed(i.toString(16).padStart(16, '0')));
    expect(() => appendText(all, received(1))).toThrow(/100 texts waiting to go/);
  });
});
