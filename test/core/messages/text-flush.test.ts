import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { OptOutList } from '../../../src/core/messages/opt-outs';
import { SandboxPhoneSender } from '../../../src/core/messages/sandbox-phone-sender';
import { SANDBOX_PHONE_KEYS, TextRefusedError } from '../../../src/core/messages/messages-ports';
import type { OutgoingText, TextSender } from '../../../src/core/messages/messages-ports';
import {
  claimKey,
  CLAIM_LEASE_MS,
  flushAll,
  flushJobs,
  MOVED_ON_REASON,
  NO_PROVIDER_REASON,
} from '../../../src/core/messages/text-flush';
import type { FlushDeps } from '../../../src/core/messages/text-flush';
import { quietUntil } from '../../../src/core/messages/quiet-hours';
import { setStatusAndText } from '../../../src/core/operations/texting-status-change';
import { smsForJob } from '../../../src/shared/sms';
import type { JobStatus } from '../../../src/shared/status-flow';

// Issue 18 "Exactly once": the second and third steps (claim and send, record the outcome),
// over a real folder store standing for the data bucket, with the sandbox's phone as provider.

const ZONE = 'America/Chicago';
const RULES = { autoTexts: ['en_route'] as JobStatus[], phoneCountry: 'US' as const };
/** 10:00 in Chicago: outside 21:00–08:00 quiet hours. */
let now = new Date('2031-04-01T15:00:00Z');

let dir: string;
let data: LocalFolderStore;
let repository: JobsRepository;
let service: JobsService;

/** The sandbox phone, counting what the provider took (the "provider's count"). */
class CountingSender implements TextSender {
  readonly name = 'sandbox' as const;
  readonly sent: OutgoingText[] = [];
  constructor(private readonly inner: TextSender) {}
  async send(text: OutgoingText) {
    const accepted = await this.inner.send(text);
    this.sent.push(text);
    return accepted;
  }
}

let sender: CountingSender;
function deps(over: Partial<FlushDeps> = {}): FlushDeps {
  return {
    jobs: repository,
    data,
    sender,
    optOuts: new OptOutList(data),
    settings: { quiet_hours: { from: '21:00', to: '08:00' } },
    timeZone: ZONE,
    bodyOf: (job, template) =>
      smsForJob(
        job,
        {
          business: { name: 'QuickDumpNow', time_zone: ZONE },
          link: `http://127.0.0.1:1/track/${job.tracking_token}`,
          now,
        },
        template,
      ),
    now: () => now,
    ...over,
  };
}

beforeEach(async () => {
  now = new Date('2031-04-01T15:00:00Z');
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-text-flush-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  repository = new JobsRepository(data);
  service = new JobsService(
    repository,
    new StatusPublisher([new LocalFolderStore(path.join(dir, 'prod'))], { name: 'QuickDumpNow' }),
    () => now,
  );
  sender = new CountingSender(new SandboxPhoneSender(data, () => now));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function maria(phone = '(312) 555-0142') {
  const { job } = await service.createJob({
    customer_name: 'Maria Lopez',
    address: '2250 North Lincoln Ave',
    pickup_date: '2031-04-01T19:00:00Z',
    price: 300,
    phone,
  });
  return job;
}

const move = (jobId: string, to: JobStatus, d: FlushDeps = deps()) =>
  setStatusAndText(service, () => Promise.resolve(d), jobId, to, undefined, {
    by: 'ana',
    rules: RULES,
  });

describe('a status change that texts', () => {
  it('hands the text to the sandbox phone and records it sent on the job', async () => {
    const job = await maria();
    const saved = await move(job.job_id, 'en_route');
    expect(saved.warning).toBeNull();
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]?.to).toBe('+13125550142');
    expect(sender.sent[0]?.body).toContain(`/track/${job.tracking_token}`);
    const text = saved.job.texts?.[0];
    expect(text).toMatchObject({ state: 'sent', to: '+13125550142', encoding: 'GSM-7' });
    expect(text?.segments).toBeGreaterThan(0);
    expect(text?.provider_id).toMatch(/^sandbox-/);
    // The phone holds what it received, and a delivery report waits for the inbound side.
    const phone = await data.get(`${SANDBOX_PHONE_KEYS.texts}${text?.id}.json`);
    expect(JSON.parse(phone?.body.toString() ?? '{}')).toMatchObject({ to: '+13125550142' });
    const inbound = await data.list(SANDBOX_PHONE_KEYS.inbound);
    expect(inbound).toHaveLength(1);
    // As saved in jobs.json, not only as answered.
    expect((await repository.list())[0]?.texts?.[0]?.state).toBe('sent');
    // A second flush owes nothing.
    expect((await flushAll(deps())).result).toEqual({ sent: 0, held: 0, failed: 0, skipped: 0 });
    expect(sender.sent).toHaveLength(1);
  });

  it('a refused text fails on the job with the reason, and the change is still saved', async () => {
    const job = await maria();
    const refusing: TextSender = {
      name: 'aws',
      send: () => Promise.reject(new TextRefusedError('DESTINATION_PHONE_NUMBER_BLOCKED')),
    };
    const saved = await move(job.job_id, 'en_route', deps({ sender: refusing }));
    expect(saved.job.status).toBe('en_route');
    expect(saved.job.texts?.[0]).toMatchObject({
      state: 'failed',
      reason: 'DESTINATION_PHONE_NUMBER_BLOCKED',
    });
    expect(saved.warning).toContain('DESTINATION_PHONE_NUMBER_BLOCKED');
  });

  it('a provider that is down leaves the text owed, and the next flush sends it once', async () => {
    const job = await maria();
    const down: TextSender = { name: 'aws', send: () => Promise.reject(new Error('ECONNRESET')) };
    const saved = await move(job.job_id, 'en_route', deps({ sender: down }));
    expect(saved.job.texts?.[0]?.state).toBe('pending');
    expect(saved.warning).toContain('ECONNRESET');
    expect((await flushAll(deps())).result.sent).toBe(1);
    expect(sender.sent).toHaveLength(1);
  });

  it('with no provider set up the text waits, saying why', async () => {
    const job = await maria();
    const saved = await move(job.job_id, 'en_route', deps({ sender: null }));
    expect(saved.job.texts?.[0]?.state).toBe('pending');
    expect(saved.warning).toContain(NO_PROVIDER_REASON);
  });
});

