import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { InboundRecorder, listUnmatched } from '../../../src/core/messages/inbound-recorder';
import type { InboundEvent } from '../../../src/core/messages/messages-ports';
import { SANDBOX_PHONE_KEYS } from '../../../src/core/messages/messages-ports';
import { OptOutList } from '../../../src/core/messages/opt-outs';
import {
  queueSandboxInbound,
  SandboxInboundChannel,
} from '../../../src/core/messages/sandbox-inbound-channel';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { Job } from '../../../src/shared/job';
import { DEE_PHONE, inboundJobs, MARK_PHONE, STRANGER, writeJobs } from './inbound-world';

// The recorder (src/core/messages/inbound-recorder.ts) over the sandbox's queue folder
// (src/core/messages/sandbox-inbound-channel.ts) on a real folder store: where each kind of
// event lands, that a redelivery adds nothing, and what bad input comes to.

const NOW = new Date('2031-04-01T15:00:00Z');
let dir: string;
let data: LocalFolderStore;
let repository: JobsRepository;
let recorder: InboundRecorder;
let channel: SandboxInboundChannel;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-inbound-'));
  await writeJobs(path.join(dir, 'data'), inboundJobs());
  data = new LocalFolderStore(path.join(dir, 'data'));
  repository = new JobsRepository(data);
  recorder = new InboundRecorder({
    jobs: repository,
    data,
    optOuts: new OptOutList(data),
    country: 'US',
    now: () => NOW,
  });
  channel = new SandboxInboundChannel(data);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const reply = (providerId: string, from: string, body: string): InboundEvent => ({
  kind: 'reply',
  providerId,
  from,
  to: '+13125550000',
  body,
  at: '2031-04-01T14:59:00Z',
});
const job = async (id: string): Promise<Job> =>
  (await repository.list()).find((j) => j.job_id === id)!;
const queued = async () => (await data.list(SANDBOX_PHONE_KEYS.inbound)).length;

