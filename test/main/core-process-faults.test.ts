import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreProcess } from '../../src/main/core-process';
import type { CoreChild, CoreProcess } from '../../src/main/core-process';
import type { CallResult } from '../../src/shared/api';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { coverageLine, forEachFault } from '../support/fault-plan';
import type { Fault, FaultPlan } from '../support/fault-plan';
import { forkCoreFromSource } from '../support/forked-core';

// The core's process dies at each message of a create in turn (issue 16, item 8): the start,
// the call, its answer, the close. Every message that crosses the link counts as one call of
// the fault plan (events, warnings and links pass uncounted: their number depends on timing).
// At message k the child is killed (SIGKILL): with `fail` before k is delivered (it is lost),
// with `stop` just after (it landed, nothing after it does). Whatever k: no call hangs, every
// answer is the job saved or a plain error, Mark's job is never lost, jobs.json stays readable,
// and a clean re-run (the restarted child, or a new start) saves the job.

const COUNTED = new Set(['start', 'started', 'startFailed', 'call', 'result', 'close', 'closed']);
const NEW_JOB = {
  customer_name: 'Ana',
  address: '4410 N Clark St',
  pickup_date: '2031-05-01T16:00:00Z',
  price: 540,
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-core-faults-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * A forked core whose messages, both ways, pass the plan first: at the fault the child is
 * killed, with the message dropped (`fail`) or delivered (`stop`).
 */
function gated(plan: FaultPlan, fault: Fault | null, kills: { count: number }): CoreChild {
  const child = forkCoreFromSource();
  const kill = () => {
    kills.count += 1;
    child.kill();
  };
  const gate = (direction: string, message: unknown, deliver: () => void) => {
    const type = (message as { type?: string }).type ?? '?';
    if (!COUNTED.has(type) || plan.fired) return deliver();
    const before = plan.calls.length;
    // The plan's port is async; the gate answers at once (no message waits on another).
    plan
      .wrap({ cross: async () => undefined }, `${direction} ${type}`)
      .cross()
      .catch(() => undefined); // a `fail` here is the kill below
    const hit = plan.calls.length > before && fault !== null && plan.calls.length === fault.at;
    if (!hit) return deliver();
    if (fault.mode === 'stop') deliver();
    kill();
  };
  return {
    postMessage: (message) => gate('main→core', message, () => child.postMessage(message)),
    onMessage: (listener) =>
      child.onMessage((message) => gate('core→main', message, () => listener(message))),
    onExit: (listener) => child.onExit(listener),
    kill: () => child.kill(),
  };
}

/**
 * `work`'s outcome, or a failure if it has not settled within `ms`. Not settleOrAbandon: after
 * the kill nothing in this process is stopped, so every promise here must settle, and soon.
 */
async function settles(work: Promise<unknown>, what: string, ms = 20_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  const outcome = await Promise.race([
    work.then(
      () => 'ok',
      (err: unknown) => `error: ${err instanceof Error ? err.message : String(err)}`,
    ),
    late,
  ]);
  clearTimeout(timer);
  expect(outcome, `${what} settles`).not.toBe('hung');
  return outcome;
}

const jobsOnDisk = async (dir: string): Promise<Job[]> => {
  const text = await readFile(path.join(dir, 'data', 'jobs.json'), 'utf8');
  const parsed = JSON.parse(text) as Job[] | { jobs: Job[] };
  return Array.isArray(parsed) ? parsed : parsed.jobs;
};

describe('the core process dying at each message of a create', () => {
  it('never hangs a call, never loses a job, and saves on a clean re-run', async () => {
    let run = 0;
    const report = await forEachFault(async (plan, fault) => {
      const dir = path.join(root, `run-${run++}`);
      await mkdir(path.join(dir, 'data'), { recursive: true });
      await writeFile(path.join(dir, 'data', 'jobs.json'), JSON.stringify([MARK_SEED_RECORD]));
      const kills = { count: 0 };
      const warnings: string[] = [];
      const options = {
        workspaceDir: dir,
        uploader: async () => null,
        warn: (m: string) => warnings.push(m),
        onLinks: () => undefined,
        closeTimeoutMs: 5000,
      };

      let core: CoreProcess | null = null;
      const starting = startCoreProcess({ ...options, spawn: () => gated(plan, fault, kills) });
      const started = await settles(
        starting.then((c) => (core = c)),
        'the start',
      );
      let first: CallResult | null = null;
      if (core) {
        const running: CoreProcess = core;
        let answer: CallResult | null = null;
        await settles(
          running.call('createJob', [NEW_JOB]).then((r) => (answer = r)),
          'the create',
        );
        first = answer!;
        if (!first.ok) {
          expect(first.error).toEqual({
            code: 'internal',
            message: expect.stringMatching(/^The console's core stopped unexpectedly/),
          });
        }
        expect(await settles(running.close(), 'the close')).toBe('ok');
      } else {
        // A start cut short is said in words, never left pending.
        expect(started).toMatch(/^error: The console's core stopped while starting/);
      }
      expect(kills.count).toBe(fault ? 1 : 0);

      // Nothing lost: Mark's job is there, and the file reads.
      const after = await jobsOnDisk(dir);
      expect(after.map((j) => j.job_id)).toContain(MARK_SEED_RECORD.job_id);
      const anas = after.filter((j) => j.customer_name === 'Ana');
      if (first?.ok) expect(anas).toHaveLength(1); // said saved: it is
      expect(anas.length).toBeLessThanOrEqual(1);

      // The clean re-run: a new start saves the job (again, if the first one landed).
      const clean = await startCoreProcess({ ...options, spawn: () => forkCoreFromSource() });
      try {
        expect(await clean.call('createJob', [NEW_JOB])).toMatchObject({ ok: true });
        const listed = await clean.call('listJobs', []);
        expect(listed.ok).toBe(true);
        const jobs = (listed as { ok: true; value: Job[] }).value;
        expect(jobs.map((j) => j.job_id)).toContain(MARK_SEED_RECORD.job_id);
        expect(jobs.filter((j) => j.customer_name === 'Ana')).toHaveLength(anas.length + 1);
      } finally {
        await clean.close();
      }
      await rm(dir, { recursive: true, force: true });
    });
    console.log(coverageLine('a create through the core process (child killed)', report));
    expect(report.names).toEqual([
      'main→core start.cross',
      'core→main started.cross',
      'main→core call.cross',
      'core→main result.cross',
      'main→core close.cross',
      'core→main closed.cross',
    ]);
  }, 300_000);
});
