import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startConsoleSession } from '../../../src/core/console/console-session';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import { workspaceActor } from '../../../src/core/jobs/workspace-job-rules';
import { SANDBOX_PHONE_KEYS } from '../../../src/core/messages/messages-ports';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';

// The console's side of issue 18: a move from the board texts the customer before its answer
// (src/core/console/core-api.ts → src/core/operations/texting-status-change.ts), and a text
// left owed (a console closed before sending) goes at the next console's start.

let dir: string;
let session: ConsoleSession | null = null;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-console-texts-'));
});
afterEach(async () => {
  await session?.close();
  session = null;
  await rm(dir, { recursive: true, force: true });
});

const input = () => ({
  customer_name: 'Maria Lopez',
  address: '2250 North Lincoln Ave',
  pickup_date: new Date(Date.now() + 86_400_000).toISOString(),
  price: 300,
  phone: '+1 312 555 0142',
});

it("a move to En route on the board comes back with the customer's text sent", async () => {
  session = await startConsoleSession(dir, { warn: () => {} });
  const { job } = await session.api.createJob(input());
  const saved = await session.api.setJobStatus(job.job_id, 'en_route');
  expect(saved.warning).toBeNull();
  expect(saved.job.texts).toHaveLength(1);
  expect(saved.job.texts?.[0]).toMatchObject({ trigger: 'en_route', state: 'sent' });
  expect(saved.job.texts?.[0]?.body).toContain(`${session.edge?.url}/track/`);
  expect(await session.workspace.data.list(SANDBOX_PHONE_KEYS.texts)).toHaveLength(1);
  const listed = await session.api.listTexts(job.job_id);
  expect(listed.map((t) => t.status)).toEqual(['sent']);
}, 30_000);

it('a text left owed goes out when the console starts', async () => {
  const ws = await openWorkspace(dir);
  const { job } = await ws.jobs.createJob(input());
  // Saved by a console that closed before it could send: the intent alone is on the job.
  const moved = await ws.jobs.setJobStatus(
    job.job_id,
    'en_route',
    undefined,
    workspaceActor(ws.config, 'console'),
  );
  expect(moved.job.texts?.[0]?.state).toBe('pending');
  session = await startConsoleSession(dir, { warn: () => {} });
  await expect
    .poll(async () => (await session!.api.listTexts(job.job_id))[0]?.status, { timeout: 5000 })
    .toBe('sent');
  expect(await session.workspace.data.list(SANDBOX_PHONE_KEYS.texts)).toHaveLength(1);
}, 30_000);

it("a customer's confirmation brought in by an inbox pass texts them the scheduled text", async () => {
  await openWorkspace(dir);
  const configFile = path.join(dir, 'config.json');
  const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
  config.messages = { auto: ['scheduled', 'en_route'] };
  await writeFile(configFile, JSON.stringify(config));
  session = await startConsoleSession(dir, { warn: () => {} });
  const { price: _price, ...lead } = input();
  const { job } = await session.api.createRequest(lead);
  await session.api.quoteJob(job.job_id, {
    price: 250,
    pickup_date: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  await session.workspace.data.put(
    'inbox/new/confirm.json',
    JSON.stringify({
      schema: 1,
      kind: 'confirm',
      id: 'cnf-aaaaaaaaaaaaaaaa',
      submitted_at: new Date().toISOString(),
      token: job.tracking_token,
      answer: 'confirm',
    }),
  );
  const pass = await session.api.ingestInbox();
  expect(pass.confirmed.map((c) => c.job_id)).toEqual([job.job_id]);
  await expect
    .poll(
      async () => (await session!.api.listTexts(job.job_id)).map((t) => [t.trigger, t.status]),
      {
        timeout: 5000,
      },
    )
    .toEqual([['scheduled', 'sent']]);
}, 30_000);

it("the outcome a move writes is the console's own: its watcher does not report it as a change from elsewhere", async () => {
  session = await startConsoleSession(dir, { warn: () => {} });
  const { job } = await session.api.createJob(input());
  const elsewhere: unknown[] = [];
  session.subscribe((name, payload) => {
    if (name === 'jobsChanged') elsewhere.push(payload);
  });
  const saved = await session.api.setJobStatus(job.job_id, 'en_route');
  expect(saved.job.texts?.[0]?.state).toBe('sent');
  // Past two of the sandbox watcher's 1 s polls (src/core/jobs/jobs-watch.ts).
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(elsewhere).toEqual([]);
}, 30_000);
