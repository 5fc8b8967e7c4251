import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startConsoleSession } from '../../../src/core/console/console-session';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import type { Job } from '../../../src/shared/job';
import { inboundJobs, MARK_PHONE, writeJobs } from '../messages/inbound-world';

// The console session polls its sandbox's phone queue (src/core/workspace/workspace-inbound.ts
// wired in src/core/console/console-session.ts): a reply posted on /__phone/ reaches the window
// as `textsChanged` with its job, within the 3 s of issue 18's bench row; closing stops it.

let dir: string;
let session: ConsoleSession | null = null;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-console-inbound-'));
  await writeJobs(path.join(dir, 'data'), inboundJobs());
});
afterEach(async () => {
  await session?.close();
  session = null;
  await rm(dir, { recursive: true, force: true });
});

it('a reply on the phone page reaches the window as textsChanged with its job', async () => {
  session = await startConsoleSession(dir, { warn: () => {} });
  const changed: Job[][] = [];
  session.subscribe((name, payload) => {
    if (name === 'textsChanged') changed.push((payload as { jobs: Job[] }).jobs);
  });
  const posted = Date.now();
  const res = await fetch(`${session.edge!.url}/__phone/reply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: MARK_PHONE, text: 'Is the truck close?' }),
  });
  expect(res.status).toBe(202);
  await expect
    .poll(
      () => changed.flat().some((j) => j.texts?.some((t) => t.body === 'Is the truck close?')),
      {
        timeout: 3000,
        interval: 20,
      },
    )
    .toBe(true);
  expect(Date.now() - posted).toBeLessThan(3000);
  const job = changed.flat().find((j) => j.job_id === 'aaaaaaaaaaaaaaa2')!;
  expect(job.texts!.at(-1)).toMatchObject({ direction: 'in', state: 'received', from: MARK_PHONE });
  expect(
    (await session.api.listJobs()).find((j) => j.job_id === 'aaaaaaaaaaaaaaa2')!.texts!.at(-1)!
      .body,
  ).toBe('Is the truck close?');
});
