import { beforeEach, describe, expect, it } from 'vitest';
import { ingestInbox } from '../../../src/core/inbox/inbox-ingest';
import type { InboxDeps } from '../../../src/core/inbox/inbox-ingest';
import {
  acceptSubmission,
  dismissSubmission,
  listReview,
} from '../../../src/core/inbox/inbox-review';
import type { ReviewDeps } from '../../../src/core/inbox/inbox-review';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { MemoryStore } from './memory-store';

const NOW = new Date('2026-11-28T15:00:00Z');
const TZ = 'America/Chicago';

function request(id: string, over: Record<string, unknown> = {}) {
  return {
    schema: 1,
    kind: 'request',
    id,
    submitted_at: '2026-11-28T14:59:00Z',
    name: "Bob's Diner",
    phone: '+1 312 555 0142',
    address: 'Apt 4B, 2250 North Lincoln Ave',
    service: 'Furniture',
    date: '2026-12-03',
    window: 'morning',
    ...over,
  };
}

let data: MemoryStore;
const ingestDeps = (): InboxDeps => ({
  data,
  repository: new JobsRepository(data),
  publish: () => Promise.resolve(),
  timeZone: TZ,
  now: () => NOW,
});
const reviewDeps = (): ReviewDeps => ({
  data,
  repository: new JobsRepository(data),
  timeZone: TZ,
  now: () => NOW,
});
const upload = (name: string, value: unknown) =>
  data.put(`inbox/new/${name}`, typeof value === 'string' ? value : JSON.stringify(value), {
    contentType: 'application/json',
  });
const jobs = () => new JobsRepository(data).list();

beforeEach(() => {
  data = new MemoryStore();
});