describe('InboundRecorder', () => {
  it("lands a reply on the customer's open job, unread, acks it, and a replay adds nothing", async () => {
    await queueSandboxInbound(data, reply('in-1', '(312) 555-0142', 'Gate code is 4411'));
    const pass = await recorder.pass(channel);
    expect(pass.changed.map((j) => j.job_id)).toEqual(['aaaaaaaaaaaaaaa2']);
    const texts = (await job('aaaaaaaaaaaaaaa2')).texts!;
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatchObject({
      direction: 'in',
      trigger: 'reply',
      state: 'received',
      from: MARK_PHONE,
      body: 'Gate code is 4411',
      provider_id: 'in-1',
      at: '2031-04-01T14:59:00Z',
    });
    expect(texts[1]!.read_at).toBeUndefined();
    expect((await job('aaaaaaaaaaaaaaa1')).texts).toBeUndefined();
    expect(await queued()).toBe(0);

    // The queue brings it again (an ack lost after the write).
    await queueSandboxInbound(data, reply('in-1', MARK_PHONE, 'Gate code is 4411'));
    const again = await recorder.pass(channel);
    expect(again.changed).toEqual([]);
    expect((await job('aaaaaaaaaaaaaaa2')).texts).toHaveLength(2);
    expect(await queued()).toBe(0);
  });

  it('lands a reply on the most recent job when none is open', async () => {
    const jobs = inboundJobs().map((j) =>
      j.job_id === 'aaaaaaaaaaaaaaa2' ? { ...j, status: 'canceled' as const } : j,
    );
    await writeJobs(path.join(dir, 'data'), jobs);
    await recorder.record(reply('in-2', MARK_PHONE, 'Thanks!'));
    expect((await job('aaaaaaaaaaaaaaa2')).texts!.at(-1)!.body).toBe('Thanks!');
    expect((await job('aaaaaaaaaaaaaaa1')).texts).toBeUndefined();
  });

  it('keeps a reply from an unknown number aside, once, and lists it', async () => {
    await queueSandboxInbound(data, reply('in-3', STRANGER, 'Do you take couches?'));
    await queueSandboxInbound(data, reply('in-3', STRANGER, 'Do you take couches?'));
    const pass = await recorder.pass(channel);
    expect(pass).toMatchObject({ received: 2, changed: [], unmatched: 1 });
    const kept = await listUnmatched(data);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      reason: 'No job has this number.',
      event: { providerId: 'in-3', from: STRANGER, body: 'Do you take couches?' },
    });
    expect(await queued()).toBe(0);
  });

  it('STOP puts the number on the opt-out list and on its open jobs; START takes it off', async () => {
    const optOuts = new OptOutList(data);
    await recorder.record(reply('in-4', MARK_PHONE, ' stop '));
    expect(await optOuts.has(MARK_PHONE)).toBe(true);
    expect((await job('aaaaaaaaaaaaaaa2')).texts!.at(-1)).toMatchObject({
      state: 'received',
      body: ' stop ',
    });
    expect(await optOuts.has(DEE_PHONE)).toBe(false);

    await recorder.record(reply('in-5', MARK_PHONE, 'START'));
    expect(await optOuts.has(MARK_PHONE)).toBe(false);
    // The STOP redelivered after the START: seen already, so the START stands.
    await recorder.record(reply('in-4', MARK_PHONE, ' stop '));
    expect(await optOuts.has(MARK_PHONE)).toBe(false);
    expect((await job('aaaaaaaaaaaaaaa2')).texts).toHaveLength(3);
  });

  it('with two open jobs: a reply lands on the nearer pickup, STOP on both', async () => {
    const jobs = inboundJobs().map((j) =>
      j.job_id === 'aaaaaaaaaaaaaaa1'
        ? { ...j, status: 'scheduled' as const, pickup_date: '2031-04-01T18:00:00Z' }
        : j,
    );
    await writeJobs(path.join(dir, 'data'), jobs);
    await recorder.record(reply('in-11', MARK_PHONE, 'Which day again?'));
    expect((await job('aaaaaaaaaaaaaaa1')).texts!.map((t) => t.body)).toEqual(['Which day again?']);
    expect((await job('aaaaaaaaaaaaaaa2')).texts).toHaveLength(1);
    await recorder.record(reply('in-12', MARK_PHONE, 'Quit'));
    expect((await job('aaaaaaaaaaaaaaa1')).texts!.at(-1)!.body).toBe('Quit');
    expect((await job('aaaaaaaaaaaaaaa2')).texts!.at(-1)!.body).toBe('Quit');
    expect(await new OptOutList(data).list()).toMatchObject([
      { number: MARK_PHONE, keyword: 'QUIT' },
    ]);
  });

  it('STOP from a number no job has still opts it out, and is kept aside', async () => {
    await recorder.record(reply('in-6', STRANGER, 'UNSUBSCRIBE'));
    expect(await new OptOutList(data).has(STRANGER)).toBe(true);
    expect(await listUnmatched(data)).toHaveLength(1);
  });

  it("sets a sent text delivered, or failed with the carrier's reason; the first report stands", async () => {
    await queueSandboxInbound(data, {
      kind: 'delivery',
      providerId: 'sandbox-out-1',
      state: 'failed',
      reason: 'Carrier: unreachable handset',
      at: '2031-04-01T14:59:30Z',
    });
    const pass = await recorder.pass(channel);
    expect(pass.changed).toHaveLength(1);
    expect((await job('aaaaaaaaaaaaaaa2')).texts![0]).toMatchObject({
      state: 'failed',
      reason: 'Carrier: unreachable handset',
      updated_at: '2031-04-01T14:59:30Z',
    });
    await recorder.record({
      kind: 'delivery',
      providerId: 'sandbox-out-1',
      state: 'delivered',
      at: '2031-04-01T14:59:40Z',
    });
    expect((await job('aaaaaaaaaaaaaaa2')).texts![0]!.state).toBe('failed');
  });

  it('leaves a report for a text not yet recorded as sent on the channel; a day later keeps it aside', async () => {
    await queueSandboxInbound(data, {
      kind: 'delivery',
      providerId: 'not-yet',
      state: 'delivered',
      at: '2031-04-01T14:59:30Z',
    });
    const pass = await recorder.pass(channel);
    expect(pass).toMatchObject({ received: 1, waiting: 1, changed: [] });
    expect(await queued()).toBe(1);
    const later = new InboundRecorder({
      jobs: repository,
      data,
      optOuts: new OptOutList(data),
      now: () => new Date('2031-04-02T15:00:00Z'),
    });
    expect(await later.pass(channel)).toMatchObject({ unmatched: 1 });
    expect(await queued()).toBe(0);
    expect((await listUnmatched(data))[0]!.reason).toMatch(/No job has a text sent/);
  });

  it('bad input: a number that does not parse, a huge reply, HTML — kept as given text, never dropped', async () => {
    await recorder.record(reply('in-7', 'call me', 'hello'));
    expect((await listUnmatched(data))[0]).toMatchObject({
      reason: expect.stringMatching(/^The sender's number is not a phone number/),
    });
    const huge = 'x'.repeat(5000);
    await recorder.record(reply('in-8', DEE_PHONE, huge));
    const last = (await job('bbbbbbbbbbbbbbb1')).texts!.at(-1)!;
    expect(last.body).toHaveLength(1600);
    expect(last.reason).toBe('Cut to 1600 characters of 5000.');
    await recorder.record(reply('in-9', DEE_PHONE, '<img src=x onerror=alert(1)>'));
    expect((await job('bbbbbbbbbbbbbbb1')).texts!.at(-1)!.body).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('moves a queue object that is no event aside, and goes on with the rest', async () => {
    await mkdir(path.join(dir, 'data', 'sandbox-phone', 'inbound'), { recursive: true });
    await writeFile(
      path.join(dir, 'data', 'sandbox-phone', 'inbound', '000000000000001-bad.json'),
      'not json',
    );
    await writeFile(
      path.join(dir, 'data', 'sandbox-phone', 'inbound', '000000000000002-odd.json'),
      '{"kind":"reply"}',
    );
    await queueSandboxInbound(data, reply('in-10', DEE_PHONE, 'ok'));
    const pass = await recorder.pass(channel);
    expect(pass.changed).toHaveLength(1);
    expect(await queued()).toBe(0);
    expect((await readdir(path.join(dir, 'data', 'sandbox-phone', 'rejected'))).sort()).toEqual([
      '000000000000001-bad.json',
      '000000000000002-odd.json',
    ]);
  });
});
