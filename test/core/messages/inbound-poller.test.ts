import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startInboundPoller } from '../../../src/core/messages/inbound-poller';
import type { InboundChannel } from '../../../src/core/messages/messages-ports';
import { queueSandboxInbound } from '../../../src/core/messages/sandbox-inbound-channel';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import {
  inboundRecorderOf,
  startWorkspaceInbound,
} from '../../../src/core/workspace/workspace-inbound';
import type { Job } from '../../../src/shared/job';
import { inboundJobs, MARK_PHONE, writeJobs } from './inbound-world';

// The console's poller (src/core/messages/inbound-poller.ts, composed in
// src/core/workspace/workspace-inbound.ts) on a real sandbox: a reply queued while it runs
// reaches `onChanged` with its job; a failing channel is told once and retried; stop ends it.

let dir: string;
let ws: Workspace;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-poller-'));
  ws = await openWorkspace(dir);
  await writeJobs(path.join(dir, 'data'), inboundJobs());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the inbound poller', () => {
  it('brings a reply queued while it runs to onChanged, with its job as saved', async () => {
    const seen: Job[][] = [];
    const poller = await startWorkspaceInbound(
      ws,
      (jobs) => seen.push(jobs),
      () => {},
      20,
    );
    expect(poller).not.toBeNull();
    try {
      await queueSandboxInbound(ws.data, {
        kind: 'reply',
        providerId: 'p-1',
        from: MARK_PHONE,
        to: '',
        body: 'Running late?',
        at: new Date().toISOString(),
      });
      await expect.poll(() => seen.length, { timeout: 3000 }).toBe(1);
      expect(seen[0]!.map((j) => j.job_id)).toEqual(['aaaaaaaaaaaaaaa2']);
      expect(seen[0]![0]!.texts!.at(-1)!.body).toBe('Running late?');
    } finally {
      await poller!.stop();
    }
    const passes = poller!.passes;
    await new Promise((r) => setTimeout(r, 60));
    expect(poller!.passes).toBe(passes); // stopped means stopped
  });

  it('tells a failing channel once, keeps trying, and recovers', async () => {
    let calls = 0;
    const channel: InboundChannel = {
      receive: () => {
        calls += 1;
        return calls <= 2 ? Promise.reject(new Error('disk unplugged')) : Promise.resolve([]);
      },
    };
    const warnings: string[] = [];
    const poller = startInboundPoller({
      recorder: inboundRecorderOf(ws),
      channel,
      intervalMs: 1,
      onChanged: () => {},
      warn: (m) => warnings.push(m),
    });
    try {
      // Backoff: 1 s after the first failure, 2 s after the second.
      await expect.poll(() => poller.passes, { timeout: 5000, interval: 50 }).toBeGreaterThan(0);
    } finally {
      await poller.stop();
    }
    expect(warnings).toEqual(["Customers' texts could not be read: disk unplugged"]);
  }, 10_000);

  it('stops at once while it waits between passes', async () => {
    const poller = startInboundPoller({
      recorder: inboundRecorderOf(ws),
      channel: { receive: () => Promise.resolve([]) },
      intervalMs: 60_000,
      onChanged: () => {},
      warn: () => {},
    });
    await expect.poll(() => poller.passes).toBe(1);
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
