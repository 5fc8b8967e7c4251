import { describe, expect, it } from 'vitest';
import { textNews } from '../../src/renderer/src/outbox/text-news';
import type { Job } from '../../src/shared/job';
import type { TextRecord } from '../../src/shared/messages/text-record';

const job = (texts: TextRecord[]): Pick<Job, 'job_id' | 'customer_name' | 'texts'> => ({
  job_id: 'aaaaaaaaaaaaaaaa',
  customer_name: 'Maria Lopez',
  texts,
});
const sent: TextRecord = {
  id: '0000000000000001',
  direction: 'out',
  trigger: 'en_route',
  state: 'sent',
  at: '2026-12-08T16:00:00Z',
};
const failed: TextRecord = { ...sent, state: 'failed', reason: 'Unreachable destination' };
const reply: TextRecord = {
  id: '0000000000000002',
  direction: 'in',
  trigger: 'reply',
  state: 'received',
  at: '2026-12-08T16:05:00Z',
  body: 'Can you  come\nafter 2?',
};

describe('which text news becomes a toast (issue 18)', () => {
  it('tells nothing on the first look, then a failure and a reply once each', () => {
    const first = textNews([job([failed])], null);
    expect(first.news).toEqual([]);

    let told = textNews([job([sent])], new Set()).told;
    const failure = textNews([job([failed])], told);
    expect(failure.news).toEqual([
      {
        kind: 'failed',
        jobId: 'aaaaaaaaaaaaaaaa',
        textId: sent.id,
        text: 'Text to Maria failed: Unreachable destination',
      },
    ]);
    told = failure.told;
    // The same failure again (jobsChanged after textsChanged) is no news.
    expect(textNews([job([failed])], told).news).toEqual([]);

    const replied = textNews([job([failed, reply])], told);
    expect(replied.news.map((n) => [n.kind, n.text])).toEqual([
      ['reply', 'Maria replied: Can you come after 2?'],
    ]);
    expect(textNews([job([failed, reply])], replied.told).news).toEqual([]);
    const stop = { ...reply, id: '0000000000000004', body: ' stop' };
    expect(textNews([job([stop])], told).news.map((n) => n.text)).toEqual([
      'Maria texted STOP: automatic texts are off until they text START',
    ]);
    // A reply already read on another laptop is not announced.
    expect(
      textNews([job([{ ...reply, id: '0000000000000003', read_at: reply.at }])], told).news,
    ).toEqual([]);
  });
});
