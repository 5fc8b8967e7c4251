import { beforeEach, describe, expect, it } from 'vitest';
import { ingestInbox, listInbox } from '../../../src/core/inbox/inbox-ingest';
import type { InboxDeps } from '../../../src/core/inbox/inbox-ingest';
import { quoteJob } from '../../../src/core/inbox/inbox-changes';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import type { MoveOptions, ObjectStore } from '../../../src/core/storage/object-store';
import { failingCall } from '../deploy/faulty';
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
let published: string[][];

function deps(store: ObjectStore = data): InboxDeps {
  return {
    data: store,
    repository: new JobsRepository(store),
    publish: (ids) => {
      published.push(ids);
      return Promise.resolve();
    },
    timeZone: TZ,
    now: () => NOW,
  };
}

/** Where phones upload (the policy's key prefix); `legacy`: where policies before it put them. */
async function upload(name: string, value: unknown, folder = 'inbox/new/'): Promise<void> {
  await data.put(`${folder}${name}`, typeof value === 'string' ? value : JSON.stringify(value), {
    contentType: 'application/json',
  });
}

async function jobs() {
  return new JobsRepository(data).list();
}

beforeEach(() => {
  data = new MemoryStore();
  published = [];
});

describe('inbox ingestion', () => {
  it('turns a request into a requested job in the business time zone, then files it away', async () => {
    await upload('r1.json', request('req-aaaaaaaaaaaaaaaa'));
    expect(await listInbox(data)).toEqual([{ key: 'inbox/new/r1.json', size: expect.any(Number) }]);

    const result = await ingestInbox(deps());
    expect(result.created).toEqual([
      { key: 'inbox/new/r1.json', job_id: expect.any(String), customer_name: "Bob's Diner" },
    ]);
    const [job] = await jobs();
    expect(job).toMatchObject({
      status: 'requested',
      customer_name: "Bob's Diner",
      address: 'Apt 4B, 2250 North Lincoln Ave',
      // 8 AM to noon on Dec 3 in Chicago (UTC−6).
      pickup_date: '2026-12-03T14:00:00.000Z',
      pickup_window_end: '2026-12-03T18:00:00.000Z',
      request_id: 'req-aaaaaaaaaaaaaaaa',
      history: [{ status: 'requested', at: NOW.toISOString(), by: 'customer' }],
    });
    // No public page until it is quoted: the customer has no link to it yet.
    expect(published).toEqual([]);
    expect(data.keys('inbox/')).toEqual(['inbox/processed/r1.json']);
  });

  it('makes one job of a submission uploaded twice (a retried or double-clicked submit)', async () => {
    await upload('r1.json', request('req-aaaaaaaaaaaaaaaa'));
    await ingestInbox(deps());
    await upload('r1.json', request('req-aaaaaaaaaaaaaaaa'));
    await upload('r1-again.json', request('req-aaaaaaaaaaaaaaaa'));
    const second = await ingestInbox(deps());
    expect(second.created).toEqual([]);
    expect(await jobs()).toHaveLength(1);
    expect(await listInbox(data)).toEqual([]);
  });

  it.each([
    ['not JSON', 'not json {', 'not JSON'],
    ['failing the schema', request('req-bbbbbbbbbbbbbbbb', { phone: 'call me' }), 'phone'],
    [
      'with unknown fields',
      request('req-cccccccccccccccc', { price: 0 }),
      'not a valid submission',
    ],
    [
      'carrying script',
      request('req-dddddddddddddddd', { name: '<script>alert(1)</script>' }),
      'plain text',
    ],
    [
      'confirming an unknown quote',
      confirm('Zz9_unknownTOKENunknownTOKENunknownTOKEN12'),
      'No job',
    ],
  ])('rejects a document %s, with the reason beside it', async (_name, value, reason) => {
    await upload('bad.json', value);
    const result = await ingestInbox(deps());
    expect(result.rejected).toEqual([
      { key: 'inbox/new/bad.json', reason: expect.stringContaining(reason) },
    ]);
    expect(await jobs()).toEqual([]);
    expect(data.keys('inbox/')).toEqual([
      'inbox/rejected/bad.json',
      'inbox/rejected/bad.json.reason.txt',
    ]);
    expect((await data.get('inbox/rejected/bad.json'))?.contentType).toBe(
      'application/octet-stream',
    );
  });

  it('still takes a document uploaded to inbox/ by a policy minted before inbox/new/', async () => {
    await upload('old.json', request('req-oooooooooooooooo'), 'inbox/');
    await upload('new.json', request('req-nnnnnnnnnnnnnnnn'));
    expect((await listInbox(data)).map((e) => e.key)).toEqual([
      'inbox/new/new.json',
      'inbox/old.json',
    ]);
    expect((await ingestInbox(deps())).created).toHaveLength(2);
    expect(data.keys('inbox/')).toEqual(['inbox/processed/new.json', 'inbox/processed/old.json']);
  });

  it('never lists what it filed, so a document in processed/ or rejected/ is never applied', async () => {
    await upload('r1.json', request('req-aaaaaaaaaaaaaaaa'), 'inbox/processed/');
    await upload('x.json', request('req-bbbbbbbbbbbbbbbb'), 'inbox/rejected/');
    expect(await listInbox(data)).toEqual([]);
    expect((await ingestInbox(deps())).created).toEqual([]);
    expect(await jobs()).toEqual([]);
  });

  it('applies a confirmation of a quote: requested → scheduled, recorded in history', async () => {
    await upload('r1.json', request('req-aaaaaaaaaaaaaaaa'));
    await ingestInbox(deps());
    const [requested] = await jobs();
    if (!requested) throw new Error('no job');

    // Before the dispatcher quotes, there is nothing to confirm.
    await upload('c0.json', confirm(requested.tracking_token, 'cnf-0000000000000000'));
    expect((await ingestInbox(deps())).rejected[0]?.reason).toContain('no quote');

    await new JobsRepository(data).update(
      quoteJob(requested.job_id, { price: 240, pickup_date: '2026-12-03T15:00:00Z' }, NOW),
    );
    await upload('c1.json', confirm(requested.tracking_token));
    await upload('c2.json', confirm(requested.tracking_token)); // sent twice
    const result = await ingestInbox(deps());
    expect(result.confirmed).toHaveLength(1);
    const [job] = await jobs();
    expect(job?.status).toBe('scheduled');
    expect(job?.price).toBe(240);
    expect(job?.history?.map((h) => [h.status, h.event, h.by])).toEqual([
      ['requested', undefined, 'customer'],
      ['requested', 'quote', undefined],
      ['scheduled', undefined, 'customer'],
    ]);
  });
});

