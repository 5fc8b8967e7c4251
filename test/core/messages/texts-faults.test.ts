import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { OptOutList } from '../../../src/core/messages/opt-outs';
import type { OutgoingText, TextSender } from '../../../src/core/messages/messages-ports';
import { CLAIM_LEASE_MS, flushAll } from '../../../src/core/messages/text-flush';
import type { FlushDeps } from '../../../src/core/messages/text-flush';
import { setStatusAndText } from '../../../src/core/operations/texting-status-change';
import type { Job } from '../../../src/shared/job';
import type { JobStatus } from '../../../src/shared/status-flow';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { Fault, FaultPlan } from '../../support/fault-plan';

// Issue 18 "Exactly once", under the fault harness: a status change that texts (jobs.json write,
// status document, claim, the provider, the outcome write) and a flush of an owed text are each
// failed and stopped at every call in turn, then re-run clean as the dispatcher and the console
// would (the move clicked again; the console's next start, past the claim's lease). Invariants:
// the move is saved whole or not at all (status and intent in one write); after the re-run every
// owed text is sent, by the provider's own count once — twice only in the window chosen for
// at-least-once (src/core/messages/text-flush.ts: killed after the provider took it, before the
// outcome was written) — and nothing is left pending.

const RULES = { autoTexts: ['en_route'] as JobStatus[], phoneCountry: 'US' as const };
const NOW = new Date('2031-04-01T15:00:00Z'); // 10:00 in Chicago, outside quiet hours
const LATER = new Date(NOW.getTime() + CLAIM_LEASE_MS + 1_000);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-texts-faults-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The provider: it has taken a text the moment it is called (what it counts is the truth). */
class Provider implements TextSender {
  readonly name = 'sandbox' as const;
  readonly took: OutgoingText[] = [];
  send(text: OutgoingText) {
    this.took.push(text);
    return Promise.resolve({ providerId: `p-${this.took.length}` });
  }
}

interface World {
  data: ObjectStore;
  prod: ObjectStore;
  job: Job;
  provider: Provider;
}

async function newWorld(owed: boolean): Promise<World> {
  const dir = await mkdtemp(path.join(root, 'w-'));
  const data = new LocalFolderStore(path.join(dir, 'data'));
  const prod = new LocalFolderStore(path.join(dir, 'prod'));
  const service = serviceOver(data, prod, NOW);
  const { job } = await service.createJob({
    customer_name: 'Maria Lopez',
    address: '2250 North Lincoln Ave',
    pickup_date: '2031-04-01T19:00:00Z',
    price: 300,
    phone: '(312) 555-0142',
  });
  const provider = new Provider();
  if (!owed) return { data, prod, job, provider };
  // A move saved by a console that closed before sending: the text is owed.
  const moved = await service.setJobStatus(job.job_id, 'en_route', undefined, { rules: RULES });
  return { data, prod, job: moved.job, provider };
}

function serviceOver(data: ObjectStore, prod: ObjectStore, now: Date): JobsService {
  return new JobsService(
    new JobsRepository(data),
    new StatusPublisher([prod], { name: 'QuickDumpNow' }),
    () => now,
  );
}

function depsOver(data: ObjectStore, sender: TextSender, now: Date): FlushDeps {
  return {
    jobs: new JobsRepository(data),
    data,
    sender,
    optOuts: new OptOutList(data),
    settings: { quiet_hours: { from: '21:00', to: '08:00' } },
    timeZone: 'America/Chicago',
    bodyOf: (job) => `Hi ${job.customer_name}, the crew is on the way.`,
    now: () => now,
  };
}

const move = (data: ObjectStore, prod: ObjectStore, sender: TextSender, jobId: string, now: Date) =>
  setStatusAndText(
    serviceOver(data, prod, now),
    () => Promise.resolve(depsOver(data, sender, now)),
    jobId,
    'en_route',
    undefined,
    { rules: RULES },
  );