describe('bookings no longer dropped in silence (issue 15, point 6)', () => {
  it('makes a job of ordinary words the old markup filter refused', async () => {
    await upload('a.json', request('req-aaaaaaaaaaaaaaaa', { notes: 'Donation=yes please' }));
    await upload('b.json', request('req-bbbbbbbbbbbbbbbb', { notes: 'Monday=fine' }));
    await upload('c.json', request('req-cccccccccccccccc', { address: 'Condo=' }));
    const result = await ingestInbox(ingestDeps());
    expect(result.rejected).toEqual([]);
    expect(result.created).toHaveLength(3);
    expect((await jobs()).map((j) => j.notes ?? j.address).sort()).toEqual([
      'Condo=',
      'From the booking form: Donation=yes please',
      'From the booking form: Monday=fine',
    ]);
  });

  it('holds a request the page flagged as possible spam, with its reason, and makes no job', async () => {
    await upload('s.json', request('req-ssssssssssssssss', { suspect: ['filled_in_0s'] }));
    const result = await ingestInbox(ingestDeps());
    expect(result.created).toEqual([]);
    expect(result.possible_spam).toEqual([
      {
        key: 'inbox/new/s.json',
        reason:
          'Possible spam: it was sent under a second after the page opened (autofill, or a bot).',
      },
    ]);
    expect(await jobs()).toEqual([]);
    expect(data.keys('inbox/')).toEqual(['inbox/held/s.json', 'inbox/held/s.json.reason.txt']);
    expect((await data.get('inbox/held/s.json'))?.contentType).toBe('application/octet-stream');
    // Uploaded again (the phone retried): still one item, never a job.
    await upload('s.json', request('req-ssssssssssssssss', { suspect: ['filled_in_0s'] }));
    await ingestInbox(ingestDeps());
    expect(await listReview(data)).toHaveLength(1);
    expect(await jobs()).toEqual([]);
  });

  it('lists possible spam and rejections, oldest first, with reasons and what they say', async () => {
    await upload('s.json', request('req-ssssssssssssssss', { suspect: ['honeypot'] }));
    await upload(
      'm.json',
      request('req-mmmmmmmmmmmmmmmm', {
        submitted_at: '2026-11-28T10:00:00Z',
        notes: '<b>big</b> couch',
      }),
    );
    await upload('x.json', 'not json {');
    await upload('n.json', request('req-nnnnnnnnnnnnnnnn', { name: '', phone: '' }));
    await ingestInbox(ingestDeps());
    const review = await listReview(data);
    expect(review.map((r) => [r.id, r.kind, r.cannot_accept])).toEqual([
      // No date said: they sort first.
      ['rejected/x.json', 'rejected', expect.stringContaining('not JSON')],
      ['rejected/m.json', 'rejected', null],
      // Sent at the same time: by id.
      ['held/s.json', 'possible_spam', null],
      ['rejected/n.json', 'rejected', 'It has no name and no phone number.'],
    ]);
    const markup = review[1];
    expect(markup?.reason).toContain('notes: Please remove “<b”');
    expect(markup?.fields).toMatchObject({ name: "Bob's Diner", notes: '<b>big</b> couch' });
    expect(review[2]?.reason).toContain('hidden field');
  });

  it('accepts possible spam in one call: a requested job, as if it had been clean', async () => {
    await upload('s.json', request('req-ssssssssssssssss', { suspect: ['filled_in_1s'] }));
    await ingestInbox(ingestDeps());
    const accepted = await acceptSubmission(reviewDeps(), 'held/s.json');
    expect(accepted).toMatchObject({
      id: 'held/s.json',
      customer_name: "Bob's Diner",
      already: false,
    });
    const [job] = await jobs();
    expect(job).toMatchObject({
      job_id: accepted.job_id,
      status: 'requested',
      request_id: 'req-ssssssssssssssss',
      pickup_date: '2026-12-03T14:00:00.000Z',
      history: [
        { status: 'requested', by: 'customer', reason: expect.stringContaining('Possible spam') },
      ],
    });
    expect(data.keys('inbox/')).toEqual(['inbox/processed/s.json']);
    expect(await listReview(data)).toEqual([]);
    // Asked again (a double click, a second console): the same job, no second one.
    expect(await acceptSubmission(reviewDeps(), 'held/s.json')).toMatchObject({
      job_id: accepted.job_id,
      already: true,
    });
    expect(await jobs()).toHaveLength(1);
  });

  it('accepts a rejected request anyway when it has a name and a phone, keeping what was sent', async () => {
    await upload(
      'm.json',
      request('req-mmmmmmmmmmmmmmmm', {
        notes: '<b>big</b> couch',
        date: 'next week',
        window: 'noon',
        address: '',
      }),
    );
    await ingestInbox(ingestDeps());
    const accepted = await acceptSubmission(reviewDeps(), 'rejected/m.json');
    const [job] = await jobs();
    expect(job).toMatchObject({
      job_id: accepted.job_id,
      customer_name: "Bob's Diner",
      phone: '+1 312 555 0142',
      address: 'No address given: ask the customer',
      notes: 'From the booking form: <b>big</b> couch',
      // No readable date: today in Chicago, any time.
      pickup_date: '2026-11-28T14:00:00.000Z',
      pickup_window_end: '2026-11-29T02:00:00.000Z',
      request_id: 'req-mmmmmmmmmmmmmmmm',
    });
    expect(job?.history?.[0]?.reason).toContain('Accepted by the office');
    expect(data.keys('inbox/')).toEqual(['inbox/processed/m.json']);
  });

  it('refuses to accept what has no name or no phone, and says what to do instead', async () => {
    await upload('n.json', request('req-nnnnnnnnnnnnnnnn', { phone: 'call me', name: ' ' }));
    await upload('x.json', 'garbage');
    await ingestInbox(ingestDeps());
    await expect(acceptSubmission(reviewDeps(), 'rejected/n.json')).rejects.toThrow(
      'It has no name and no phone number. Dismiss it',
    );
    await expect(acceptSubmission(reviewDeps(), 'rejected/x.json')).rejects.toThrow('not JSON');
    expect(await jobs()).toEqual([]);
    expect(await listReview(data)).toHaveLength(2);
  });

  it('dismisses an item: out of the list, kept in inbox/dismissed/ with its reason', async () => {
    await upload('x.json', 'garbage');
    await ingestInbox(ingestDeps());
    await dismissSubmission(data, 'rejected/x.json');
    await dismissSubmission(data, 'rejected/x.json'); // twice: nothing more happens
    expect(await listReview(data)).toEqual([]);
    expect(data.keys('inbox/')).toEqual([
      'inbox/dismissed/rejected/x.json',
      'inbox/dismissed/rejected/x.json.reason.txt',
    ]);
    await expect(dismissSubmission(data, 'rejected/nope.json')).rejects.toThrow('No submission');
  });

  it.each([
    'processed/a.json',
    'held/../jobs.json',
    'rejected/x.json.reason.txt',
    'held/',
    'jobs.json',
  ])('refuses the id %j', async (id) => {
    await expect(acceptSubmission(reviewDeps(), id)).rejects.toThrow('names no submission');
    await expect(dismissSubmission(data, id)).rejects.toThrow('names no submission');
  });
});