function confirm(token: string, id = 'cnf-aaaaaaaaaaaaaaaa') {
  return {
    schema: 1,
    kind: 'confirm',
    id,
    submitted_at: '2026-11-28T14:59:00Z',
    token,
    answer: 'confirm',
  };
}

/**
 * Crash points: each step of a pass fails once (as a dropped connection or a killed process
 * would), then a healthy pass runs. Nothing may be lost and nothing duplicated.
 */
describe('a pass that fails at any step', () => {
  // The order of store calls in a pass with two good and one bad submission.
  const STEPS: [string, keyof ObjectStore, number][] = [
    ['listing the inbox', 'list', 1],
    ['reading a submission', 'get', 2],
    ['reading jobs.json', 'get', 4],
    ['writing jobs.json', 'put', 1],
    ['filing the first document away', 'move', 1],
    ['filing the second document away', 'move', 2],
    ['writing a rejection reason', 'put', 2],
    ['filing the rejected document away', 'move', 3],
  ];

  it.each(STEPS)('loses nothing and duplicates nothing when %s fails', async (_step, method, n) => {
    await upload('a.json', request('req-aaaaaaaaaaaaaaaa', { name: 'Mark' }));
    await upload('b.json', request('req-bbbbbbbbbbbbbbbb'));
    await upload('c.json', 'not json');
    const { proxy, state } = failingCall<ObjectStore>(data, method, n);
    await expect(ingestInbox(deps(proxy))).rejects.toThrow('injected fault');
    expect(state.failed).toBe(true);

    await ingestInbox(deps());
    const names = (await jobs()).map((j) => j.customer_name).sort();
    expect(names).toEqual(["Bob's Diner", 'Mark']);
    expect(data.keys('inbox/')).toEqual([
      'inbox/processed/a.json',
      'inbox/processed/b.json',
      'inbox/rejected/c.json',
      'inbox/rejected/c.json.reason.txt',
    ]);
  });

  it('loses nothing and duplicates nothing when a move was cut between its copy and its delete', async () => {
    // S3's move is a copy, then a delete: a crash between them leaves the document in both places.
    await upload('a.json', request('req-aaaaaaaaaaaaaaaa', { name: 'Mark' }));
    await upload('c.json', 'not json');
    const { proxy } = failingCall<ObjectStore>(data, 'delete', 1);
    const halfMoving: ObjectStore = Object.assign(Object.create(proxy) as ObjectStore, {
      move: async (from: string, to: string, options?: MoveOptions) => {
        const object = await data.get(from);
        if (!object) return false;
        await data.put(to, object.body, {
          contentType: options?.contentType ?? object.contentType,
        });
        await proxy.delete(from);
        return true;
      },
    });
    await expect(ingestInbox(deps(halfMoving))).rejects.toThrow('injected fault');
    expect(data.keys('inbox/processed/')).toEqual(['inbox/processed/a.json']);
    expect(data.keys('inbox/new/')).toEqual(['inbox/new/a.json']);

    await ingestInbox(deps());
    expect((await jobs()).map((j) => j.customer_name)).toEqual(['Mark']);
    expect(data.keys('inbox/')).toEqual([
      'inbox/processed/a.json',
      'inbox/rejected/c.json',
      'inbox/rejected/c.json.reason.txt',
    ]);
  });

  it('publishes a confirmation a crashed pass saved but never published', async () => {
    await upload('r1.json', request('req-aaaaaaaaaaaaaaaa'));
    await ingestInbox(deps());
    const [job] = await jobs();
    if (!job) throw new Error('no job');
    await new JobsRepository(data).update(
      quoteJob(job.job_id, { price: 240, pickup_date: '2026-12-03T15:00:00Z' }, NOW),
    );
    await upload('c1.json', confirm(job.tracking_token));
    const failing = { ...deps(), publish: () => Promise.reject(new Error('S3 unreachable')) };
    const first = await ingestInbox(failing);
    expect(first.warning).toContain('S3 unreachable');
    expect((await jobs())[0]?.status).toBe('scheduled');
    // The same confirmation arrives again (the phone retried): the saved job is published.
    await upload('c1.json', confirm(job.tracking_token));
    await ingestInbox(deps());
    expect(published).toEqual([[job.job_id]]);
  });
});