/** Checks what the world holds now, after the fault (`final` false) or the clean re-run. */
async function check(world: World, final: boolean, fault: Fault | null, sendAt: number | null) {
  const [job] = await new JobsRepository(world.data).list();
  expect(job).toBeDefined();
  const texts = job?.texts ?? [];
  // Never half: the status and its intent are one write.
  if (job?.status === 'scheduled') expect(texts).toHaveLength(0);
  else expect(texts.filter((t) => t.trigger === 'en_route')).toHaveLength(1);
  // Nothing is texted that was not owed, and only to the job's number.
  for (const t of world.provider.took) expect(t.to).toBe('+13125550142');
  if (!final) {
    expect(world.provider.took.length).toBeLessThanOrEqual(1);
    return;
  }
  expect(job?.status).toBe('en_route');
  expect(texts[0]?.state).toBe('sent');
  // Once; twice only when the run was killed after the provider took it and before the
  // outcome was written (the at-least-once window).
  const inWindow = fault?.mode === 'stop' && sendAt !== null && fault.at > sendAt;
  expect(world.provider.took.length).toBe(inWindow ? 2 : 1);
}

/** Which call of the clean run was the provider's. */
function sendCall(plan: FaultPlan): number | null {
  const at = plan.calls.indexOf('provider.send');
  return at === -1 ? null : at + 1;
}

describe('exactly once under faults', () => {
  it('a status change that texts, failed and stopped at every call, then re-run', async () => {
    let cleanSend: number | null = null;
    let twice = 0;
    const report = await forEachFault(async (plan, fault) => {
      const world = await newWorld(false);
      const data = plan.wrap(world.data, 'data');
      const prod = plan.wrap(world.prod, 'prod');
      const provider = plan.wrap<TextSender>(world.provider, 'provider');
      const outcome = await settleOrAbandon(
        move(data, prod, provider, world.job.job_id, NOW),
        plan,
      );
      if (fault === null) cleanSend = sendCall(plan);
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');
      await check(world, false, fault, cleanSend);
      // The dispatcher clicks the move again; the console's next start flushes past the lease.
      await move(world.data, world.prod, world.provider, world.job.job_id, LATER);
      await flushAll(depsOver(world.data, world.provider, LATER));
      await check(world, true, fault, cleanSend);
      if (world.provider.took.length === 2) twice += 1;
    });
    console.log(coverageLine('status change that texts', report));
    console.log(`  at-least-once window: ${twice} of ${report.runs} faulted runs sent twice`);
    expect(cleanSend).not.toBeNull();
  }, 120_000);

  it('a flush of an owed text, failed and stopped at every call, then re-run', async () => {
    let cleanSend: number | null = null;
    let twice = 0;
    const report = await forEachFault(async (plan, fault) => {
      const world = await newWorld(true);
      const data = plan.wrap(world.data, 'data');
      const provider = plan.wrap<TextSender>(world.provider, 'provider');
      const outcome = await settleOrAbandon(flushAll(depsOver(data, provider, NOW)), plan);
      if (fault === null) cleanSend = sendCall(plan);
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');
      await check(world, false, fault, cleanSend);
      await flushAll(depsOver(world.data, world.provider, LATER));
      await check(world, true, fault, cleanSend);
      if (world.provider.took.length === 2) twice += 1;
    });
    console.log(coverageLine('flush of an owed text', report));
    console.log(`  at-least-once window: ${twice} of ${report.runs} faulted runs sent twice`);
  }, 120_000);

  it('a text whose job moved on while it was owed is never sent', async () => {
    const world = await newWorld(true);
    await serviceOver(world.data, world.prod, NOW).setJobStatus(
      world.job.job_id,
      'canceled',
      'customer called',
      { rules: RULES },
    );
    await flushAll(depsOver(world.data, world.provider, LATER));
    expect(world.provider.took).toHaveLength(0);
    const [job] = await new JobsRepository(world.data).list();
    expect(job?.texts?.[0]?.state).toBe('skipped');
  });
});
