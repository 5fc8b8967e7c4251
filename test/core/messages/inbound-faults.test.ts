import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
import type { ObjectStore } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { FaultPlan } from '../../support/fault-plan';
import { DEE_PHONE, inboundJobs, MARK_PHONE, STRANGER, writeJobs } from './inbound-world';

// A receive pass writes several times (jobs.json, the opt-out list, texts kept aside, the
// queue's acks). Each store call of one pass over a mixed queue is failed, then stopped, in
// turn (test/support/fault-plan.ts). After the fault: every event is still queued or recorded
// (nothing lost), none is on a job twice. After clean re-runs: each is recorded exactly once,
// the report for a text not yet sent still waits, and the queue holds nothing else.

const NOW = new Date('2031-04-01T15:00:00Z');
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-inbound-faults-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const at = '2031-04-01T14:59:00Z';
const reply = (providerId: string, from: string, body: string): InboundEvent => ({
  kind: 'reply',
  providerId,
  from,
  to: '+13125550000',
  body,
  at,
});
const EVENTS: InboundEvent[] = [
  reply('r-mark', MARK_PHONE, 'Gate code 4411'),
  reply('r-dee-stop', DEE_PHONE, 'STOP'),
  reply('r-stranger', STRANGER, 'Couches?'),
  { kind: 'delivery', providerId: 'sandbox-out-1', state: 'delivered', at },
  { kind: 'delivery', providerId: 'not-sent-yet', state: 'delivered', at },
];

function recorderOver(data: ObjectStore): InboundRecorder {
  return new InboundRecorder({
    jobs: new JobsRepository(data),
    data,
    optOuts: new OptOutList(data),
    country: 'US',
    now: () => NOW,
  });
}

const inbound = (jobs: Job[], providerId: string) =>
  jobs.flatMap((j) =>
    (j.texts ?? [])
      .filter((t) => t.direction === 'in' && t.provider_id === providerId)
      .map(() => j.job_id),
  );

let worlds = 0;
it('a receive pass, failed or stopped at every store call, loses nothing and records nothing twice', async () => {
  const report = await forEachFault(async (plan: FaultPlan) => {
    const dir = path.join(root, `w${++worlds}`);
    await writeJobs(path.join(dir, 'data'), inboundJobs());
    const data = new LocalFolderStore(path.join(dir, 'data'));
    for (const [i, event] of EVENTS.entries()) await queueSandboxInbound(data, event, 1_000 + i);

    const wrapped = plan.wrap(data, 'data');
    const outcome = await settleOrAbandon(
      recorderOver(wrapped).pass(new SandboxInboundChannel(wrapped)),
      plan,
    );
    if (plan.fault?.mode === 'fail') expect(outcome).toMatch(/^error: injected fault/);
    if (!plan.fault) expect(outcome).toBe('ok');

    const check = async (final: boolean) => {
      const jobs = await new JobsRepository(data).list();
      const queue = await Promise.all(
        (await data.list(SANDBOX_PHONE_KEYS.inbound)).map(
          async (m) => JSON.parse((await data.get(m.key))!.body.toString('utf8')) as InboundEvent,
        ),
      );
      const queuedIds = queue.map((e) => e.providerId);
      const kept = (await listUnmatched(data)).map((u) => u.event.providerId);
      // Nothing twice.
      expect(inbound(jobs, 'r-mark').length).toBeLessThanOrEqual(1);
      expect(inbound(jobs, 'r-dee-stop').length).toBeLessThanOrEqual(1);
      expect(kept.filter((id) => id === 'r-stranger').length).toBeLessThanOrEqual(1);
      // Nothing lost: each event is queued still, or where it belongs.
      const mark = jobs.find((j) => j.job_id === 'aaaaaaaaaaaaaaa2')!;
      expect(queuedIds.includes('r-mark') || inbound(jobs, 'r-mark').length === 1).toBe(true);
      expect(queuedIds.includes('r-dee-stop') || inbound(jobs, 'r-dee-stop').length === 1).toBe(
        true,
      );
      expect(queuedIds.includes('r-stranger') || kept.includes('r-stranger')).toBe(true);
      expect(queuedIds.includes('sandbox-out-1') || mark.texts![0]!.state === 'delivered').toBe(
        true,
      );
      expect(queuedIds).toContain('not-sent-yet');
      // A STOP on the job means the list has it (it is written first).
      if (inbound(jobs, 'r-dee-stop').length === 1) {
        expect(await new OptOutList(data).has(DEE_PHONE)).toBe(true);
      }
      if (final) {
        expect(queuedIds).toEqual(['not-sent-yet']);
        expect(inbound(jobs, 'r-mark')).toEqual(['aaaaaaaaaaaaaaa2']);
        expect(inbound(jobs, 'r-dee-stop')).toEqual(['bbbbbbbbbbbbbbb1']);
        expect(kept).toEqual(['r-stranger']);
        expect(mark.texts![0]!.state).toBe('delivered');
        expect(await new OptOutList(data).list()).toMatchObject([
          { number: DEE_PHONE, keyword: 'STOP' },
        ]);
        expect(jobs.map((j) => j.job_id).sort()).toEqual(
          inboundJobs()
            .map((j) => j.job_id)
            .sort(),
        );
      }
    };
    await check(false);
    // The next passes, clean (the poller's next seconds).
    for (let i = 0; i < 2; i++) await recorderOver(data).pass(new SandboxInboundChannel(data));
    await check(true);
  });
  console.log(coverageLine('inbound receive pass', report));
  expect(report.calls).toBeGreaterThan(10);
}, 120_000);
