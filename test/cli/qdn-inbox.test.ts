import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQdn } from './cli-helpers';

let ws: string;
beforeEach(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'qdn-cli-inbox-'));
  await mkdir(path.join(ws, 'data', 'inbox'), { recursive: true });
});
afterEach(async () => {
  await rm(ws, { recursive: true, force: true });
});

const REQUEST = {
  schema: 1,
  kind: 'request',
  id: 'req-aaaaaaaaaaaaaaaa',
  submitted_at: '2026-11-28T14:59:00Z',
  name: "Bob's Diner",
  phone: '+1 312 555 0142',
  address: 'Apt 4B, 2250 North Lincoln Ave',
  service: 'Furniture',
  date: '2026-12-03',
  window: 'evening',
};

describe('qdn inbox', () => {
  it('lists what waits, then ingests it into one pass report', async () => {
    await writeFile(path.join(ws, 'data', 'inbox', 'r1.json'), JSON.stringify(REQUEST));
    await writeFile(path.join(ws, 'data', 'inbox', 'bad.json'), '<script>alert(1)</script>');

    const listed = await runQdn(['inbox', 'list', '--workspace', ws]);
    expect(listed.code).toBe(0);
    const { waiting } = JSON.parse(listed.stdout) as { waiting: { key: string }[] };
    expect(waiting.map((w) => w.key)).toEqual(['inbox/bad.json', 'inbox/r1.json']);

    const ingested = await runQdn(['inbox', 'ingest', '--workspace', ws]);
    expect(ingested.code).toBe(0);
    const result = JSON.parse(ingested.stdout) as Record<string, { key: string }[]>;
    expect(result.created?.map((c) => c.key)).toEqual(['inbox/r1.json']);
    expect(result.confirmed).toEqual([]);
    expect(result.rejected).toEqual([{ key: 'inbox/bad.json', reason: 'It is not JSON.' }]);

    const jobs = JSON.parse(await readFile(path.join(ws, 'data', 'jobs.json'), 'utf8')) as {
      jobs: { customer_name: string; status: string }[];
    };
    expect(jobs.jobs.map((j) => [j.customer_name, j.status])).toEqual([
      ["Bob's Diner", 'requested'],
    ]);
    const again = await runQdn(['inbox', 'ingest', '--workspace', ws]);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: [], rejected: [] });
  });

  it('lists possible spam and rejections with their reasons; accept makes a job, dismiss files it', async () => {
    const inbox = path.join(ws, 'data', 'inbox', 'new');
    await mkdir(inbox, { recursive: true });
    const spam = { ...REQUEST, id: 'req-ssssssssssssssss', suspect: ['filled_in_1s'] };
    await writeFile(path.join(inbox, 's.json'), JSON.stringify(spam));
    await writeFile(path.join(inbox, 'bad.json'), '<script>alert(1)</script>');
    expect((await runQdn(['inbox', 'ingest', '--workspace', ws])).code).toBe(0);

    const listed = await runQdn(['inbox', 'list', '--workspace', ws]);
    expect(listed.code).toBe(0);
    const { waiting, review } = JSON.parse(listed.stdout) as {
      waiting: unknown[];
      review: { id: string; kind: string; reason: string; cannot_accept: string | null }[];
    };
    expect(waiting).toEqual([]);
    expect(review).toEqual([
      expect.objectContaining({
        id: 'rejected/bad.json',
        kind: 'rejected',
        reason: 'It is not JSON.',
        cannot_accept: expect.stringContaining('nothing to make a job of'),
      }),
      expect.objectContaining({
        id: 'held/s.json',
        kind: 'possible_spam',
        reason: expect.stringContaining('1 s after the page opened'),
        cannot_accept: null,
      }),
    ]);

    const accepted = await runQdn(['inbox', 'accept', 'held/s.json', '--workspace', ws]);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toEqual({
      accepted: {
        id: 'held/s.json',
        job_id: expect.stringMatching(/^[0-9a-f]{16}$/),
        customer_name: "Bob's Diner",
        already: false,
      },
    });
    const refused = await runQdn(['inbox', 'accept', 'rejected/bad.json', '--workspace', ws]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Dismiss it');
    const dismissed = await runQdn(['inbox', 'dismiss', 'rejected/bad.json', '--workspace', ws]);
    expect(dismissed.code).toBe(0);
    const after = await runQdn(['inbox', 'list', '--workspace', ws]);
    expect(JSON.parse(after.stdout)).toEqual({ waiting: [], review: [] });
    const jobs = JSON.parse(await readFile(path.join(ws, 'data', 'jobs.json'), 'utf8')) as {
      jobs: { customer_name: string; request_id: string }[];
    };
    expect(jobs.jobs.map((j) => j.request_id)).toEqual(['req-ssssssssssssssss']);
  });

  it.each([['accept'], ['dismiss'], ['accept', 'a', 'b']])(
    'qdn inbox %s without exactly one id is a usage message',
    async (...args) => {
      const result = await runQdn(['inbox', ...args, '--workspace', ws]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('ID');
    },
  );

  it("ingests a customer's confirmation with the workspace's rules: its Scheduled text goes out", async () => {
    // A workspace whose Scheduled status texts by itself (config.json → messages.auto).
    const config = path.join(ws, 'config.json');
    expect((await runQdn(['job', 'list', '--workspace', ws])).code).toBe(0);
    const raw = JSON.parse(await readFile(config, 'utf8')) as Record<string, unknown>;
    await writeFile(config, JSON.stringify({ ...raw, messages: { auto: ['scheduled'] } }));
    const lead = await runQdn([
      ...['job', 'add', '--workspace', ws, '--status', 'requested', '--name', 'Priya Nair'],
      ...['--address', '2250 N Lincoln Ave', '--phone', '+1 312 555 0142'],
      ...['--pickup', '2030-06-04 13:00', '--pickup-end', '2030-06-04 15:00'],
    ]);
    expect(lead.code).toBe(0);
    const { job_id: id, tracking_token: token } = JSON.parse(lead.stdout) as {
      job_id: string;
      tracking_token: string;
    };
    const quoted = await runQdn([
      ...['job', 'quote', '--workspace', ws, id, '--price', '300'],
      ...['--pickup', '2030-06-04 13:00', '--pickup-end', '2030-06-04 15:00'],
    ]);
    expect(quoted.code).toBe(0);
    const confirm = {
      schema: 1,
      kind: 'confirm',
      id: 'conf-cccccccccccccccc',
      submitted_at: '2030-06-01T14:00:00Z',
      token,
      answer: 'confirm',
    };
    await writeFile(path.join(ws, 'data', 'inbox', 'c1.json'), JSON.stringify(confirm));

    const ingested = await runQdn(['inbox', 'ingest', '--workspace', ws]);
    expect(ingested.code).toBe(0);
    const result = JSON.parse(ingested.stdout) as {
      confirmed: { job_id: string }[];
      texts?: { sent: number };
    };
    expect(result.confirmed.map((c) => c.job_id)).toEqual([id]);
    expect(result.texts).toMatchObject({ sent: 1 });
    const listed = await runQdn(['messages', 'list', '--workspace', ws, '--job', id]);
    const { messages } = JSON.parse(listed.stdout) as {
      messages: { trigger: string; status: string; to: string }[];
    };
    expect(messages).toEqual([
      expect.objectContaining({ trigger: 'scheduled', to: '+13125550142' }),
    ]);
    expect(['sent', 'delivered']).toContain(messages[0]?.status);
  });

  it('refuses an unknown subcommand with usage', async () => {
    const result = await runQdn(['inbox', 'empty', '--workspace', ws]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('qdn inbox ingest|list');
  });
});
