import { describe, expect, it } from 'vitest';
import { recordReply } from '../../../src/core/jobs/text-inbound-changes';
import type { Job } from '../../../src/shared/job';
import type { TextRecord } from '../../../src/shared/messages/text-record';

// Which job a customer's reply lands on (src/core/jobs/text-inbound-changes.ts), by E.164.

const job = (job_id: string, phone: string): Job => ({
  job_id,
  customer_name: 'Maria Lopez',
  address: '2250 North Lincoln Ave',
  status: 'en_route',
  pickup_date: '2031-04-01T15:00:00Z',
  price: 300,
  currency: 'USD',
  tracking_token: 'x'.repeat(43),
  created_at: '2031-03-30T10:00:00Z',
  phone,
});
const reply = (from: string) =>
  recordReply(
    { providerId: `in-${from}`, from, body: 'Gate code 4411', at: '2031-04-01T14:00:00Z' },
    'US',
    () => 'c'.repeat(16),
  );

describe('recordReply', () => {
  it('lands on a job whose phone was typed with an extension (texts go to its E.164)', () => {
    const jobs = [job('a1b2c3d4e5f60718', '(312) 555-0142 x12')];
    const { result } = reply('+13125550142')(jobs);
    expect(result.jobs.map((j) => j.job_id)).toEqual(['a1b2c3d4e5f60718']);
  });

  it('does not land on a job whose number only shares the last seven digits', () => {
    const jobs = [job('a1b2c3d4e5f60718', '(773) 555-0142')];
    const { result } = reply('+13125550142')(jobs);
    expect(result.jobs).toEqual([]);
  });

  it('past 100 texts drops the oldest reply, not the text held in quiet hours', () => {
    const held: TextRecord = {
      id: 'b'.repeat(16),
      direction: 'out',
      trigger: 'en_route',
      state: 'pending',
      at: '2031-04-01T02:00:00Z',
      to: '+13125550142',
    };
    const replies = Array.from({ length: 99 }, (_, i): TextRecord => ({
      id: `a${i.toString(16).padStart(15, '0')}`,
      direction: 'in',
      trigger: 'reply',
      state: 'received',
      at: '2031-04-01T03:00:00Z',
    }));
    const full = { ...job('a1b2c3d4e5f60718', '(312) 555-0142'), texts: [held, ...replies] };
    const [saved] = reply('+13125550142')([full]).changed;
    expect(saved?.texts).toHaveLength(100);
    expect(saved?.texts?.[0]).toEqual(held);
    expect(saved?.texts?.some((t) => t.id === replies[0]?.id)).toBe(false);
    expect(saved?.texts?.at(-1)?.body).toBe('Gate code 4411');
  });
});
