import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMessagesApi } from '../../../src/core/operations/messages-api';
import { OptOutList } from '../../../src/core/messages/opt-outs';
import { workspaceActor } from '../../../src/core/jobs/workspace-job-rules';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { textProviderOf } from '../../../src/core/workspace/workspace-texts';
import { NO_PROVIDER_REASON } from '../../../src/core/messages/text-flush';
import { messagesArgs } from '../../../src/shared/messages/messages-args';

// Issue 18: the console's texts calls over a real sandbox workspace (its data folder holds
// jobs.json, the claims, the opt-out list and the sandbox phone).

let dir: string;
let ws: Workspace;
/** 22:30 in Chicago on 2031-04-01: inside 21:00–08:00. */
let now = new Date('2031-04-02T03:30:00Z');

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-messages-api-'));
  await openWorkspace(dir); // writes a sandbox's config.json
  const configFile = path.join(dir, 'config.json');
  const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
  config.business = { ...(config.business as object), time_zone: 'America/Chicago' };
  config.messages = { auto: ['en_route'], quiet_hours: { from: '21:00', to: '08:00' } };
  await writeFile(configFile, JSON.stringify(config));
  ws = await openWorkspace(dir);
  now = new Date('2031-04-02T03:30:00Z');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const api = () => createMessagesApi(ws, { now: () => now, by: () => 'ana (console)' });

async function maria() {
  const { job } = await ws.jobs.createJob(
    {
      customer_name: 'Maria Lopez',
      address: '2250 North Lincoln Ave',
      pickup_date: '2031-04-02T15:00:00Z',
      price: 300,
      phone: '(312) 555-0142',
      allow_past_pickup: true,
    },
    workspaceActor(ws.config, 'console'),
  );
  return job;
}

describe('the texts calls', () => {
  it('list a text owed in quiet hours as held, with when it goes', async () => {
    const job = await maria();
    await ws.jobs.setJobStatus(
      job.job_id,
      'en_route',
      undefined,
      workspaceActor(ws.config, 'console'),
    );
    const [listed] = await api().listTexts(job.job_id);
    expect(listed).toMatchObject({
      job_id: job.job_id,
      to: '+13125550142',
      trigger: 'en_route',
      status: 'held',
      reason: 'quiet hours until 8:00 AM',
    });
    expect(await api().flushTexts()).toEqual({ sent: 0, held: 1, failed: 0, skipped: 0 });
    now = new Date('2031-04-02T13:05:00Z');
    expect(await api().flushTexts()).toEqual({ sent: 1, held: 0, failed: 0, skipped: 0 });
    expect((await api().listTexts())[0]).toMatchObject({ status: 'sent', segments: 1 });
  });

  it('sendText sends typed words at once, even in quiet hours, and counts them this month', async () => {
    const job = await maria();
    const saved = await api().sendText(job.job_id, { body: 'Running 10 minutes late, sorry!' });
    expect(saved.warning).toBeNull();
    expect(saved.job.texts?.at(-1)).toMatchObject({
      trigger: 'manual',
      state: 'sent',
      body: 'Running 10 minutes late, sorry!',
      by: 'ana (console)',
    });
    const status = await api().getMessagesStatus();
    expect(status).toMatchObject({ provider: 'sandbox', month_texts: 1, month_segments: 1 });
    expect(status.phone_url).toMatch(/\/__phone\/$/);
  });

  it('sendText of a held text’s template sends that text now, not a second one', async () => {
    const job = await maria();
    await ws.jobs.setJobStatus(
      job.job_id,
      'en_route',
      undefined,
      workspaceActor(ws.config, 'console'),
    );
    const saved = await api().sendText(job.job_id, { status: 'en_route' });
    expect(saved.warning).toBeNull();
    expect(saved.job.texts?.map((t) => [t.trigger, t.state])).toEqual([['en_route', 'sent']]);
    now = new Date('2031-04-02T13:05:00Z'); // quiet hours over: nothing more goes
    expect(await api().flushTexts()).toEqual({ sent: 0, held: 0, failed: 0, skipped: 0 });
    expect(await ws.data.list('sandbox-phone/texts/')).toHaveLength(1);
  });

  it('sendText refuses an opted-out number in plain words and writes nothing', async () => {
    const job = await maria();
    await new OptOutList(ws.data).add('+13125550142', now.toISOString());
    const before = await ws.data.get('jobs.json');
    await expect(api().sendText(job.job_id, { status: 'scheduled' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('texted STOP') as unknown,
    });
    expect((await ws.data.get('jobs.json'))?.etag).toBe(before?.etag);
    expect((await api().getMessagesStatus()).opted_out).toEqual(['+13125550142']);
  });

  it('markTextsRead marks the job’s replies read', async () => {
    const job = await maria();
    await ws.repository.update((jobs) => {
      const next = jobs.map((j) =>
        j.job_id === job.job_id
          ? {
              ...j,
              texts: [
                {
                  id: 'aaaaaaaaaaaaaaaa',
                  direction: 'in' as const,
                  trigger: 'reply' as const,
                  state: 'received' as const,
                  at: now.toISOString(),
                  from: '+13125550142',
                  body: 'Thanks!',
                },
              ],
            }
          : j,
      );
      return { jobs: next, result: null, changed: next };
    });
    const saved = await api().markTextsRead(job.job_id);
    expect(saved.job.texts?.[0]?.read_at).toBe(now.toISOString());
  });

  it('the arguments are parsed: typed words or a template, never both', () => {
    expect(messagesArgs.sendText.safeParse(['a1b2c3d4e5f60718', { body: 'hi' }]).success).toBe(
      true,
    );
    expect(
      messagesArgs.sendText.safeParse(['a1b2c3d4e5f60718', { body: 'hi', status: 'scheduled' }])
        .success,
    ).toBe(false);
    expect(messagesArgs.listTexts.safeParse([]).success).toBe(true);
    expect(messagesArgs.listTexts.safeParse(['../x']).success).toBe(false);
  });

  it('an AWS workspace with no messages.aws has no provider, and its owed texts say why', () => {
    const aws = { ...ws, config: { ...ws.config, mode: 'aws', messages: { auto: [] } } };
    expect(textProviderOf(aws as unknown as Workspace)).toBeNull();
    expect(NO_PROVIDER_REASON).toBe('No text provider is set up (Settings → Texts)');
  });
});
