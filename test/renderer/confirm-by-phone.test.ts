import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { Job } from '../../src/shared/job';
import type { JobEdit } from '../../src/shared/jobs/job-edit';
import { coverageLine, forEachFault, settleOrAbandon } from '../support/fault-plan';
import type { FaultPlan } from '../support/fault-plan';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// A request confirmed by phone gets the price agreed on the phone (issue 17: it kept 0, and
// its card said "$0.00"). The stores talk to window.qdn only: a small core stands in.
const request: Job = {
  ...MARK_SEED_RECORD,
  customer_name: 'Priya Nair',
  status: 'requested',
  price: 0,
  updated_at: '2026-12-07T09:00:00Z',
};

function fakeCore() {
  const jobs = new Map([[request.job_id, structuredClone(request)]]);
  const answer = (job: Job): Promise<CallResult> =>
    Promise.resolve({ ok: true, value: { job: structuredClone(job), warning: null } });
  return {
    jobs,
    listJobs: (): Promise<CallResult> =>
      Promise.resolve({ ok: true, value: [...jobs.values()].map((j) => structuredClone(j)) }),
    editJob(id: string, edit: JobEdit): Promise<CallResult> {
      const job = jobs.get(id)!;
      if (edit.base?.price !== undefined && edit.base.price !== job.price) {
        return Promise.resolve({ ok: false, error: { code: 'conflict', message: 'changed' } });
      }
      const next = { ...job, ...(edit.changes as Partial<Job>) };
      jobs.set(id, next);
      return answer(next);
    },
    setJobStatus(id: string, status: Job['status'], reason?: string): Promise<CallResult> {
      const job = jobs.get(id)!;
      if (job.status === 'requested' && !job.quoted_at && !reason?.trim()) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid_transition', message: 'why' },
        });
      }
      const next = { ...job, status };
      jobs.set(id, next);
      return answer(next);
    },
  };
}
type Core = ReturnType<typeof fakeCore>;

function serve(core: Core, plan?: FaultPlan) {
  const api = {
    listJobs: () => core.listJobs(),
    editJob: core.editJob.bind(core),
    setJobStatus: core.setJobStatus.bind(core),
  };
  vi.stubGlobal('window', { qdn: plan ? plan.wrap(api, 'qdn') : api });
}

async function modules() {
  const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
  const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
  const phone = await import('../../src/renderer/src/board/confirm-by-phone');
  return { board: useBoardStore, toasts: useToastStore, ...phone };
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

describe('a request confirmed by phone (issue 17)', () => {
  it('saves the agreed price, then schedules it with the reason', async () => {
    const core = fakeCore();
    serve(core);
    const m = await modules();
    await m.board.getState().load();
    expect(await m.confirmByPhone(request, 350, 'agreed on the phone')).toBe(true);
    expect(core.jobs.get(request.job_id)).toMatchObject({ status: 'scheduled', price: 350 });
    expect(m.board.getState().jobs[0]).toMatchObject({ status: 'scheduled', price: 350 });
  });

  it('reads the agreed price as typed, refusing what is not one', async () => {
    const { agreedPriceOf } = await modules();
    expect(agreedPriceOf(' 350 ')).toBe(350);
    expect(agreedPriceOf('350.5')).toBe(350.5);
    expect(agreedPriceOf('')).toBeNull();
    expect(agreedPriceOf('$350')).toBeNull();
    expect(agreedPriceOf('3.505')).toBeNull();
    expect(agreedPriceOf('-5')).toBeNull();
  });

  it('a fault at each call: never Scheduled at 0, and a clean re-run schedules it at the price', async () => {
    const report = await forEachFault(async (plan, fault) => {
      vi.resetModules();
      const core = fakeCore();
      serve(core);
      const m = await modules();
      await m.board.getState().load();
      serve(core, plan);
      await settleOrAbandon(m.confirmByPhone(request, 350, 'agreed on the phone'), plan);
      const stored = core.jobs.get(request.job_id)!;
      // Nothing scheduled without its price; the price is the one agreed or still none.
      expect([0, 350]).toContain(stored.price);
      if (stored.status === 'scheduled') expect(stored.price).toBe(350);
      if (fault === null) return;
      // The dispatcher confirms again from what the board shows now.
      vi.resetModules();
      serve(core);
      const again = await modules();
      await again.board.getState().load();
      const now = again.board.getState().jobs[0]!;
      if (now.status === 'requested') {
        await again.confirmByPhone(now, now.price === 0 ? 350 : null, 'agreed on the phone');
      }
      expect(core.jobs.get(request.job_id)).toMatchObject({ status: 'scheduled', price: 350 });
    });
    console.log(coverageLine('confirm by phone (price, then the move)', report));
    expect(report.calls).toBeGreaterThanOrEqual(2);
  });
});