describe('a flush', () => {
  it('skips a text whose job moved on before it went', async () => {
    const job = await maria();
    await move(job.job_id, 'en_route', deps({ sender: null }));
    await service.setJobStatus(job.job_id, 'on_site', undefined, { rules: RULES });
    const out = await flushAll(deps());
    expect(out.result).toEqual({ sent: 0, held: 0, failed: 0, skipped: 1 });
    expect(sender.sent).toHaveLength(0);
    const text = (await repository.list())[0]?.texts?.[0];
    expect(text).toMatchObject({ state: 'skipped', reason: MOVED_ON_REASON });
  });

  it('does not text a number that texted STOP', async () => {
    const job = await maria();
    await new OptOutList(data).add('+13125550142', now.toISOString());
    const saved = await move(job.job_id, 'en_route');
    expect(sender.sent).toHaveLength(0);
    expect(saved.job.texts?.[0]?.state).toBe('opted_out');
  });

  it('holds a text in quiet hours and sends it once they end', async () => {
    const job = await maria();
    now = new Date('2031-04-02T03:30:00Z'); // 22:30 in Chicago
    await move(job.job_id, 'en_route');
    const held = await flushAll(deps());
    expect(held.result.held).toBe(1);
    expect(held.heldUntil?.toISOString()).toBe('2031-04-02T13:00:00.000Z'); // 08:00 CDT
    expect(sender.sent).toHaveLength(0);
    now = new Date('2031-04-02T13:00:00Z');
    expect((await flushAll(deps())).result.sent).toBe(1);
  });

  it('two flushes racing (two consoles) send each text once', async () => {
    const jobs = [await maria(), await maria('+1 312 555 0199')];
    for (const job of jobs) await move(job.job_id, 'en_route', deps({ sender: null }));
    const [a, b] = await Promise.all([flushAll(deps()), flushAll(deps())]);
    expect(a.result.sent + b.result.sent).toBe(2);
    expect(sender.sent.map((t) => t.to).sort()).toEqual(['+13125550142', '+13125550199']);
    expect((await repository.list()).every((j) => j.texts?.[0]?.state === 'sent')).toBe(true);
  });

  it('at least once: a claim left by a sender killed after the send is re-sent past its lease', async () => {
    const job = await maria();
    const saved = await move(job.job_id, 'en_route', deps({ sender: null }));
    const id = saved.job.texts?.[0]?.id ?? '';
    // A sender that claimed (and maybe sent) and died before recording the outcome.
    await data.put(claimKey(id), JSON.stringify({ claimed_at: now.toISOString() }), {
      ifNoneMatch: '*',
    });
    expect((await flushAll(deps())).result.sent).toBe(0); // its lease still runs
    now = new Date(now.getTime() + CLAIM_LEASE_MS);
    expect((await flushAll(deps())).result.sent).toBe(1);
    expect(sender.sent).toHaveLength(1);
  });
});

describe('a flush on a stale read', () => {
  it('does not re-send a text another console sent, even once its claim is past the lease', async () => {
    const job = await maria();
    const stale = (await move(job.job_id, 'en_route', deps({ sender: null }))).job;
    expect(stale.texts?.[0]?.state).toBe('pending');
    expect((await flushAll(deps())).result.sent).toBe(1); // another console sends it
    now = new Date(now.getTime() + CLAIM_LEASE_MS + 1);
    // A flush still holding the job as it read it before that send.
    const late = await flushJobs(deps(), [stale]);
    expect(late.result.sent).toBe(0);
    expect(sender.sent).toHaveLength(1);
    expect((await repository.list())[0]?.texts?.[0]?.state).toBe('sent');
  });
});

describe('quiet hours', () => {
  const q = { from: '21:00', to: '08:00' };
  it('span midnight, in the business zone', () => {
    expect(quietUntil(new Date('2031-04-01T15:00:00Z'), q, ZONE)).toBeNull();
    expect(quietUntil(new Date('2031-04-01T07:00:00Z'), q, ZONE)?.toISOString()).toBe(
      '2031-04-01T13:00:00.000Z',
    );
    expect(quietUntil(undefined as never, undefined, ZONE)).toBeNull();
  });
  it('end at 08:00 on the clocks across a DST change', () => {
    // 2031-03-09 is the US spring-forward: 22:00 CST on the 8th → 08:00 CDT on the 9th.
    expect(quietUntil(new Date('2031-03-09T04:00:00Z'), q, ZONE)?.toISOString()).toBe(
      '2031-03-09T13:00:00.000Z',
    );
  });
  it('within a day when from is before to', () => {
    const day = { from: '12:00', to: '13:00' };
    expect(quietUntil(new Date('2031-04-01T17:30:00Z'), day, ZONE)?.toISOString()).toBe(
      '2031-04-01T18:00:00.000Z',
    );
    expect(quietUntil(new Date('2031-04-01T19:00:00Z'), day, ZONE)).toBeNull();
  });
});
